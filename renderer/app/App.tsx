/** The shell: navigation, global search, keyboard map, help overlay, live events, screens. */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppContext, type AppContextValue, type CommandHandler } from './context';
import { resolveKey, type KeyState } from './keymap';
import { formatRoute, NAV_SCREENS, parseRoute, type Route } from './router';
import { call, subscribe } from '../api';
import { setLanguage } from '../i18n';
import { HelpOverlay } from '../components/HelpOverlay';
import { Toast } from '../components/Toast';
import { InboxScreen } from '../features/inbox/InboxScreen';
import { ItemScreen } from '../features/item/ItemScreen';
import { DemoBanner } from '../features/settings/DemoBanner';
import { isOwnChange } from '../features/inbox/triage-actions';
import type { Settings } from '../../shared/api/contract';

// Screens other than Priorité and Élément load on first visit: a smaller first bundle paints sooner.
const StoriesScreen = lazy(() =>
  import('../features/stories/StoriesScreen').then((m) => ({ default: m.StoriesScreen })),
);
const StoryScreen = lazy(() => import('../features/stories/StoryScreen').then((m) => ({ default: m.StoryScreen })));
const SourcesScreen = lazy(() =>
  import('../features/sources/SourcesScreen').then((m) => ({ default: m.SourcesScreen })),
);
const DashboardScreen = lazy(() =>
  import('../features/dashboard/DashboardScreen').then((m) => ({ default: m.DashboardScreen })),
);
const SettingsScreen = lazy(() =>
  import('../features/settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })),
);
const AlertsScreen = lazy(() => import('../features/alerts/AlertsScreen').then((m) => ({ default: m.AlertsScreen })));
const BriefsScreen = lazy(() => import('../features/briefs/BriefsScreen').then((m) => ({ default: m.BriefsScreen })));
const NAV_KEYS: Record<string, Route['screen']> = {
  'go-inbox': 'inbox',
  'go-stories': 'stories',
  'go-sources': 'sources',
  'go-dashboard': 'dashboard',
  'go-alerts': 'alerts',
  'go-briefs': 'briefs',
  'go-settings': 'settings',
};

/** The application root. */
export function App() {
  const { t } = useTranslation();
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  const [help, setHelp] = useState(false);
  const [toast, setToast] = useState<{ message: string; action?: { label: string; run: () => void } } | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [liveTick, setLiveTick] = useState(0);
  const handlerRef = useRef<CommandHandler | null>(null);
  const keyState = useRef<KeyState>({ pending: null });
  const toastTimer = useRef<number | undefined>(undefined);
  const searchRef = useRef<HTMLInputElement>(null);
  const [searchText, setSearchText] = useState(route.query ?? '');

  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const navigate = useCallback((next: Route) => {
    const hash = formatRoute(next);
    if (window.location.hash !== hash) window.location.hash = hash;
    setRoute(next);
  }, []);
  const back = useCallback(() => {
    if (route.screen === 'item' || route.screen === 'story') window.history.back();
  }, [route.screen]);

  const reloadSettings = useCallback(() => {
    void call('settings:get').then((r) => {
      if (!r.ok) return;
      setSettings(r.value);
      setLanguage(r.value.language);
    });
  }, []);
  useEffect(reloadSettings, [reloadSettings]);

  // Live updates: screens re-query in place on this tick, keeping their cursor by item id.
  useEffect(() => {
    const bump = () => setLiveTick((n) => n + 1);
    const offNew = subscribe('items:new', bump);
    // Our own triage echoes back as items:changed; the rows are already patched, so skip the re-query.
    const offChanged = subscribe('items:changed', (p) => {
      if (!isOwnChange(p.ids)) bump();
    });
    return () => {
      offNew();
      offChanged();
    };
  }, []);

  // Alerts meant for the desktop: the browser's Notification when allowed (web mode), always a toast.
  useEffect(
    () =>
      subscribe('alerts:notice', (n) => {
        notifyRef.current(`${t(`severity.${n.severity}`)} — ${n.title}`);
        if (typeof Notification !== 'undefined' && Notification.permission === 'granted')
          new Notification(n.title, { body: n.body, tag: n.tag });
      }),
    [t],
  );

  const notify = useCallback((message: string, action?: { label: string; run: () => void }) => {
    setToast({ message, action });
    window.clearTimeout(toastTimer.current);
    toastTimer.current = window.setTimeout(() => setToast(null), 6000);
  }, []);

  const notifyRef = useRef(notify);
  notifyRef.current = notify;
  const setCommandHandler = useCallback((h: CommandHandler | null) => {
    handlerRef.current = h;
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { command, state } = resolveKey(
        {
          key: e.key,
          ctrlKey: e.ctrlKey,
          metaKey: e.metaKey,
          altKey: e.altKey,
          target: e.target as HTMLElement | null,
        },
        keyState.current,
      );
      keyState.current = state;
      if (!command) return;
      if (help && command !== 'help' && command !== 'back') return;
      if (command === 'help') {
        setHelp((h) => !h);
        e.preventDefault();
        return;
      }
      if (command === 'back' && help) {
        setHelp(false);
        e.preventDefault();
        return;
      }
      if (command === 'search') {
        searchRef.current?.focus();
        searchRef.current?.select();
        e.preventDefault();
        return;
      }
      if (command === 'back' && e.target === searchRef.current) {
        searchRef.current?.blur();
        return;
      }
      if (NAV_KEYS[command]) {
        navigate({ screen: NAV_KEYS[command] });
        e.preventDefault();
        return;
      }
      if (handlerRef.current?.(command)) {
        e.preventDefault();
        return;
      }
      if (command === 'back') back();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [help, navigate, back]);

  const ctx: AppContextValue = useMemo(
    () => ({ route, navigate, back, notify, settings, reloadSettings, setCommandHandler, liveTick }),
    [route, navigate, back, notify, settings, reloadSettings, setCommandHandler, liveTick],
  );

  const submitSearch = (e: React.FormEvent) => {
    e.preventDefault();
    navigate({ screen: 'inbox', query: searchText.trim() || undefined });
    searchRef.current?.blur();
  };
  useEffect(() => {
    if (route.screen === 'inbox') setSearchText(route.query ?? '');
  }, [route]);

  const navActive = route.screen === 'story' ? 'stories' : route.screen === 'item' ? 'inbox' : route.screen;
  return (
    <AppContext.Provider value={ctx}>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <span className="brand" aria-label="Vigie">
          Vigie
        </span>
        <form role="search" className="search" aria-label={t('search.label')} onSubmit={submitSearch}>
          <label htmlFor="global-search" className="sr-only">
            {t('search.label')}
          </label>
          <input
            id="global-search"
            ref={searchRef}
            type="search"
            value={searchText}
            placeholder={t('search.placeholder')}
            onChange={(e) => setSearchText(e.target.value)}
            aria-describedby="search-hint"
            autoComplete="off"
          />
          <span id="search-hint" className="sr-only">
            {t('search.hint')}
          </span>
          <button type="submit">{t('search.submit')}</button>
        </form>
        <button type="button" className="help-button" onClick={() => setHelp(true)} aria-keyshortcuts="?">
          {t('keys.helpButton')}
        </button>
        <span className="analyst">{settings?.analystName || ''}</span>
      </header>
      <div className="layout">
        <nav className="sidenav" aria-label={t('nav.label')}>
          <ul>
            {NAV_SCREENS.map((s) => (
              <li key={s}>
                <a href={formatRoute({ screen: s })} aria-current={navActive === s ? 'page' : undefined}>
                  {t(`nav.${s}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="main" tabIndex={-1}>
          <DemoBanner />
          {/* The inbox stays mounted so returning from an item keeps the analyst's place (cursor, scroll, selection). */}
          <div hidden={route.screen !== 'inbox'} className="screen-host">
            <InboxScreen active={route.screen === 'inbox'} query={route.screen === 'inbox' ? route.query : undefined} />
          </div>
          <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
            {route.screen === 'stories' && <StoriesScreen />}
            {route.screen === 'story' && route.id && <StoryScreen id={route.id} />}
            {route.screen === 'item' && route.id && <ItemScreen id={route.id} />}
            {route.screen === 'sources' && <SourcesScreen />}
            {route.screen === 'dashboard' && <DashboardScreen />}
            {route.screen === 'alerts' && <AlertsScreen />}
            {route.screen === 'briefs' && <BriefsScreen />}
            {route.screen === 'settings' && <SettingsScreen />}
          </Suspense>
        </main>
      </div>
      <Toast
        message={toast?.message ?? null}
        actionLabel={toast?.action?.label}
        onAction={() => {
          toast?.action?.run();
          setToast(null);
        }}
      />
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </AppContext.Provider>
  );
}
