/**
 * Small SVG bar charts (no chart library: two kinds of bars are all the dashboard needs,
 * and SVG prints crisply in the one-pager). Every chart is `role="img"` with a label, and
 * the same numbers are always in a table next to it for screen readers.
 */
export interface Bar {
  key: string;
  label: string;
  value: number;
  /** Shown at the end of the bar. */
  display: string;
}

const COLORS = ['#1f5fae', '#d9822b'];

/** Horizontal bars: one row per item (offices, industries, countries). */
export function HBarChart({
  bars,
  title,
  testId,
  width = 560,
}: {
  bars: readonly Bar[];
  title: string;
  testId?: string;
  width?: number;
}) {
  const rowHeight = 26;
  const labelWidth = 190;
  const valueWidth = 130;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plot = width - labelWidth - valueWidth;
  const height = Math.max(rowHeight, bars.length * rowHeight) + 4;
  return (
    <svg
      role="img"
      aria-label={title}
      data-testid={testId}
      className="bh-hq-chart"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={{ maxWidth: width }}
      preserveAspectRatio="xMinYMin meet"
    >
      <title>{title}</title>
      {bars.map((b, i) => {
        const y = i * rowHeight + 2;
        const w = Math.max(b.value > 0 ? 2 : 0, (b.value / max) * plot);
        return (
          <g key={b.key}>
            <text x={labelWidth - 8} y={y + 17} textAnchor="end" className="bh-hq-chart-label">
              {b.label.length > 22 ? `${b.label.slice(0, 21)}…` : b.label}
            </text>
            <rect
              x={labelWidth}
              y={y + 4}
              width={w}
              height={rowHeight - 8}
              rx={3}
              fill={COLORS[0]}
            />
            <text x={labelWidth + w + 6} y={y + 17} className="bh-hq-chart-value">
              {b.display}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Vertical bars per month, two series side by side (e.g. negotiated and contracted). */
export function MonthColumns({
  months,
  series,
  title,
  testId,
  height = 220,
}: {
  months: readonly { key: string; label: string }[];
  series: readonly { name: string; values: readonly number[] }[];
  title: string;
  testId?: string;
  height?: number;
}) {
  const width = Math.max(360, months.length * 64 + 40);
  const top = 28;
  const bottom = 28;
  const plot = height - top - bottom;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const slot = (width - 40) / Math.max(1, months.length);
  const barW = Math.min(22, (slot - 10) / Math.max(1, series.length));
  return (
    <svg
      role="img"
      aria-label={title}
      data-testid={testId}
      className="bh-hq-chart"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={{ maxWidth: Math.max(width, 720) }}
      preserveAspectRatio="xMinYMin meet"
    >
      <title>{title}</title>
      {series.map((s, si) => (
        <g key={s.name} transform={`translate(${20 + si * 170}, 4)`}>
          <rect width={12} height={12} y={2} fill={COLORS[si % COLORS.length]} rx={2} />
          <text x={18} y={12} className="bh-hq-chart-label">
            {s.name}
          </text>
        </g>
      ))}
      <line x1={20} x2={width - 20} y1={top + plot} y2={top + plot} stroke="#c8ced6" />
      {months.map((m, mi) => {
        const x0 = 20 + mi * slot + (slot - barW * series.length) / 2;
        return (
          <g key={m.key}>
            {series.map((s, si) => {
              const v = s.values[mi] ?? 0;
              const h = Math.max(v > 0 ? 2 : 0, (v / max) * plot);
              return (
                <rect
                  key={s.name}
                  x={x0 + si * barW}
                  y={top + plot - h}
                  width={barW - 2}
                  height={h}
                  rx={2}
                  fill={COLORS[si % COLORS.length]}
                />
              );
            })}
            <text
              x={20 + mi * slot + slot / 2}
              y={height - 8}
              textAnchor="middle"
              className="bh-hq-chart-label"
            >
              {m.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
