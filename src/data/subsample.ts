import type { Dataset } from './dataset.ts';
import { Random } from '../util/random.ts';

/**
 * Which rows the search trains on. Training, screening and reading a
 * formula need a few thousand rows, not a million: a large file is searched
 * on a seeded subsample and every formula is then checked on every row (the
 * candidate book). The subsample covers the ranges: the rows that hold each
 * column's smallest and largest value are always in it, so the signs and
 * the extent of every input and target are those of the whole file.
 *
 * Returns the row indices in file order, or null when every row is used
 * (a file of at most n rows: the search sees it exactly as it is).
 */
export function searchIndices(data: Dataset, n: number, seed: number): Int32Array | null {
  const N = data.rows;
  if (N <= n) return null;
  const chosen = new Set<number>();
  for (const col of [...data.inputColumns, ...data.targetColumns]) {
    const [lo, hi] = extremes(col);
    chosen.add(lo);
    chosen.add(hi);
  }
  // Its own stream, so the search's draws are the same whatever the size of the file.
  const rng = new Random((seed ^ SUBSAMPLE_SALT) >>> 0);
  if (N >= 2 * n) {
    // Far more rows than wanted: drawing and redrawing a repeat takes about n draws.
    while (chosen.size < n) chosen.add(rng.int(N));
  } else {
    const order = Int32Array.from({ length: N }, (_, i) => i);
    for (let i = 0; chosen.size < n; i++) {
      const j = i + rng.int(N - i);
      [order[i], order[j]] = [order[j], order[i]];
      chosen.add(order[i]);
    }
  }
  return Int32Array.from(chosen).sort();
}

/** Keeps the subsample's stream apart from the search's, which starts from the same seed. */
const SUBSAMPLE_SALT = 0x5eed5a11;

/** The indices of a column's first smallest and first largest value. */
function extremes(col: Float64Array): [number, number] {
  let lo = 0;
  let hi = 0;
  for (let i = 1; i < col.length; i++) {
    if (col[i] < col[lo]) lo = i;
    if (col[i] > col[hi]) hi = i;
  }
  return [lo, hi];
}
