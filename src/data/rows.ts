import type { Random } from '../util/random.ts';

/** Rows of a fit: x [row][input], y [row][target], precision like y (half a unit in the last written digit). */
export interface Rows {
  x: number[][];
  y: number[][];
  precision: number[][];
}

/** The rows with target o alone, as a one-target set. */
export function targetRows(rows: Rows, o: number): Rows {
  return { x: rows.x, y: rows.y.map((t) => [t[o]]), precision: rows.precision.map((p) => [p[o]]) };
}

/** n rows drawn without replacement, kept in their original order (all of them when there are fewer). */
export function sampleRows(all: Rows, n: number, rng: Random): Rows {
  const idx = all.x.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  const keep = idx.slice(0, Math.min(n, idx.length)).sort((a, b) => a - b);
  return { x: keep.map((i) => all.x[i]), y: keep.map((i) => all.y[i]), precision: keep.map((i) => all.precision[i]) };
}

/** Columns of a row-major table: [row][column] to [column][row]. */
export function transpose(rows: number[][]): number[][] {
  const cols = rows[0]?.length ?? 0;
  return Array.from({ length: cols }, (_, j) => rows.map((r) => r[j]));
}
