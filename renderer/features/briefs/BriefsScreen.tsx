/**
 * Synthèse: pick a period, edit the brief (order, removals, analysis paragraph), preview it
 * (sandboxed iframe), export PDF/DOCX/HTML/Markdown and email it through an SMTP alert channel.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';
import { base64ToBytes, downloadBlob } from '../../components/download';
import { BriefEditor } from './BriefEditor';
import { BriefEmail } from './BriefEmail';
import type { BriefPreview } from '../../../shared/api/contract';
import type { SerializedError } from '../../../shared/errors';

/** yyyy-mm-dd of a date (local), for date inputs. */
function day(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The briefs screen. */
export function BriefsScreen() {
  const { t } = useTranslation();
  const [from, setFrom] = useState(() => day(new Date(Date.now() - 86400_000)));
  const [to, setTo] = useState(() => day(new Date()));
  const [preview, setPreview] = useState<BriefPreview | null>(null);
  const [error, setError] = useState<SerializedError | null>(null);
  const [busy, setBusy] = useState(false);
  const [loadKey, setLoadKey] = useState(0);
  const range = () => ({
    from: new Date(`${from}T00:00:00`).toISOString(),
    to: new Date(`${to}T23:59:59`).toISOString(),
  });

  // Edits fire previews in quick succession; only the latest request may paint (an older, slower
  // answer would show the brief without the last edit).
  const previewSeq = useRef(0);
  const show = async (e?: React.FormEvent) => {
    e?.preventDefault();
    const seq = ++previewSeq.current;
    setBusy(true);
    const r = await call('briefs:preview', range());
    if (seq !== previewSeq.current) return;
    setBusy(false);
    if (r.ok) {
      setPreview(r.value);
      setError(null);
    } else setError(r.error);
  };
  // A submitted period reloads the editor too; an edit only refreshes the preview.
  const load = (e?: React.FormEvent) => {
    setLoadKey((k) => k + 1);
    void show(e);
  };
  // Show the last day's brief straight away; the analyst adjusts the period if needed.
  useEffect(() => {
    load();
  }, []);
  const exportAs = async (format: 'pdf' | 'docx' | 'html' | 'md') => {
    setBusy(true);
    const r = await call('briefs:export', { ...range(), format });
    setBusy(false);
    if (r.ok) downloadBlob(base64ToBytes(r.value.base64), r.value.fileName, r.value.mimeType);
    else setError(r.error);
  };

  return (
    <section className="screen briefs" aria-labelledby="briefs-title">
      <div className="screen-head">
        <h1 id="briefs-title">{t('nav.briefs')}</h1>
      </div>
      <form className="filterbar" onSubmit={load} aria-label={t('briefs.period')}>
        <label className="f">
          <span>{t('briefs.from')}</span>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
        </label>
        <label className="f">
          <span>{t('briefs.to')}</span>
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {t('briefs.preview')}
        </button>
        <button type="button" disabled={busy} onClick={() => void show()}>
          {t('briefs.refresh')}
        </button>
        {(['pdf', 'docx', 'html', 'md'] as const).map((f) => (
          <button key={f} type="button" disabled={busy} onClick={() => void exportAs(f)}>
            {t('briefs.export', { format: f.toUpperCase() })}
          </button>
        ))}
      </form>
      <ErrorNote error={error} />
      <div className="brief-layout">
        <aside className="panel brief-side" aria-label={t('briefs.editTitle')}>
          {loadKey > 0 && <BriefEditor key={loadKey} range={range()} loadKey={loadKey} onSaved={() => void show()} />}
          {loadKey > 0 && <BriefEmail range={range()} />}
        </aside>
        <div className="brief-main">
          {preview ? (
            <>
              <p className="count">{t('briefs.summary', { items: preview.itemCount, stories: preview.storyCount })}</p>
              {/* No allow-scripts: the brief is static HTML; the sandbox keeps it inert. */}
              <iframe className="brief-frame" title={t('briefs.frameTitle')} sandbox="" srcDoc={preview.html} />
            </>
          ) : (
            <p className="muted">{t('briefs.hint')}</p>
          )}
        </div>
      </div>
    </section>
  );
}
