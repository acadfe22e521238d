/**
 * The analyst's edit of the brief: entries per section with move up/down (buttons, Alt+↑/↓),
 * remove/restore, and the analysis paragraph. Every change is saved as the period's draft at once
 * (briefs:draft:save), which preview, export and email then apply.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';
import type { BriefDraftView, BriefEntry } from '../../../shared/api/contract';
import type { SerializedError } from '../../../shared/errors';

/** Props: the period and a callback after each save (the screen refreshes the preview). */
export interface BriefEditorProps {
  range: { from: string; to: string };
  /** Changes when the period is (re)loaded. */
  loadKey: number;
  onSaved: () => void;
}

const SECTIONS: Array<BriefEntry['section']> = ['top', 'infox', 'selection'];

/** Moves `key` one place up or down among the entries of its own section (the brief orders each section separately). */
export function moveEntry(entries: BriefEntry[], key: string, dir: -1 | 1): BriefEntry[] {
  const i = entries.findIndex((e) => e.key === key);
  if (i < 0) return entries;
  const section = entries[i]!.section;
  let j = i + dir;
  while (j >= 0 && j < entries.length && entries[j]!.section !== section) j += dir;
  if (j < 0 || j >= entries.length) return entries;
  const next = [...entries];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

/** The brief editor. */
export function BriefEditor({ range, loadKey, onSaved }: BriefEditorProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<BriefDraftView | null>(null);
  const [analysis, setAnalysis] = useState('');
  const [error, setError] = useState<SerializedError | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const focusKey = useRef<string | null>(null);
  const rows = useRef(new Map<string, HTMLLIElement>());

  useEffect(() => {
    let live = true;
    void call('briefs:draft:get', range).then((r) => {
      if (!live) return;
      if (r.ok) {
        setDraft(r.value);
        setAnalysis(r.value.analysis ?? '');
        setError(null);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
    // Reload only when the screen asks (a new period), not on every render's fresh range object.
  }, [loadKey]);

  // Keep the keyboard focus on the entry the analyst just moved.
  useEffect(() => {
    if (focusKey.current) {
      rows.current.get(focusKey.current)?.focus();
      focusKey.current = null;
    }
  }, [draft]);

  const save = async (entries: BriefEntry[], removed: BriefEntry[], text: string, message: string) => {
    if (!draft) return;
    setDraft({ ...draft, entries, removed });
    setBusy(true);
    const r = await call('briefs:draft:save', {
      ...range,
      order: entries.map((e) => e.key),
      removed: removed.map((e) => e.key),
      analysis: text.trim() ? text : null,
    });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setDraft(r.value);
    setError(null);
    setStatus(message);
    onSaved();
  };

  if (!draft) return <ErrorNote error={error} />;
  const move = (e: BriefEntry, dir: -1 | 1) => {
    const next = moveEntry(draft.entries, e.key, dir);
    if (next === draft.entries) return;
    focusKey.current = e.key;
    void save(next, draft.removed, analysis, t(dir < 0 ? 'briefs.movedUp' : 'briefs.movedDown', { title: e.title }));
  };
  const remove = (e: BriefEntry) =>
    void save(
      draft.entries.filter((x) => x.key !== e.key),
      [...draft.removed, e],
      analysis,
      t('briefs.removedOne', { title: e.title }),
    );
  const restore = (e: BriefEntry) =>
    void save(
      draft.entries,
      draft.removed.filter((x) => x.key !== e.key),
      analysis,
      t('briefs.restoredOne', { title: e.title }),
    );
  const onKey = (ev: React.KeyboardEvent, e: BriefEntry) => {
    if (!ev.altKey || (ev.key !== 'ArrowUp' && ev.key !== 'ArrowDown')) return;
    ev.preventDefault();
    move(e, ev.key === 'ArrowUp' ? -1 : 1);
  };

  return (
    <div className="brief-editor">
      <ErrorNote error={error} />
      <p className="muted">{t('briefs.editHint')}</p>
      {SECTIONS.map((section) => {
        const list = draft.entries.filter((e) => e.section === section);
        if (!list.length) return null;
        return (
          <section key={section} aria-labelledby={`brief-sec-${section}`}>
            <h2 id={`brief-sec-${section}`}>{t(`briefs.section.${section}`)}</h2>
            <ol className="brief-entries">
              {list.map((e, i) => (
                <li
                  key={e.key}
                  tabIndex={0}
                  ref={(el) => {
                    if (el) rows.current.set(e.key, el);
                    else rows.current.delete(e.key);
                  }}
                  onKeyDown={(ev) => onKey(ev, e)}
                  aria-label={t('briefs.entryLabel', { n: i + 1, title: e.title })}
                >
                  <span className="brief-entry-title">{e.title}</span>
                  <span className="brief-entry-actions">
                    <button
                      type="button"
                      disabled={busy || i === 0}
                      onClick={() => move(e, -1)}
                      aria-label={t('briefs.moveUp', { title: e.title })}
                      title={t('briefs.moveUpKey')}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      disabled={busy || i === list.length - 1}
                      onClick={() => move(e, 1)}
                      aria-label={t('briefs.moveDown', { title: e.title })}
                      title={t('briefs.moveDownKey')}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => remove(e)}
                      aria-label={t('briefs.remove', { title: e.title })}
                    >
                      {t('briefs.removeShort')}
                    </button>
                  </span>
                </li>
              ))}
            </ol>
          </section>
        );
      })}
      {draft.removed.length > 0 && (
        <section aria-labelledby="brief-sec-removed">
          <h2 id="brief-sec-removed">{t('briefs.removedTitle')}</h2>
          <ul className="brief-entries removed">
            {draft.removed.map((e) => (
              <li key={e.key}>
                <span className="brief-entry-title">{e.title}</span>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => restore(e)}
                  aria-label={t('briefs.restore', { title: e.title })}
                >
                  {t('briefs.restoreShort')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <form
        className="block"
        onSubmit={(ev) => {
          ev.preventDefault();
          void save(draft.entries, draft.removed, analysis, t('briefs.analysisSaved'));
        }}
      >
        <label htmlFor="brief-analysis">{t('briefs.analysis')}</label>
        <textarea
          id="brief-analysis"
          rows={5}
          maxLength={8000}
          value={analysis}
          onChange={(ev) => setAnalysis(ev.target.value)}
          aria-describedby="brief-analysis-hint"
        />
        <p id="brief-analysis-hint" className="muted">
          {t('briefs.analysisHint')}
        </p>
        <button type="submit" className="primary" disabled={busy}>
          {t('briefs.saveAnalysis')}
        </button>
      </form>
      <p role="status" aria-live="polite" className="muted">
        {status}
      </p>
    </div>
  );
}
