/**
 * The smallest and largest of many numbers, by a loop. Math.max(...values)
 * passes every value as an argument, and past about 100,000 of them the call
 * stack overflows, so nothing that scales with the rows may spread.
 */

/** Like Math.min(...values), NaN if any value is NaN, Infinity when empty. */
export function minOf(values: ArrayLike<number>): number {
  let m = Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) return NaN;
    if (v < m) m = v;
  }
  return m;
}

/** Like Math.max(...values), NaN if any value is NaN, -Infinity when empty. */
export function maxOf(values: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) return NaN;
    if (v > m) m = v;
  }
  return m;
}

/** Evenly spaced indices into n items, at most k of them, in order: which rows a plot draws. */
export function spreadIndices(n: number, k: number): number[] {
  if (n <= k) return Array.from({ length: n }, (_, i) => i);
  const step = n / k;
  return Array.from({ length: k }, (_, i) => Math.floor(i * step));
}
