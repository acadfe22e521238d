/** "Envoyer par courriel": the brief to a distribution list through an SMTP alert channel, with the result per recipient. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';
import type { AlertChannel, BriefEmailResult } from '../../../shared/api/contract';
import type { SerializedError } from '../../../shared/errors';

/** Addresses typed one per line or separated by commas/semicolons. */
export function parseRecipients(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** The email form of the briefs screen. */
export function BriefEmail({ range }: { range: { from: string; to: string } }) {
  const { t } = useTranslation();
  const [channels, setChannels] = useState<AlertChannel[]>([]);
  const [channelId, setChannelId] = useState<number | null>(null);
  const [recipients, setRecipients] = useState('');
  const [format, setFormat] = useState<'' | 'pdf' | 'docx' | 'html' | 'md'>('pdf');
  const [result, setResult] = useState<BriefEmailResult | null>(null);
  const [error, setError] = useState<SerializedError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void call('alerts:channels:list').then((r) => {
      if (!r.ok) {
        setError(r.error);
        return;
      }
      const smtp = r.value.filter((c) => c.kind === 'smtp' && c.enabled);
      setChannels(smtp);
      if (smtp[0]) setChannelId(smtp[0].id);
    });
  }, []);
  const channel = channels.find((c) => c.id === channelId);
  const defaults = Array.isArray(channel?.config.defaultTo) ? (channel.config.defaultTo as string[]).join(', ') : '';

  const send = async (ev: React.FormEvent) => {
    ev.preventDefault();
    if (channelId == null) return;
    setBusy(true);
    setResult(null);
    const r = await call('briefs:email', {
      ...range,
      channelId,
      recipients: parseRecipients(recipients),
      format: format || null,
    });
    setBusy(false);
    if (r.ok) {
      setResult(r.value);
      setError(null);
    } else setError(r.error);
  };

  return (
    <form className="block brief-email" onSubmit={send} aria-labelledby="brief-email-title">
      <h2 id="brief-email-title">{t('briefs.email')}</h2>
      {channels.length === 0 ? (
        <p className="muted">{t('briefs.noSmtp')}</p>
      ) : (
        <>
          <label htmlFor="brief-email-channel">{t('briefs.channel')}</label>
          <select
            id="brief-email-channel"
            value={channelId ?? ''}
            onChange={(e) => setChannelId(Number(e.target.value))}
          >
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <label htmlFor="brief-email-to">{t('briefs.recipients')}</label>
          <textarea
            id="brief-email-to"
            rows={3}
            value={recipients}
            onChange={(e) => setRecipients(e.target.value)}
            placeholder={defaults}
            aria-describedby="brief-email-hint"
          />
          <p id="brief-email-hint" className="muted">
            {t('briefs.recipientsHint', { defaults: defaults || '—' })}
          </p>
          <label htmlFor="brief-email-format">{t('briefs.attachment')}</label>
          <select id="brief-email-format" value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
            <option value="">{t('briefs.noAttachment')}</option>
            {(['pdf', 'docx', 'html', 'md'] as const).map((f) => (
              <option key={f} value={f}>
                {f.toUpperCase()}
              </option>
            ))}
          </select>
          <button type="submit" className="primary" disabled={busy || channelId == null}>
            {busy ? t('briefs.sending') : t('briefs.send')}
          </button>
        </>
      )}
      <ErrorNote error={error} />
      <div role="status" aria-live="polite" className="push-result">
        {result && (
          <>
            <p>{t('briefs.emailResult', { sent: result.sent.length, failed: result.failed.length })}</p>
            <ul>
              {result.sent.map((r) => (
                <li key={r} className="delivery-sent">
                  {t('briefs.sentTo', { recipient: r })}
                </li>
              ))}
              {result.failed.map((f) => (
                <li key={f.recipient} className="delivery-dead">
                  {t('briefs.failedTo', { recipient: f.recipient, message: f.message })}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </form>
  );
}
