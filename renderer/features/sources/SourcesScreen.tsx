/** Sources: health table, add by URL or preset, OPML import/export, pause/resume, refresh. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, subscribe } from '../../api';
import { useApp } from '../../app/context';
import { ErrorNote } from '../../components/ErrorNote';
import { downloadBlob } from '../../components/download';
import { formatDateTime, formatNumber, formatRelative } from '../../i18n/format';
import { SOURCE_TYPES, type SourceType } from '../../../shared/types/domain';
import type { SourceView } from '../../../shared/api/contract';
import type { SerializedError } from '../../../shared/errors';
import { DataTable } from '../../components/DataTable';

const PRESETS = ['mastodon', 'bluesky', 'youtube', 'reddit', 'google-news'] as const;

/** The sources screen. */
export function SourcesScreen() {
  const { t, i18n } = useTranslation();
  const { notify } = useApp();
  const [sources, setSources] = useState<SourceView[]>([]);
  const [error, setError] = useState<SerializedError | null>(null);
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');
  const [type, setType] = useState<SourceType>('press-national');
  const [preset, setPreset] = useState<(typeof PRESETS)[number]>('google-news');
  const [presetValue, setPresetValue] = useState('');

  const load = useCallback(() => {
    void call('sources:list').then((r) => {
      if (r.ok) {
        setSources(r.value);
        setError(null);
      } else setError(r.error);
    });
  }, []);
  useEffect(load, [load]);
  useEffect(
    () =>
      subscribe('sources:health', (p) => {
        setSources((list) => list.map((s) => (s.id === p.sourceId ? { ...s, health: p.health } : s)));
      }),
    [],
  );

  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await call('sources:add', { url: url.trim(), type, ...(name.trim() ? { name: name.trim() } : {}) });
    if (r.ok) {
      setUrl('');
      setName('');
      notify(t('sources.added', { name: r.value.name }));
      load();
    } else setError(r.error);
  };
  const addPreset = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await call('sources:addPreset', { preset, value: presetValue.trim() });
    if (r.ok) {
      setPresetValue('');
      notify(t('sources.added', { name: r.value.name }));
      load();
    } else setError(r.error);
  };
  const togglePause = async (s: SourceView) => {
    const r = await call('sources:update', { id: s.id, patch: { enabled: !s.enabled } });
    if (r.ok) setSources((list) => list.map((x) => (x.id === s.id ? r.value : x)));
    else setError(r.error);
  };
  const importOpml = async (file: File | undefined) => {
    if (!file) return;
    const r = await call('sources:importOpml', { xml: await file.text() });
    if (r.ok) {
      notify(t('sources.imported', { added: r.value.added, skipped: r.value.skipped }));
      load();
    } else setError(r.error);
  };
  const exportOpml = async () => {
    const r = await call('sources:exportOpml');
    if (r.ok) downloadBlob(r.value.xml, r.value.fileName, 'text/x-opml');
    else setError(r.error);
  };
  const refresh = async () => {
    notify(t('sources.refreshing'));
    const r = await call('sources:refresh', {});
    if (r.ok) {
      notify(t('sources.refreshed', { count: r.value.newItems, errors: r.value.errors }));
      load();
    } else setError(r.error);
  };

  return (
    <section className="screen sources" aria-labelledby="sources-title">
      <div className="screen-head">
        <h1 id="sources-title">{t('nav.sources')}</h1>
        <p className="count">{t('sources.count', { count: sources.length })}</p>
        <div className="btn-row">
          <button type="button" onClick={() => void refresh()}>
            {t('sources.refresh')}
          </button>
          <button type="button" onClick={() => void exportOpml()}>
            {t('sources.exportOpml')}
          </button>
          <label className="file-button">
            <span>{t('sources.importOpml')}</span>
            <input type="file" accept=".opml,.xml,text/xml" onChange={(e) => void importOpml(e.target.files?.[0])} />
          </label>
        </div>
      </div>
      <ErrorNote error={error} />
      <div className="grid-2">
        <form className="panel" onSubmit={add} aria-labelledby="add-url-title">
          <h2 id="add-url-title">{t('sources.addByUrl')}</h2>
          <label className="block">
            <span>{t('sources.url')}</span>
            <input
              type="url"
              required
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="https://…/rss.xml"
            />
          </label>
          <label className="block">
            <span>{t('sources.name')}</span>
            <input type="text" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="block">
            <span>{t('sources.type')}</span>
            <select value={type} onChange={(e) => setType(e.target.value as SourceType)}>
              {SOURCE_TYPES.map((s) => (
                <option key={s} value={s}>
                  {t(`sourceType.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary">
            {t('sources.add')}
          </button>
        </form>
        <form className="panel" onSubmit={addPreset} aria-labelledby="add-preset-title">
          <h2 id="add-preset-title">{t('sources.addPreset')}</h2>
          <label className="block">
            <span>{t('sources.preset')}</span>
            <select value={preset} onChange={(e) => setPreset(e.target.value as (typeof PRESETS)[number])}>
              {PRESETS.map((p) => (
                <option key={p} value={p}>
                  {t(`preset.${p}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="block">
            <span>{t(`presetHint.${preset}`)}</span>
            <input type="text" required value={presetValue} onChange={(e) => setPresetValue(e.target.value)} />
          </label>
          <button type="submit" className="primary">
            {t('sources.add')}
          </button>
        </form>
      </div>
      <DataTable
        caption={t('sources.tableCaption')}
        columns={['name', 'type', 'items', 'lastSuccess', 'error', 'nextCheck', 'status'].map((k) => t(`sources.${k}`))}
      >
        {sources.map((s) => (
          <tr key={s.id} className={s.enabled ? undefined : 'paused'}>
            <th scope="row">
              <span className="src">{s.name}</span>
              <br />
              <span className="muted url">{s.url}</span>
            </th>
            <td>{t(`sourceType.${s.type}`)}</td>
            <td className="num">{formatNumber(s.itemCount, i18n.language)}</td>
            <td>
              {s.health.lastSuccessAt ? (
                <time dateTime={s.health.lastSuccessAt} title={formatDateTime(s.health.lastSuccessAt, i18n.language)}>
                  {formatRelative(s.health.lastSuccessAt, i18n.language)}
                </time>
              ) : (
                <span className="muted">{t('sources.never')}</span>
              )}
            </td>
            <td>
              {s.health.errorCount > 0 ? (
                <span className="bad">
                  {t(
                    `errors.${(s.health.lastErrorCode ?? 'generic').startsWith('http.') ? 'http' : (s.health.lastErrorCode ?? 'generic').replace('.', '_')}`,
                    { defaultValue: s.health.lastErrorCode ?? '' },
                  )}{' '}
                  ×{s.health.errorCount}
                </span>
              ) : (
                <span className="good">{t('sources.ok')}</span>
              )}
            </td>
            <td>{s.enabled && s.health.nextCheckAt ? formatDateTime(s.health.nextCheckAt, i18n.language) : '–'}</td>
            <td>
              <button
                type="button"
                onClick={() => void togglePause(s)}
                aria-label={t(s.enabled ? 'sources.pauseNamed' : 'sources.resumeNamed', { name: s.name })}
              >
                {t(s.enabled ? 'sources.pause' : 'sources.resume')}
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
