/** Usage: totals, the two charts. */
export const usageStyles = `
.stat-cards { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 12px; margin: 0; }
.stat { padding: 14px 16px; }
.stat dt { font-size: 12.5px; color: var(--muted); }
.stat dd { margin: 4px 0 0; font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
.charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
.chart { margin: 0; display: grid; gap: 8px; }
.chart-title { font-size: 14px; }
.chart-head { display: flex; justify-content: space-between; align-items: center; flex-wrap: wrap; gap: 8px; }
.legend { display: flex; gap: 12px; list-style: none; margin: 0; padding: 0; font-size: 12.5px; color: var(--muted); }
.legend li { display: inline-flex; align-items: center; gap: 6px; }
.legend-swatch { width: 10px; height: 10px; border-radius: 2px; display: inline-block; }
.legend-swatch.tone-1 { background: var(--chart-1); }
.legend-swatch.tone-2 { background: var(--chart-2); }
.legend-swatch.tone-3 { background: var(--chart-3); }
.chart-box { min-width: 0; }
.chart-svg { display: block; max-width: 100%; height: auto; overflow: visible; }
.chart-svg text { font-family: var(--font); font-size: 11.5px; fill: var(--muted); }
.chart-grid line { stroke: var(--border); stroke-width: 1; }
.chart-axis { stroke: var(--border-strong); stroke-width: 1; }
.chart-svg rect.tone-1 { fill: var(--chart-1); }
.chart-svg rect.tone-2 { fill: var(--chart-2); }
.chart-svg rect.tone-3 { fill: var(--chart-3); }
.chart-hit { fill: transparent; }
.chart-bar:hover .chart-hit { fill: var(--surface-2); }

@media (max-width: 1024px) {
  .charts { grid-template-columns: minmax(0, 1fr); }
  .stat-cards { grid-template-columns: repeat(2, minmax(0, 1fr)); }
}
`;
