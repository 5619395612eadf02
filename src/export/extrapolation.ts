import type { Dataset } from '../data/dataset.ts';
import { maxOf, minOf } from '../util/extent.ts';

/**
 * A line through input space that leaves the training range, to show what
 * a formula does beyond the data it was fitted on: x(t) = a + t (b − a),
 * where a is the training row nearest the middle of the training data and
 * b the row farthest from it (a test row when there are test rows). The
 * true targets are known at t = 0 and t = 1, the two rows themselves.
 */
export interface ExtrapolationLine {
  a: number[];
  b: number[];
  /** Targets of the rows a and b. */
  ya: number[];
  yb: number[];
  /** Whether b is a test row. */
  bIsTest: boolean;
  /** The t range plotted: past both rows. */
  tMin: number;
  tMax: number;
  /** The t range in which the line stays inside the training data's bounding box. */
  inside: [number, number];
  /** Input rows at `samples` evenly spaced t from tMin to tMax. */
  t: number[];
  rows: number[][];
}

export function extrapolationLine(train: Dataset, test?: Dataset, samples = 241): ExtrapolationLine {
  const n = train.inputs.length;
  const lo = train.inputColumns.map(minOf);
  const hi = train.inputColumns.map(maxOf);
  const mean = train.inputColumns.map((c) => {
    let s = 0;
    for (let i = 0; i < c.length; i++) s += c[i];
    return s / c.length;
  });
  // Distances in units of each input's training spread, so no input dominates by its scale.
  const scale = lo.map((l, j) => hi[j] - l || 1);
  const dist = (data: Dataset, i: number, q: number[]) => {
    let s = 0;
    for (let j = 0; j < n; j++) s += ((data.inputColumns[j][i] - q[j]) / scale[j]) ** 2;
    return Math.sqrt(s);
  };
  const ia = argmin(train.rows, (i) => dist(train, i, mean));
  const a = row(train.inputColumns, ia);
  const far = test && test.rows ? test : train;
  const ib = argmin(far.rows, (i) => -dist(far, i, a));
  const b = row(far.inputColumns, ib);
  const d = b.map((v, j) => v - a[j]);
  let t0 = -Infinity;
  let t1 = Infinity;
  d.forEach((dj, j) => {
    if (dj === 0) return;
    const [u, v] = [(lo[j] - a[j]) / dj, (hi[j] - a[j]) / dj].sort((p, q) => p - q);
    t0 = Math.max(t0, u);
    t1 = Math.min(t1, v);
  });
  const tMin = Math.min(-0.5, 2 * t0);
  const tMax = far === train ? Math.max(2, 2 * t1) : 1.25;
  const t = Array.from({ length: samples }, (_, i) => tMin + ((tMax - tMin) * i) / (samples - 1));
  return {
    a,
    b,
    ya: row(train.targetColumns, ia),
    yb: row(far.targetColumns, ib),
    bIsTest: far !== train,
    tMin,
    tMax,
    inside: [Math.max(t0, tMin), Math.min(t1, tMax)],
    t,
    rows: t.map((s) => a.map((v, j) => v + s * d[j])),
  };
}

function row(columns: Float64Array[], i: number): number[] {
  return columns.map((c) => c[i]);
}

/** The first of n indices with the smallest value. */
function argmin(n: number, value: (i: number) => number): number {
  let best = 0;
  let bestValue = value(0);
  for (let i = 1; i < n; i++) {
    const v = value(i);
    if (v < bestValue) {
      best = i;
      bestValue = v;
    }
  }
  return best;
}
