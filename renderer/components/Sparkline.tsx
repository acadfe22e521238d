/** Tiny SVG sparkline of counts (items per hour); no chart library for something this small. */

/** Props: the series, size, and the accessible label (e.g. "12 éléments sur 24 h, pic 5/h"). */
export interface SparklineProps {
  values: number[];
  width?: number;
  height?: number;
  label: string;
}

/** Computes the polyline points scaled into the box; pure for testing. */
export function sparklinePoints(values: number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((v, i) => `${(i * step).toFixed(1)},${(height - 1 - (v / max) * (height - 2)).toFixed(1)}`)
    .join(' ');
}

/** Renders the sparkline as role="img" with the label. */
export function Sparkline({ values, width = 96, height = 22, label }: SparklineProps) {
  const points = sparklinePoints(values, width, height);
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      {points && <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />}
    </svg>
  );
}
