/** Samples and their percentiles. */

/** A growable list of numbers without boxing (hundreds of thousands of samples per run). */
export class Samples {
  private data = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** The samples, trimmed to their count (a copy, safe to send to another process). */
  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

export interface Distribution {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  min: number;
}

/** Nearest-rank percentiles of all the given sample sets together; ms rounded to 0.001. */
export function distribution(...parts: Float64Array[]): Distribution {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const all = new Float64Array(total);
  let offset = 0;
  for (const p of parts) {
    all.set(p, offset);
    offset += p.length;
  }
  all.sort();
  const round = (v: number) => Math.round(v * 1000) / 1000;
  if (total === 0) return { count: 0, mean: NaN, p50: NaN, p95: NaN, p99: NaN, max: NaN, min: NaN };
  const at = (q: number) => all[Math.min(total - 1, Math.max(0, Math.ceil(q * total) - 1))];
  let sum = 0;
  for (let i = 0; i < total; i++) sum += all[i];
  return { count: total, mean: round(sum / total), p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(all[total - 1]), min: round(all[0]) };
}
