/** Small statistics for the benchmark tables. */

/** Wilson score interval for k successes out of n at 95% confidence (Wilson 1927). */
export function wilson(k: number, n: number, z = 1.959963984540054): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Median that treats NaN as worse than any number (a diverged seed is the worst seed). */
export function medianWorstNaN(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = xs.map((v) => (Number.isNaN(v) ? Infinity : v)).sort((a, b) => a - b);
  const m = s.length >> 1;
  const v = s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  return v;
}

/** Largest value, NaN counting as infinitely bad. */
export function worst(xs: number[]): number {
  return xs.reduce((m, v) => (Number.isNaN(v) ? Infinity : Math.max(m, v)), -Infinity);
}

/** Mean squared error over every output and row, in float64: pred[o][row] against rows' targets y[row][o]. */
export function mse64(pred: ArrayLike<number>[], y: number[][]): number {
  let s = 0;
  let n = 0;
  pred.forEach((col, o) => {
    for (let i = 0; i < y.length; i++) {
      const d = col[i] - y[i][o];
      s += d * d;
      n++;
    }
  });
  return s / Math.max(1, n);
}

/** The talk's way of printing an error: the power of ten it stays below, e.g. "< 1e-14" ("0" when exactly zero). */
export function orderOfMagnitude(v: number): string {
  if (!Number.isFinite(v)) return 'diverged';
  if (v === 0) return '0';
  return `< 1e${Math.ceil(Math.log10(v) + 1e-12)}`;
}

/** A number for a table cell: 3 significant digits, "0" for zero, "inf" for non-finite. */
export function sci(v: number | null): string {
  if (v === null) return '-';
  if (!Number.isFinite(v)) return 'inf';
  if (v === 0) return '0';
  return v.toExponential(1);
}
