import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { formatCompact, formatNumber } from '../i18n/format';
import { type DayTotal, labelEvery, niceMax, niceTicks } from './series';

export interface Series {
  key: 'conversations' | 'messages' | 'promptTokens' | 'completionTokens';
  label: string;
  /** A class that sets the fill from the theme. */
  tone: string;
}

interface Props {
  title: string;
  days: DayTotal[];
  /** Stacked bottom to top. */
  series: Series[];
}

const HEIGHT = 220;
const PAD = { top: 12, right: 8, bottom: 28, left: 44 };

/** The drawing is as wide as its box, in pixels, so text and bars keep their size at any width. */
function useWidth(initial: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(240, Math.round(entry.contentRect.width))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/**
 * Bars per day, hand-drawn in SVG; several series stack. Each bar carries its numbers as a
 * tooltip; the table below the charts has the same data for anyone who cannot see them.
 */
export function BarChart({ title, days, series }: Props) {
  const { t, locale } = useI18n();
  const { ref, width } = useWidth(560);
  const total = (d: DayTotal) => series.reduce((sum, s) => sum + d[s.key], 0);
  const max = niceMax(Math.max(0, ...days.map(total)));
  const tickValues = niceTicks(max);
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = days.length ? plotW / days.length : plotW;
  const barW = Math.max(1, Math.min(28, slot * 0.7));
  const y = (value: number) => PAD.top + plotH - (value / max) * plotH;
  const every = labelEvery(days.length, Math.max(2, Math.floor(plotW / 56)));
  const sum = days.reduce((acc, d) => acc + total(d), 0);

  return (
    <figure class="chart card">
      <figcaption class="chart-head">
        <h2 class="chart-title">{title}</h2>
        <ul class="legend">
          {series.map((s) => (
            <li key={s.key}><span class={`legend-swatch ${s.tone}`} aria-hidden="true" />{s.label}</li>
          ))}
        </ul>
      </figcaption>
      <div ref={ref} class="chart-box">
        <svg viewBox={`0 0 ${width} ${HEIGHT}`} width={width} height={HEIGHT} class="chart-svg" role="img"
          aria-label={t.usage.chartSummary(title, days.length, formatNumber(sum, locale))}>
          {tickValues.map((tick) => (
            <g key={tick} class="chart-grid">
              <line x1={PAD.left} x2={width - PAD.right} y1={y(tick)} y2={y(tick)} />
              <text x={PAD.left - 6} y={y(tick)} dy="0.32em" text-anchor="end">{formatCompact(tick)}</text>
            </g>
          ))}
          {days.map((d, i) => {
            const x = PAD.left + i * slot + (slot - barW) / 2;
            let base = 0;
            const tip = `${d.day}\n${series.map((s) => `${s.label}: ${formatNumber(d[s.key], locale)}`).join('\n')}`;
            return (
              <g key={d.day} class="chart-bar">
                <title>{tip}</title>
                {/* A transparent full-height target, so thin bars still show their tooltip. */}
                <rect class="chart-hit" x={PAD.left + i * slot} y={PAD.top} width={slot} height={plotH} />
                {series.map((s) => {
                  const value = d[s.key];
                  const top = y(base + value);
                  const height = y(base) - top;
                  base += value;
                  return value > 0 ? <rect key={s.key} class={s.tone} x={x} y={top} width={barW} height={Math.max(height, 0.5)} rx={Math.min(3, barW / 4)} /> : null;
                })}
                {(i % every === 0 || i === days.length - 1) && (days.length - 1 - i >= every || i === days.length - 1) && (
                  <text class="chart-label" x={x + barW / 2} y={HEIGHT - 8} text-anchor="middle">{d.day.slice(5)}</text>
                )}
              </g>
            );
          })}
          <line class="chart-axis" x1={PAD.left} x2={width - PAD.right} y1={y(0)} y2={y(0)} />
        </svg>
      </div>
    </figure>
  );
}
