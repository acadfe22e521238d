/** Alertes: rules (list, editor, dry run) and the alert inbox with delivery status. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, subscribe } from '../../api';
import { useApp } from '../../app/context';
import { formatDateTime } from '../../i18n/format';
import { ErrorNote } from '../../components/ErrorNote';
import {
  SEVERITIES,
  type AlertChannel,
  type AlertRule,
  type Delivery,
  type Severity,
} from '../../../shared/types/alerts';
import { SOURCE_TYPES, type SourceType } from '../../../shared/types/domain';
import type { RuleTestResult } from '../../../shared/api/contract';
import type { SerializedError } from '../../../shared/errors';
import { EMPTY_RULE, fromRule, toDefinition, type RuleForm } from './rule-form';
import { ChannelsPanel } from './ChannelsPanel';
import { DataTable } from '../../components/DataTable';

/** The alerts screen. */
export function AlertsScreen() {
  const { t, i18n } = useTranslation();
  const { notify } = useApp();
  const [rules, setRules] = useState<AlertRule[]>([]);
  const [outbox, setOutbox] = useState<Delivery[]>([]);
  const [channels, setChannels] = useState<AlertChannel[]>([]);
  const [form, setForm] = useState<RuleForm>(EMPTY_RULE);
  const [test, setTest] = useState<RuleTestResult | null>(null);
  const [error, setError] = useState<SerializedError | null>(null);

  const load = useCallback(() => {
    void call('alerts:rules:list').then((r) => {
      if (r.ok) setRules(r.value);
      else setError(r.error);
    });
    void call('alerts:outbox:list', {}).then((r) => {
      if (r.ok) setOutbox(r.value);
    });
    void call('alerts:channels:list').then((r) => {
      if (r.ok) setChannels(r.value.filter((c) => c.enabled));
    });
  }, []);
  useEffect(load, [load]);
  useEffect(
    () =>
      subscribe('alerts:status', (p) =>
        setOutbox((o) =>
          o.map((d) => (d.id === p.deliveryId ? { ...d, status: p.status, lastErrorCode: p.errorCode } : d)),
        ),
      ),
    [],
  );

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await call('alerts:rules:save', {
      ...(form.id ? { id: form.id } : {}),
      definition: toDefinition(form) as unknown as Record<string, unknown>,
    });
    if (r.ok) {
      notify(t('alerts.saved', { name: r.value.name }));
      setForm(fromRule(r.value));
      load();
    } else setError(r.error);
  };
  const dryRun = async () => {
    const r = await call('alerts:rules:test', { definition: toDefinition(form) as unknown as Record<string, unknown> });
    if (r.ok) {
      setTest(r.value);
      setError(null);
    } else setError(r.error);
  };
  const remove = async (id: number) => {
    const r = await call('alerts:rules:remove', { id });
    if (r.ok) {
      load();
      if (form.id === id) setForm(EMPTY_RULE);
    }
  };
  const retry = async (id: number) => {
    const r = await call('alerts:retry', { id });
    if (r.ok) setOutbox((o) => o.map((d) => (d.id === id ? r.value : d)));
  };
  const setTier = (i: number, k: keyof RuleForm['tiers'][number], v: string) =>
    setForm({ ...form, tiers: form.tiers.map((tier, j) => (j === i ? { ...tier, [k]: v } : tier)) });
  const toggleChannel = (id: number) =>
    setForm({
      ...form,
      channelIds: form.channelIds.includes(id) ? form.channelIds.filter((x) => x !== id) : [...form.channelIds, id],
    });
  const toggleType = (ty: SourceType) =>
    setForm({
      ...form,
      sourceTypes: form.sourceTypes.includes(ty) ? form.sourceTypes.filter((x) => x !== ty) : [...form.sourceTypes, ty],
    });

  return (
    <section className="screen alerts" aria-labelledby="alerts-title">
      <div className="screen-head">
        <h1 id="alerts-title">{t('nav.alerts')}</h1>
      </div>
      <ErrorNote error={error} />
      <div className="grid-2">
        <section className="panel" aria-labelledby="rules-title">
          <h2 id="rules-title">{t('alerts.rules')}</h2>
          {rules.length === 0 ? (
            <p className="muted">{t('alerts.noRules')}</p>
          ) : (
            <ul className="plain">
              {rules.map((r) => (
                <li key={r.id}>
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      setForm(fromRule(r));
                      setTest(null);
                    }}
                  >
                    {r.name}
                  </button>{' '}
                  <span className="muted">
                    {r.enabled ? t('alerts.enabled') : t('alerts.disabled')} · {r.query || t('alerts.anyQuery')}
                  </span>{' '}
                  <button
                    type="button"
                    className="link"
                    onClick={() => void remove(r.id)}
                    aria-label={t('alerts.removeNamed', { name: r.name })}
                  >
                    {t('common.delete')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button
            type="button"
            onClick={() => {
              setForm(EMPTY_RULE);
              setTest(null);
            }}
          >
            {t('alerts.newRule')}
          </button>
        </section>
        <form className="panel" onSubmit={save} aria-labelledby="editor-title">
          <h2 id="editor-title">{form.id ? t('alerts.editRule') : t('alerts.newRule')}</h2>
          <label className="block">
            <span>{t('alerts.name')}</span>
            <input
              type="text"
              required
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
          </label>
          <label className="block">
            <span>{t('alerts.query')}</span>
            <input
              type="text"
              value={form.query}
              onChange={(e) => setForm({ ...form, query: e.target.value })}
              placeholder={t('search.placeholder')}
            />
          </label>
          <fieldset className="checks">
            <legend>{t('filters.sourceType')}</legend>
            {SOURCE_TYPES.map((ty) => (
              <label key={ty}>
                <input type="checkbox" checked={form.sourceTypes.includes(ty)} onChange={() => toggleType(ty)} />{' '}
                {t(`sourceType.${ty}`)}
              </label>
            ))}
          </fieldset>
          <label className="block">
            <span>{t('alerts.entities')}</span>
            <textarea rows={2} value={form.entities} onChange={(e) => setForm({ ...form, entities: e.target.value })} />
          </label>
          <fieldset>
            <legend>{t('alerts.tiers')}</legend>
            {form.tiers.map((tier, i) => (
              <div key={i} className="tier">
                <label>
                  <span className="sr-only">{t('push.severity')}</span>
                  <select value={tier.severity} onChange={(e) => setTier(i, 'severity', e.target.value as Severity)}>
                    {SEVERITIES.map((s) => (
                      <option key={s} value={s}>
                        {t(`severity.${s}`)}
                      </option>
                    ))}
                  </select>
                </label>
                {(['minVirality', 'minControversy', 'minInfox', 'minGrowth'] as const).map((k) => (
                  <label key={k} className="f-num">
                    <span>{t(`alerts.${k}`)}</span>
                    <input
                      type="number"
                      min={0}
                      max={k === 'minGrowth' ? 10000 : 100}
                      value={tier[k]}
                      onChange={(e) => setTier(i, k, e.target.value)}
                    />
                  </label>
                ))}
              </div>
            ))}
            <button
              type="button"
              onClick={() =>
                setForm({
                  ...form,
                  tiers: [
                    ...form.tiers,
                    { severity: 'flash', minVirality: '90', minControversy: '', minInfox: '', minGrowth: '' },
                  ],
                })
              }
            >
              {t('alerts.addTier')}
            </button>
          </fieldset>
          <label className="block">
            <span>{t('alerts.match')}</span>
            <select value={form.match} onChange={(e) => setForm({ ...form, match: e.target.value as 'any' | 'all' })}>
              <option value="any">{t('alerts.matchAny')}</option>
              <option value="all">{t('alerts.matchAll')}</option>
            </select>
          </label>
          <fieldset className="checks">
            <legend>{t('alerts.destinations')}</legend>
            {channels.map((c) => (
              <label key={c.id}>
                <input type="checkbox" checked={form.channelIds.includes(c.id)} onChange={() => toggleChannel(c.id)} />{' '}
                {c.name} ({t(`channels.kinds.${c.kind}`)})
              </label>
            ))}
            {form.channelIds.length === 0 && (
              <p className="warn" role="note">
                {t('alerts.noDestination')}
              </p>
            )}
          </fieldset>
          <label className="block">
            <span>{t('alerts.recipients')}</span>
            <textarea
              rows={2}
              value={form.recipients}
              onChange={(e) => setForm({ ...form, recipients: e.target.value })}
            />
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={form.enabled}
              onChange={(e) => setForm({ ...form, enabled: e.target.checked })}
            />{' '}
            {t('alerts.enabled')}
          </label>
          <div className="btn-row">
            <button type="submit" className="primary">
              {t('common.save')}
            </button>
            <button type="button" onClick={() => void dryRun()}>
              {t('alerts.test')}
            </button>
          </div>
          {test && (
            <div className="test-result" role="status">
              <p>{t('alerts.testResult', { hits: test.hits.length, evaluated: test.evaluated })}</p>
              <ul className="plain">
                {test.hits.slice(0, 10).map((h) => (
                  <li key={h.itemId}>
                    <span className={`sev sev-${h.severity}`}>{t(`severity.${h.severity}`)}</span> {h.title}{' '}
                    <span className="muted">{h.sourceName}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </form>
      </div>
      <ChannelsPanel onChanged={load} />
      <section className="panel" aria-labelledby="outbox-title">
        <h2 id="outbox-title">{t('alerts.inbox')}</h2>
        {outbox.length === 0 ? (
          <p className="muted">{t('alerts.noAlerts')}</p>
        ) : (
          <DataTable
            caption={t('alerts.inbox')}
            columns={[
              t('alerts.when'),
              t('push.severity'),
              t('alerts.subject'),
              t('alerts.channel'),
              t('alerts.status'),
              <span className="sr-only">{t('alerts.actions')}</span>,
            ]}
          >
            {outbox.map((d) => (
              <tr key={d.id}>
                <td>{formatDateTime(d.createdAt, i18n.language)}</td>
                <td>
                  <span className={`sev sev-${d.severity}`}>{t(`severity.${d.severity}`)}</span>
                </td>
                <th scope="row">{d.subject}</th>
                <td>
                  {t(`channels.kinds.${d.channelKind}`)} · {d.recipient}
                </td>
                <td>
                  <span className={`delivery delivery-${d.status}`}>{t(`delivery.${d.status}`)}</span>
                  {d.lastErrorCode && <span className="muted"> ({d.lastErrorCode})</span>}
                </td>
                <td>
                  {d.status === 'dead' && (
                    <button type="button" onClick={() => void retry(d.id)}>
                      {t('alerts.retry')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </section>
  );
}
