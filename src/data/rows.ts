import type { Dataset } from './dataset.ts';
import type { Random } from '../util/random.ts';

/**
 * Rows of a fit: x [row][input], y [row][target], precision like y (half a
 * unit in the last written digit). The search works on rows, a few thousand
 * at most (see subsample.ts); a Dataset holds every row as columns.
 */
export interface Rows {
  x: number[][];
  y: number[][];
  precision: number[][];
}

/** The rows of a dataset at the given indices, in that order (every row when absent). */
export function rowsOf(data: Dataset, indices?: ArrayLike<number>): Rows {
  const n = indices ? indices.length : data.rows;
  const at = (i: number) => (indices ? indices[i] : i);
  const gather = (cols: Float64Array[]) => Array.from({ length: n }, (_, i) => cols.map((c) => c[at(i)]));
  return { x: gather(data.inputColumns), y: gather(data.targetColumns), precision: gather(data.precisionColumns) };
}

/** A dataset from rows, as the readers would give it: for tests, benchmarks and callers that hold rows. */
export function datasetOfRows(source: string, inputs: string[], targets: string[], rows: { x: number[][]; y: number[][]; precision?: number[][] }): Dataset {
  const column = (m: number[][], j: number) => Float64Array.from(m, (r) => r[j]);
  return {
    source,
    inputs,
    targets,
    rows: rows.x.length,
    inputColumns: inputs.map((_, j) => column(rows.x, j)),
    targetColumns: targets.map((_, o) => column(rows.y, o)),
    precisionColumns: targets.map((_, o) => (rows.precision ? column(rows.precision, o) : new Float64Array(rows.x.length))),
    lines: Uint32Array.from(rows.x, (_, i) => i + 2),
  };
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
