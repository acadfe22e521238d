/**
 * An echarts chart. echarts is imported dynamically so Vite splits it out of the first-paint
 * bundle; the chart is an image for assistive tech, with the same data given as a table/summary
 * by the caller.
 */
import { useEffect, useRef } from 'react';
import type { EChartsOption } from 'echarts';

/** Props: the option object, the accessible label and the height. */
export interface EChartProps {
  option: EChartsOption;
  label: string;
  height?: number;
}

/** Renders the chart; re-renders when the option changes; disposes on unmount. */
export function EChart({ option, label, height = 220 }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { setOption: (o: EChartsOption) => void; dispose: () => void; resize: () => void } | null = null;
    let observer: ResizeObserver | null = null;
    void import('echarts').then((echarts) => {
      if (disposed || !ref.current) return;
      chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
      chart.setOption({
        animation: false,
        textStyle: { fontFamily: '"Inter", "Segoe UI", "DejaVu Sans", system-ui, sans-serif' },
        ...option,
      });
      if (typeof ResizeObserver !== 'undefined') {
        observer = new ResizeObserver(() => chart?.resize());
        observer.observe(ref.current);
      }
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart?.dispose();
    };
  }, [option]);
  return <div ref={ref} className="chart" role="img" aria-label={label} style={{ height }} />;
}
