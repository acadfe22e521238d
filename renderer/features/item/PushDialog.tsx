/** "Pousser au cabinet": send this item now through the alert channels, with a comment and a severity. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useApp } from '../../app/context';
import { ErrorNote } from '../../components/ErrorNote';
import { useFocusTrap } from '../../components/use-focus-trap';
import { SEVERITIES, type Severity } from '../../../shared/types/alerts';
import type { SerializedError } from '../../../shared/errors';

/** Props: the item, and close. */
export interface PushDialogProps {
  itemId: number;
  title: string;
  onClose: () => void;
}

/** Renders the modal form. */
export function PushDialog({ itemId, title, onClose }: PushDialogProps) {
  const { t } = useTranslation();
  const { notify } = useApp();
  const [comment, setComment] = useState('');
  const [severity, setSeverity] = useState<Severity>('urgent');
  const [busy, setBusy] = useState(false);
  const [recipients, setRecipients] = useState('');
  const [error, setError] = useState<SerializedError | null>(null);
  const first = useRef<HTMLTextAreaElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusTrap(formRef);
  useEffect(() => { first.current?.focus(); }, []);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const emails = recipients.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);
    const r = await call('alerts:push', { itemId, severity, ...(comment.trim() ? { comment: comment.trim() } : {}), ...(emails.length ? { recipients: emails } : {}) });
    setBusy(false);
    // A failure stays in the dialog (with its reason) so the analyst can fix recipients and resend.
    if (r.ok) { notify(t('push.sent', { count: r.value.deliveries })); onClose(); } else setError(r.error);
  };
  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <form ref={formRef} className="dialog" role="dialog" aria-modal="true" aria-labelledby="push-title" onSubmit={submit} onClick={(e) => e.stopPropagation()}>
        <h2 id="push-title">{t('item.push')}</h2>
        <p className="muted">{title}</p>
        <label className="block"><span>{t('push.comment')}</span>
          <textarea ref={first} rows={4} value={comment} onChange={(e) => setComment(e.target.value)} /></label>
        <label className="block"><span>{t('push.recipients')}</span>
          <input type="text" value={recipients} onChange={(e) => setRecipients(e.target.value)} placeholder="cabinet@…" /></label>
        <label className="block">
          <span>{t('push.severity')}</span>
          <select value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
            {SEVERITIES.map((s) => <option key={s} value={s}>{t(`severity.${s}`)}</option>)}
          </select>
        </label>
        <ErrorNote error={error} />
        <div className="btn-row">
          <button type="submit" className="primary" disabled={busy}>{t('push.send')}</button>
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </div>
  );
}
