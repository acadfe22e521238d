/**
 * The brief's two charts, drawn by ECharts' server-side SVG renderer (no DOM, no canvas) and
 * rasterised to PNG by resvg with the embedded DejaVu font, so every format shows the same image:
 * HTML inlines the SVG as a data: URI, DOCX/PDF/Markdown use the PNG.
 */
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { SourceType } from '../../../shared/types/domain';
import { fontFiles } from './assets';
import type { Labels } from './i18n';
import type { BriefChartData, RenderedChart } from './types';

/** Chart size in CSS pixels (PNG is rendered at 2× for print). */
const WIDTH = 760,
  HEIGHT = 320,
  PNG_SCALE = 2;
const FONT = 'DejaVu Sans';

/** One colour per source type, stable across briefs (colour-blind-safe Okabe–Ito order). */
const TYPE_COLORS: Record<SourceType, string> = {
  'press-national': '#0072B2',
  'press-regional': '#56B4E9',
  tv: '#E69F00',
  radio: '#F0E442',
  social: '#D55E00',
  official: '#009E73',
  factcheck: '#CC79A7',
  web: '#999999',
};
const TONE_COLORS = ['#000091', '#E1000F', '#009E73', '#E69F00'];

function renderSvg(option: echarts.EChartsCoreOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function toPng(svg: string): Buffer {
  const f = fontFiles();
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: PNG_SCALE },
    background: '#ffffff',
    font: { loadSystemFonts: false, fontFiles: [f.regular, f.bold], defaultFontFamily: FONT, sansSerifFamily: FONT },
  });
  return r.render().asPng();
}

function noData(title: string, L: Labels): echarts.EChartsCoreOption {
  return {
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    graphic: [
      { type: 'text', left: 'center', top: 'middle', style: { text: L.t('noData'), fontSize: 14, fill: '#666' } },
    ],
  };
}

/** Stacked bars: items per time bucket and source type. */
export function volumeOption(data: BriefChartData, L: Labels): echarts.EChartsCoreOption {
  const title = L.t('volumeChart');
  if (!data.volume.length) return noData(title, L);
  return {
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0, textStyle: { fontSize: 11 } },
    grid: { left: 44, right: 16, top: 40, bottom: 56 },
    xAxis: {
      type: 'category',
      data: data.labels,
      axisLabel: { fontSize: 10, interval: Math.max(0, Math.ceil(data.labels.length / 12) - 1) },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } },
    series: data.volume.map((v) => ({
      name: L.sourceType(v.type),
      type: 'bar',
      stack: 'all',
      data: v.counts,
      itemStyle: { color: TYPE_COLORS[v.type] },
    })),
  };
}

/** Lines: mean tone (−1..1) toward the watched targets. */
export function toneOption(data: BriefChartData, L: Labels): echarts.EChartsCoreOption {
  const title = L.t('toneChart');
  if (!data.tone.some((t) => t.values.some((v) => v != null))) return noData(title, L);
  return {
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0, textStyle: { fontSize: 11 } },
    grid: { left: 44, right: 16, top: 40, bottom: 56 },
    xAxis: {
      type: 'category',
      data: data.labels,
      axisLabel: { fontSize: 10, interval: Math.max(0, Math.ceil(data.labels.length / 12) - 1) },
    },
    yAxis: { type: 'value', min: -1, max: 1, axisLabel: { fontSize: 10 } },
    series: data.tone.map((t, i) => ({
      name: t.target,
      type: 'line',
      connectNulls: true,
      symbolSize: 6,
      data: t.values,
      lineStyle: { width: 2, color: TONE_COLORS[i % TONE_COLORS.length] },
      itemStyle: { color: TONE_COLORS[i % TONE_COLORS.length] },
      // Zero line: above is favourable, below critical.
      markLine:
        i === 0
          ? {
              silent: true,
              symbol: 'none',
              data: [{ yAxis: 0 }],
              lineStyle: { color: '#888', type: 'dashed' },
              label: { show: false },
            }
          : undefined,
    })),
  };
}

/** Renders both charts to SVG and PNG. */
export function renderCharts(data: BriefChartData, L: Labels): RenderedChart[] {
  return (
    [
      ['volume', volumeOption(data, L), L.t('volumeChart')],
      ['tone', toneOption(data, L), L.t('toneChart')],
    ] as const
  ).map(([key, option, title]) => {
    const svg = renderSvg(option);
    return { key, title, svg, png: toPng(svg), width: WIDTH, height: HEIGHT };
  });
}
