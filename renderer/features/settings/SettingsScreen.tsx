/** Réglages: analyst name, language, watched entities, reliability list import, demo workspace, about. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useApp } from '../../app/context';
import { setLanguage, type Language } from '../../i18n';
import { formatNumber } from '../../i18n/format';
import type { AppInfo } from '../../../shared/api/contract';

/** The settings screen. */
export function SettingsScreen() {
  const { t, i18n } = useTranslation();
  const { settings, reloadSettings, notify } = useApp();
  const [name, setName] = useState('');
  const [lang, setLang] = useState<Language>('fr');
  const [entities, setEntities] = useState('');
  const [info, setInfo] = useState<AppInfo | null>(null);
  // Web mode shows alert notices through the browser's Notification API once the analyst allows it.
  const [notifPermission, setNotifPermission] = useState(() =>
    typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
  );

  useEffect(() => {
    if (!settings) return;
    setName(settings.analystName);
    setLang(settings.language);
    setEntities(settings.watchedEntities.join('\n'));
  }, [settings]);
  useEffect(() => {
    void call('app:info').then((r) => {
      if (r.ok) setInfo(r.value);
    });
  }, []);

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const watchedEntities = entities
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    const r = await call('settings:set', { analystName: name.trim(), language: lang, watchedEntities });
    if (r.ok) {
      setLanguage(lang);
      reloadSettings();
      notify(i18n.t('settings.saved', { lng: lang }));
    } else notify(t('errors.generic'));
  };
  const importReliability = async (file: File | undefined) => {
    if (!file) return;
    const r = await call('settings:importReliability', { csv: await file.text() });
    if (r.ok) {
      notify(t('settings.reliabilityImported', { count: r.value.count }));
      reloadSettings();
    } else notify(t('errors.generic'));
  };

  return (
    <section className="screen settings" aria-labelledby="settings-title">
      <div className="screen-head">
        <h1 id="settings-title">{t('nav.settings')}</h1>
      </div>
      <div className="grid-2">
        <form className="panel" onSubmit={save} aria-labelledby="settings-general">
          <h2 id="settings-general">{t('settings.general')}</h2>
          <label className="block">
            <span>{t('settings.analystName')}</span>
            <input type="text" value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
          </label>
          <label className="block">
            <span>{t('settings.language')}</span>
            <select value={lang} onChange={(e) => setLang(e.target.value as Language)}>
              <option value="fr">Français</option>
              <option value="en">English</option>
            </select>
          </label>
          <label className="block">
            <span>{t('settings.entities')}</span>
            <textarea
              rows={8}
              value={entities}
              onChange={(e) => setEntities(e.target.value)}
              aria-describedby="entities-hint"
            />
          </label>
          <p id="entities-hint" className="muted small">
            {t('settings.entitiesHint')}
          </p>
          <button type="submit" className="primary">
            {t('common.save')}
          </button>
        </form>
        <div>
          <section className="panel" aria-labelledby="settings-rel">
            <h2 id="settings-rel">{t('settings.reliability')}</h2>
            <p>{t('settings.reliabilityCount', { count: settings?.reliabilityCount ?? 0 })}</p>
            <p className="muted small">{t('settings.reliabilityHint')}</p>
            <label className="file-button">
              <span>{t('settings.reliabilityImport')}</span>
              <input type="file" accept=".csv,text/csv" onChange={(e) => void importReliability(e.target.files?.[0])} />
            </label>
          </section>
          {info?.mode === 'web' && notifPermission !== 'unsupported' && (
            <section className="panel" aria-labelledby="settings-notif">
              <h2 id="settings-notif">{t('settings.notifications')}</h2>
              <p>{t(`settings.notif.${notifPermission}`)}</p>
              {notifPermission === 'default' && (
                <button type="button" onClick={() => void Notification.requestPermission().then(setNotifPermission)}>
                  {t('settings.notifAllow')}
                </button>
              )}
            </section>
          )}
          <section className="panel" aria-labelledby="settings-about">
            <h2 id="settings-about">{t('settings.about')}</h2>
            {info && (
              <dl className="kv">
                <dt>{t('settings.version')}</dt>
                <dd>{info.version}</dd>
                <dt>{t('settings.mode')}</dt>
                <dd>{t(`settings.modes.${info.mode}`)}</dd>
                {info.dbPath && (
                  <>
                    <dt>{t('settings.db')}</dt>
                    <dd className="url">{info.dbPath}</dd>
                  </>
                )}
                <dt>{t('settings.counts')}</dt>
                <dd>
                  {t('settings.countsValue', {
                    items: formatNumber(info.itemCount, i18n.language),
                    sources: formatNumber(info.sourceCount, i18n.language),
                  })}
                </dd>
              </dl>
            )}
          </section>
        </div>
      </div>
    </section>
  );
}
