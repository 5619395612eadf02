/** Small text formatters shared by the views: numbers, durations, bars and sparklines. */

/** A loss or an error in 3 significant digits: 1.40e-1; 0 stays 0. */
export function sci(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  return x.toExponential(2).replace('-', '−');
}

/** An error bound in 2 significant digits: 9.8e+1. */
export function short(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return 'undefined';
  if (!Number.isFinite(x)) return '∞';
  if (x === 0) return '0';
  return x.toExponential(1).replace('-', '−');
}

/** Seconds as 0.4 s, 12.3 s, 2 min 05 s. */
export function seconds(s: number): string {
  if (!Number.isFinite(s)) return '—';
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${String(Math.round(s - 60 * m)).padStart(2, '0')} s`;
}

/** A filled bar of `width` cells for a share in [0, 1]. */
export function bar(share: number, width: number): string {
  const clamped = Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
  const full = Math.round(clamped * width);
  return '█'.repeat(full) + '░'.repeat(width - full);
}

const TICKS = '▁▂▃▄▅▆▇█';

/**
 * The last `width` values as a sparkline on a log scale (losses span
 * decades), scaled between the lowest and highest value shown. A missing
 * value (NaN) is a blank.
 */
export function sparkline(values: number[], width: number, low?: number, high?: number): string {
  const shown = values.slice(-width);
  const logs = shown.map((v) => (v > 0 && Number.isFinite(v) ? Math.log10(v) : NaN));
  const finite = logs.filter(Number.isFinite);
  if (finite.length === 0) return ' '.repeat(shown.length);
  const lo = low !== undefined && low > 0 ? Math.log10(low) : Math.min(...finite);
  const hi = high !== undefined && high > 0 ? Math.log10(high) : Math.max(...finite);
  return logs
    .map((l) => {
      if (!Number.isFinite(l)) return ' ';
      const t = hi > lo ? (l - lo) / (hi - lo) : 0.5;
      return TICKS[Math.min(TICKS.length - 1, Math.max(0, Math.round(t * (TICKS.length - 1))))];
    })
    .join('');
}

/** Several sparklines on one shared scale, so their heights compare (best below median, say). */
export function sparklines(series: number[][], width: number): string[] {
  const shown = series.flatMap((v) => v.slice(-width)).filter((v) => v > 0 && Number.isFinite(v));
  if (shown.length === 0) return series.map((v) => ' '.repeat(Math.min(width, v.length)));
  const low = Math.min(...shown);
  const high = Math.max(...shown);
  return series.map((v) => sparkline(v, width, low, high));
}

/** Cuts text to `width` characters, ending in … when it had to cut. */
export function fit(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  return width <= 1 ? '…'.slice(0, width) : chars.slice(0, width - 1).join('') + '…';
}

/** Display width of the views' text: every character they print is one cell wide. */
export function width(text: string): number {
  return [...text].length;
}

/** A stage's restarts, and how they are split across threads (--workers): "48 restarts (24 + 24 on 2 threads)". */
export function restartsText(restarts: number, shares?: number[]): string {
  return `${restarts} restarts${shares && shares.length > 1 ? ` (${shares.join(' + ')} on ${shares.length} threads)` : ''}`;
}
