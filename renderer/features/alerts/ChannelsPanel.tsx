/** Alertes › Destinations: the configured delivery channels (e-mail, webhook, Matrix/Tchap, desktop) and their editor. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useApp } from '../../app/context';
import { ErrorNote } from '../../components/ErrorNote';
import { CHANNEL_KINDS, type AlertChannel, type ChannelKind } from '../../../shared/types/alerts';
import type { SerializedError } from '../../../shared/errors';
import {
  SMTP_SECURITY,
  WEBHOOK_PRESETS,
  emptyChannel,
  fromChannel,
  targetOf,
  secretMustBeReentered,
  toSaveInput,
  validateChannel,
  type ChannelForm,
} from './channel-form';
import { DataTable } from '../../components/DataTable';

/** Props: called after a save so the parent can refresh what depends on channels. */
export interface ChannelsPanelProps {
  onChanged?: () => void;
}

/** Renders the list and the add/edit form. */
export function ChannelsPanel({ onChanged }: ChannelsPanelProps) {
  const { t } = useTranslation();
  const { notify } = useApp();
  const [channels, setChannels] = useState<AlertChannel[]>([]);
  const [form, setForm] = useState<ChannelForm>(emptyChannel());
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<SerializedError | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  const load = useCallback(() => {
    void call('alerts:channels:list').then((r) => {
      if (r.ok) setChannels(r.value);
      else setError(r.error);
    });
  }, []);
  useEffect(load, [load]);

  const set = <K extends keyof ChannelForm>(k: K, v: ChannelForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const edit = (next: ChannelForm) => {
    setForm(next);
    setProblems([]);
    setError(null);
    nameRef.current?.focus();
  };
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const errs = validateChannel(form);
    setProblems(errs);
    if (errs.length) return;
    const r = await call('alerts:channels:save', toSaveInput(form));
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    notify(t('channels.saved', { name: r.value.name }));
    setForm(fromChannel(r.value));
    load();
    onChanged?.();
  };
  const toggle = async (c: AlertChannel) => {
    const r = await call('alerts:channels:save', {
      id: c.id,
      name: c.name,
      kind: c.kind,
      config: c.config,
      enabled: !c.enabled,
    });
    if (r.ok) {
      load();
      onChanged?.();
    } else setError(r.error);
  };

  const field = (
    k: 'host' | 'port' | 'user' | 'from' | 'url' | 'homeserver' | 'roomId',
    type = 'text',
    extra: Record<string, string> = {},
  ) => (
    <label className="block">
      <span>{t(`channels.${k}`)}</span>
      <input type={type} value={form[k]} onChange={(e) => set(k, e.target.value)} {...extra} />
    </label>
  );
  const secretLabel =
    form.kind === 'smtp' ? 'channels.password' : form.kind === 'webhook' ? 'channels.hmac' : 'channels.token';

  return (
    <section className="panel channels" aria-labelledby="channels-title">
      <h2 id="channels-title">{t('channels.title')}</h2>
      {channels.length === 0 ? (
        <p className="muted">{t('channels.none')}</p>
      ) : (
        <DataTable
          caption={t('channels.title')}
          columns={[
            ...['kind', 'name', 'target', 'secret', 'enabled'].map((k) => t(`channels.${k}`)),
            <span className="sr-only">{t('alerts.actions')}</span>,
          ]}
        >
          {channels.map((c) => (
            <tr key={c.id}>
              <td>{t(`channels.kinds.${c.kind}`)}</td>
              <th scope="row">{c.name}</th>
              <td className="target">
                {targetOf(c) || <span className="muted">{t('channels.thisWorkstation')}</span>}
              </td>
              <td>
                {c.kind === 'desktop'
                  ? '—'
                  : c.hasSecret
                    ? c.secretScheme === 'plain'
                      ? t('channels.secretPlain')
                      : t('channels.secretSet')
                    : t('channels.secretNone')}
              </td>
              <td>
                <label>
                  <input type="checkbox" checked={c.enabled} onChange={() => void toggle(c)} />{' '}
                  <span className="sr-only">{t('channels.enableNamed', { name: c.name })}</span>
                  {c.enabled ? t('alerts.enabled') : t('alerts.disabled')}
                </label>
              </td>
              <td>
                <button
                  type="button"
                  className="link"
                  onClick={() => edit(fromChannel(c))}
                  aria-label={t('channels.editNamed', { name: c.name })}
                >
                  {t('channels.edit')}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <form onSubmit={save} aria-labelledby="channel-editor-title" noValidate>
        <h3 id="channel-editor-title">{form.id ? t('channels.editTitle', { name: form.name }) : t('channels.add')}</h3>
        <label className="block">
          <span>{t('channels.kind')}</span>
          <select
            aria-label={t('channels.kind')}
            value={form.kind}
            disabled={form.id !== undefined}
            onChange={(e) => edit({ ...emptyChannel(e.target.value as ChannelKind), name: form.name })}
          >
            {CHANNEL_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`channels.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          <span>{t('channels.name')}</span>
          <input ref={nameRef} type="text" required value={form.name} onChange={(e) => set('name', e.target.value)} />
        </label>
        {form.kind === 'smtp' && (
          <>
            {field('host', 'text', { placeholder: 'smtp.exemple.gouv.fr' })}
            {field('port', 'number', { min: '1', max: '65535' })}
            <label className="block">
              <span>{t('channels.security')}</span>
              <select
                aria-label={t('channels.security')}
                value={form.security}
                onChange={(e) => set('security', e.target.value as ChannelForm['security'])}
              >
                {SMTP_SECURITY.map((s) => (
                  <option key={s} value={s}>
                    {t(`channels.securities.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={form.allowSelfSigned}
                onChange={(e) => set('allowSelfSigned', e.target.checked)}
              />{' '}
              {t('channels.allowSelfSigned')}
            </label>
            {field('user', 'text', { autoComplete: 'off' })}
            {field('from', 'email', { placeholder: 'vigie@exemple.gouv.fr' })}
            <label className="block">
              <span>{t('channels.recipients')}</span>
              <textarea
                rows={2}
                value={form.recipients}
                onChange={(e) => set('recipients', e.target.value)}
                placeholder="cabinet@exemple.gouv.fr"
              />
            </label>
          </>
        )}
        {form.kind === 'webhook' && (
          <>
            {field('url', 'url', { placeholder: 'https://chat.exemple.gouv.fr/hooks/…' })}
            <label className="block">
              <span>{t('channels.preset')}</span>
              <select
                aria-label={t('channels.preset')}
                value={form.preset}
                onChange={(e) => set('preset', e.target.value as ChannelForm['preset'])}
              >
                {WEBHOOK_PRESETS.map((p) => (
                  <option key={p} value={p}>
                    {t(`channels.presets.${p}`)}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        {form.kind === 'matrix' && (
          <>
            {field('homeserver', 'url', { placeholder: 'https://matrix.agent.tchap.gouv.fr' })}
            {field('roomId', 'text', { placeholder: '!salon:agent.tchap.gouv.fr' })}
          </>
        )}
        {form.kind === 'desktop' && <p className="muted">{t('channels.desktopHint')}</p>}
        {form.kind !== 'desktop' && (
          <>
            <label className="block">
              <span>{t(secretLabel)}</span>
              <input
                type="password"
                autoComplete="new-password"
                value={form.secret}
                onChange={(e) => set('secret', e.target.value)}
                placeholder={form.hasSecret ? t('channels.keepSecret') : ''}
                aria-describedby="channel-secret-state"
              />
            </label>
            <p id="channel-secret-state" className={secretMustBeReentered(form) ? 'warning' : 'muted'} role="status">
              {secretMustBeReentered(form)
                ? t('channels.reenterSecret')
                : form.hasSecret
                  ? t('channels.secretSet')
                  : t('channels.secretNone')}
            </p>
            {form.hasSecret && (
              <label className="check">
                <input
                  type="checkbox"
                  checked={form.clearSecret}
                  onChange={(e) => set('clearSecret', e.target.checked)}
                />{' '}
                {t('channels.clearSecret')}
              </label>
            )}
          </>
        )}
        <label className="check">
          <input type="checkbox" checked={form.enabled} onChange={(e) => set('enabled', e.target.checked)} />{' '}
          {t('alerts.enabled')}
        </label>
        {problems.length > 0 && (
          <ul className="error-note" role="alert" aria-label={t('channels.invalid')}>
            {problems.map((p) => (
              <li key={p}>{t(p)}</li>
            ))}
          </ul>
        )}
        <ErrorNote error={error} />
        <div className="btn-row">
          <button type="submit" className="primary">
            {t('common.save')}
          </button>
          <button type="button" onClick={() => edit(emptyChannel(form.kind))}>
            {t('channels.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
