/** Tableau de bord: volume by source type over time, top stories, opinion toward the ministry, infox under review. */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useApp } from '../../app/context';
import { formatRoute } from '../../app/router';
import { EChart } from '../../components/EChart';
import { ErrorNote } from '../../components/ErrorNote';
import { ScoreBadge } from '../../components/ScoreBadge';
import { formatCompactTime, formatNumber, formatShortDay } from '../../i18n/format';
import { SOURCE_TYPES } from '../../../shared/types/domain';
import type { Dashboard } from '../../../shared/api/contract';
import type { SerializedError } from '../../../shared/errors';

// Colour-blind-safe palette (Okabe–Ito), dark enough on white.
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#555555', '#8C6D1F'];
const RANGES = { day: 24, week: 168, month: 720 } as const;

/** The dashboard screen. */
export function DashboardScreen() {
  const { t, i18n } = useTranslation();
  const { liveTick } = useApp();
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<SerializedError | null>(null);
  const [range, setRange] = useState<keyof typeof RANGES>('week');

  useEffect(() => {
    // Anchor on the newest data rather than the clock, so replayed corpora (and the demo) still show.
    const bucket = range === 'day' ? 'hour' : 'day';
    void call('dashboard:get', { bucket, since: new Date(Date.now() - RANGES[range] * 3600_000).toISOString() })
      .then((r) => {
        if (r.ok && r.value.totals.items === 0) return call('dashboard:get', { bucket: 'day' });
        return r;
      })
      .then((r) => {
        if (r.ok) {
          setData(r.value);
          setError(null);
        } else setError(r.error);
      });
  }, [range, liveTick]);

  const axisLabel = useMemo(
    () => (iso: string) =>
      data?.bucket === 'day' ? formatShortDay(iso, i18n.language) : formatCompactTime(iso, i18n.language),
    [data, i18n.language],
  );
  const labels = useMemo(() => data?.volume.map((v) => axisLabel(v.at)) ?? [], [data, axisLabel]);
  const volumeOption = useMemo(
    () =>
      data && {
        color: PALETTE,
        legend: {
          bottom: 0,
          itemGap: 22,
          textStyle: {
            color: '#222',
            fontSize: 12,
            fontFamily: '"Inter", "Segoe UI", "DejaVu Sans", system-ui, sans-serif',
          },
        },
        grid: { left: 44, right: 12, top: 12, bottom: 56 },
        tooltip: { trigger: 'axis' as const },
        xAxis: { type: 'category' as const, data: labels, axisLabel: { color: '#333', hideOverlap: true } },
        yAxis: { type: 'value' as const, minInterval: 1, axisLabel: { color: '#333' } },
        series: SOURCE_TYPES.filter((ty) => data.volume.some((v) => (v.counts[ty] ?? 0) > 0)).map((ty) => ({
          name: t(`sourceType.${ty}`),
          type: 'bar' as const,
          stack: 'v',
          data: data.volume.map((v) => v.counts[ty] ?? 0),
        })),
      },
    [data, labels, t],
  );
  const toneOption = useMemo(
    () =>
      data && {
        grid: { left: 44, right: 12, top: 16, bottom: 28 },
        tooltip: { trigger: 'axis' as const },
        xAxis: {
          type: 'category' as const,
          data: data.tone.map((p) => axisLabel(p.at)),
          axisLabel: { color: '#333', hideOverlap: true },
        },
        yAxis: { type: 'value' as const, min: -1, max: 1, axisLabel: { color: '#333' } },
        series: [
          {
            type: 'line' as const,
            data: data.tone.map((p) => p.tone),
            connectNulls: true,
            itemStyle: { color: '#1f4e8c' },
            markLine: { silent: true, symbol: 'none', data: [{ yAxis: 0 }], lineStyle: { color: '#777' } },
          },
        ],
      },
    [data, axisLabel],
  );

  return (
    <section className="screen dashboard" aria-labelledby="dash-title">
      <div className="screen-head">
        <h1 id="dash-title">{t('nav.dashboard')}</h1>
        <label className="f">
          <span>{t('filters.period')}</span>
          <select value={range} onChange={(e) => setRange(e.target.value as keyof typeof RANGES)}>
            {(Object.keys(RANGES) as Array<keyof typeof RANGES>).map((r) => (
              <option key={r} value={r}>
                {t(`dashboard.range.${r}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNote error={error} />
      {!data ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
          <ul className="tiles" aria-label={t('dashboard.totals')}>
            {(['items', 'stories', 'sources', 'alertsSent'] as const).map((k) => (
              <li key={k}>
                <span className="tile-value">{formatNumber(data.totals[k], i18n.language)}</span>
                <span className="tile-label">{t(`dashboard.total.${k}`)}</span>
              </li>
            ))}
          </ul>
          <div className="grid-2">
            <section className="panel" aria-labelledby="dash-volume">
              <h2 id="dash-volume">{t('dashboard.volume')}</h2>
              {volumeOption && (
                <EChart
                  option={volumeOption}
                  label={t('dashboard.volumeLabel', { count: data.totals.items })}
                  height={260}
                />
              )}
            </section>
            <section className="panel" aria-labelledby="dash-tone">
              <h2 id="dash-tone">{t('dashboard.tone')}</h2>
              {toneOption && <EChart option={toneOption} label={t('dashboard.toneLabel')} height={260} />}
              <p className="muted small">{t('dashboard.toneHint')}</p>
            </section>
            <section className="panel" aria-labelledby="dash-top">
              <h2 id="dash-top">{t('dashboard.topStories')}</h2>
              <ol className="plain ranked">
                {data.topStories.map((s) => (
                  <li key={s.id}>
                    <ScoreBadge kind="urgency" value={s.urgency} />{' '}
                    <a href={formatRoute({ screen: 'story', id: s.id })}>{s.title}</a>{' '}
                    <span className="muted">{t('stories.size', { count: s.itemCount })}</span>
                  </li>
                ))}
              </ol>
            </section>
            <section className="panel" aria-labelledby="dash-infox">
              <h2 id="dash-infox">{t('dashboard.infox')}</h2>
              {data.infoxUnderReview.length === 0 ? (
                <p className="muted">{t('dashboard.noInfox')}</p>
              ) : (
                <ul className="plain">
                  {data.infoxUnderReview.map((it) => (
                    <li key={it.id}>
                      <ScoreBadge kind="infox" value={it.infox} />{' '}
                      <a href={formatRoute({ screen: 'item', id: it.id })}>{it.title}</a>{' '}
                      <span className="muted">{it.sourceName}</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
        </>
      )}
    </section>
  );
}
