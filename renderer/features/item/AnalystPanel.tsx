/** The analyst layer of an item: verdict, tags, notes. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useApp } from '../../app/context';
import { formatDateTime } from '../../i18n/format';
import type { ItemDetail } from '../../../shared/api/contract';
import type { Verdict } from '../../../shared/types/domain';

/** Props: the detail, a setter after local changes, and the verdict action. */
export interface AnalystPanelProps {
  detail: ItemDetail;
  onChange: (d: ItemDetail) => void;
  onVerdict: (v: Verdict | null, comment?: string) => void;
}

/** Renders verdict buttons, tag chips with an add field, and notes with an add form. */
export function AnalystPanel({ detail, onChange, onVerdict }: AnalystPanelProps) {
  const { t, i18n } = useTranslation();
  const { notify } = useApp();
  const [tag, setTag] = useState('');
  const [note, setNote] = useState('');
  const [comment, setComment] = useState(detail.verdictComment ?? '');
  const it = detail.item;

  const changeTags = async (add: string[], remove: string[]) => {
    const r = await call('items:tag', { ids: [it.id], add, remove });
    if (!r.ok) {
      notify(t('errors.generic'));
      return;
    }
    onChange({ ...detail, item: { ...it, tags: r.value.tags[it.id] ?? it.tags } });
  };
  const addNote = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!note.trim()) return;
    const r = await call('items:note', { itemId: it.id, text: note.trim() });
    if (!r.ok) {
      notify(t('errors.generic'));
      return;
    }
    onChange({ ...detail, notes: [...detail.notes, r.value], item: { ...it, noteCount: it.noteCount + 1 } });
    setNote('');
  };
  const removeNote = async (noteId: number) => {
    const r = await call('items:note', { itemId: it.id, noteId, remove: true });
    if (r.ok) onChange({ ...detail, notes: detail.notes.filter((n) => n.id !== noteId) });
  };

  return (
    <>
      <section className="panel" aria-labelledby="item-verdict">
        <h2 id="item-verdict">{t('verdict.title')}</h2>
        <p className="verdict-now">
          {it.verdict ? (
            <span className={`verdict verdict-${it.verdict}`}>{t(`verdict.${it.verdict}`)}</span>
          ) : (
            <span className="muted">{t('verdict.none')}</span>
          )}
          {detail.verdictBy && (
            <span className="muted">
              {' '}
              — {detail.verdictBy}, {formatDateTime(detail.verdictAt, i18n.language)}
            </span>
          )}
        </p>
        <label className="block">
          <span>{t('verdict.comment')}</span>
          <input type="text" value={comment} onChange={(e) => setComment(e.target.value)} />
        </label>
        <div className="btn-row">
          <button
            type="button"
            className="danger"
            aria-pressed={it.verdict === 'confirmed'}
            onClick={() => onVerdict('confirmed', comment)}
          >
            {t('verdict.confirm')}
          </button>
          <button
            type="button"
            aria-pressed={it.verdict === 'unfounded'}
            onClick={() => onVerdict('unfounded', comment)}
          >
            {t('verdict.unfound')}
          </button>
          {it.verdict && (
            <button type="button" onClick={() => onVerdict(null)}>
              {t('verdict.clear')}
            </button>
          )}
        </div>
      </section>
      <section className="panel" aria-labelledby="item-tags">
        <h2 id="item-tags">{t('tags.title')}</h2>
        <ul className="chips">
          {it.tags.map((x) => (
            <li key={x} className="chip">
              #{x}
              <button type="button" aria-label={t('tags.remove', { tag: x })} onClick={() => void changeTags([], [x])}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (tag.trim()) {
              void changeTags([tag.trim()], []);
              setTag('');
            }
          }}
        >
          <label htmlFor="tag-input" className="sr-only">
            {t('tags.add')}
          </label>
          <input
            id="tag-input"
            type="text"
            value={tag}
            placeholder={t('tags.placeholder')}
            onChange={(e) => setTag(e.target.value)}
          />
          <button type="submit">{t('tags.add')}</button>
        </form>
      </section>
      <section className="panel" aria-labelledby="item-notes">
        <h2 id="item-notes">{t('notes.title', { count: detail.notes.length })}</h2>
        <ul className="notes">
          {detail.notes.map((n) => (
            <li key={n.id}>
              <p>{n.text}</p>
              <p className="muted">
                {n.author} · {formatDateTime(n.createdAt, i18n.language)}
                <button type="button" className="link" onClick={() => void removeNote(n.id)}>
                  {t('common.delete')}
                </button>
              </p>
            </li>
          ))}
        </ul>
        <form onSubmit={addNote}>
          <label htmlFor="note-input" className="block">
            <span>{t('notes.add')}</span>
          </label>
          <textarea id="note-input" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          <button type="submit" disabled={!note.trim()}>
            {t('notes.save')}
          </button>
        </form>
      </section>
    </>
  );
}
