/** "Pousser au cabinet": send this item now through the alert channels, with a comment and a severity. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useApp } from '../../app/context';
import { ErrorNote } from '../../components/ErrorNote';
import { useFocusTrap } from '../../components/use-focus-trap';
import { SEVERITIES, type AlertChannel, type Delivery, type Severity } from '../../../shared/types/alerts';
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
  const [channels, setChannels] = useState<AlertChannel[] | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const [alertId, setAlertId] = useState<number | null>(null);
  const [deliveries, setDeliveries] = useState<Delivery[]>([]);
  const first = useRef<HTMLTextAreaElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusTrap(formRef);
  useEffect(() => {
    first.current?.focus();
  }, []);
  useEffect(() => {
    void call('alerts:channels:list').then((r) => {
      if (!r.ok) {
        setChannels([]);
        return;
      }
      const usable = r.value.filter((c) => c.enabled);
      setChannels(usable);
      setPicked(usable.map((c) => c.id));
    });
  }, []);
  // After sending, follow the deliveries of this alert (queued → sent / failed) until all are settled.
  useEffect(() => {
    if (alertId === null) return undefined;
    let stop = false;
    const poll = async () => {
      const r = await call('alerts:outbox:list', { limit: 200 });
      if (stop || !r.ok) return;
      const mine = r.value.filter((d) => d.alertId === alertId);
      setDeliveries(mine);
      if (mine.length === 0 || mine.some((d) => d.status === 'pending' || d.status === 'sending'))
        timer = setTimeout(() => void poll(), 700);
    };
    let timer = setTimeout(() => void poll(), 0);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [alertId]);
  // An empty channel list means "every enabled channel" to the engine: never send it when the analyst unticked all.
  const noneChosen = channels !== null && channels.length > 0 && picked.length === 0;
  const toggle = (id: number) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const emails = recipients
      .split(/[\s,;]+/)
      .map((x) => x.trim())
      .filter(Boolean);
    // With configured channels the analyst's choice is sent; none picked = let the engine refuse with its reason.
    const chosen = channels && channels.length ? { channelIds: picked } : {};
    const r = await call('alerts:push', {
      itemId,
      severity,
      ...chosen,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      ...(emails.length ? { recipients: emails } : {}),
    });
    setBusy(false);
    // A failure stays in the dialog (with its reason) so the analyst can fix recipients and resend;
    // a success stays too, to show each delivery's status as the outbox sends it.
    if (r.ok) {
      notify(t('push.sent', { count: r.value.deliveries }));
      setError(null);
      setAlertId(r.value.alertId);
    } else setError(r.error);
  };
  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <form
        ref={formRef}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="push-title"
        onSubmit={submit}
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="push-title">{t('item.push')}</h2>
        <p className="muted">{title}</p>
        <label className="block">
          <span>{t('push.comment')}</span>
          <textarea ref={first} rows={4} value={comment} onChange={(e) => setComment(e.target.value)} />
        </label>
        <label className="block">
          <span>{t('push.recipients')}</span>
          <input
            type="text"
            value={recipients}
            onChange={(e) => setRecipients(e.target.value)}
            placeholder="cabinet@…"
          />
        </label>
        {channels && channels.length > 0 && (
          <fieldset className="checks">
            <legend>{t('push.channels')}</legend>
            {channels.map((c) => (
              <label key={c.id}>
                <input
                  type="checkbox"
                  checked={picked.includes(c.id)}
                  onChange={() => toggle(c.id)}
                  disabled={alertId !== null}
                />{' '}
                {c.name} <span className="muted">({t(`channels.kinds.${c.kind}`)})</span>
              </label>
            ))}
          </fieldset>
        )}
        {channels && channels.length === 0 && (
          <p className="muted">
            {t('push.noChannels')}{' '}
            <a href="#/alertes" onClick={onClose}>
              {t('push.configure')}
            </a>
          </p>
        )}
        <label className="block">
          <span>{t('push.severity')}</span>
          <select value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`severity.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {noneChosen && (
          <p id="push-pick-one" className="muted">
            {t('push.pickOne')}
          </p>
        )}
        <ErrorNote error={error} />
        {alertId !== null && (
          <div role="status" className="push-result">
            <p>
              {deliveries.length === 0
                ? t('push.queued')
                : deliveries.every((d) => d.status === 'sent')
                  ? t('push.delivered')
                  : deliveries.some((d) => d.status === 'dead')
                    ? t('push.someFailed')
                    : t('push.queued')}
            </p>
            <ul className="plain">
              {deliveries.map((d) => (
                <li key={d.id}>
                  {t(`channels.kinds.${d.channelKind}`)} · {d.recipient} —{' '}
                  <span className={`delivery delivery-${d.status}`}>{t(`delivery.${d.status}`)}</span>
                  {d.lastErrorCode && (
                    <span className="muted">
                      {' '}
                      ({t(`errors.${d.lastErrorCode.replace('.', '_')}`, { defaultValue: d.lastErrorCode })})
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="btn-row">
          {alertId === null && (
            <button
              type="submit"
              className="primary"
              disabled={busy || noneChosen}
              aria-describedby={noneChosen ? 'push-pick-one' : undefined}
            >
              {t('push.send')}
            </button>
          )}
          <button type="button" onClick={onClose}>
            {alertId === null ? t('common.cancel') : t('push.close')}
          </button>
        </div>
      </form>
    </div>
  );
}
