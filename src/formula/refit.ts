import { Matrix } from 'ml-matrix';
import { evaluateHidden, evaluateSnapped, type SnappedLayer } from './evaluate.ts';
import { leastSquares } from './sparse.ts';
import type { Rows } from '../data/rows.ts';

/** A term this much smaller than the target (in L2 norm over the rows) is rounding noise. */
const NEGLIGIBLE = 1e-10;

/**
 * The refit extractor: keep every layer but the last as snapped, merge
 * hidden units that compute the same values, and solve the last layer by
 * least squares in float64. Rounding cancelling groups of units one by one
 * is what makes plain rounding fail where this succeeds.
 * rows: [row][input]; targets: [row][output]. Returns the network with its
 * last layer refitted, or null when the solve fails.
 */
export function refitLastLayer(layers: SnappedLayer[], rows: number[][], targets: number[][], hidden = evaluateHidden(layers, rows)): SnappedLayer[] | null {
  const H = hidden[0]?.length ?? 0;
  const representatives = distinctColumns(hidden, H);
  const last = layers[layers.length - 1];
  const outputs = last.weights.length;
  const weights = last.weights.map(() => new Array(H).fill(0));
  if (representatives.length > 0) {
    const A = new Matrix(rows.length, representatives.length);
    const norms = representatives.map((h) => Math.sqrt(hidden.reduce((s, row) => s + row[h] * row[h], 0)) || 1);
    for (let i = 0; i < rows.length; i++) {
      representatives.forEach((h, k) => A.set(i, k, hidden[i][h] / norms[k]));
    }
    const B = new Matrix(targets);
    const coef = leastSquares(A, B);
    if (!coef) return null;
    for (let o = 0; o < outputs; o++) {
      // Columns have unit norm, so |coefficient| is a term's size: drop terms at rounding level and solve again.
      const size = Math.sqrt(targets.reduce((s, t) => s + t[o] * t[o], 0));
      const kept = representatives.map((_, k) => k).filter((k) => Math.abs(coef.get(k, o)) > NEGLIGIBLE * size);
      let solved = kept.map((k) => coef.get(k, o));
      if (kept.length < representatives.length && kept.length > 0) {
        const sub = leastSquares(A.subMatrixColumn(kept), B.subMatrixColumn([o]));
        if (sub) solved = kept.map((_, i) => sub.get(i, 0));
      }
      kept.forEach((k, i) => {
        weights[o][representatives[k]] = solved[i] / norms[k];
      });
    }
  }
  return [...layers.slice(0, -1), { ...last, weights }];
}

/** Columns that are finite, not all zero, and not identical to an earlier column. */
function distinctColumns(hidden: number[][], H: number): number[] {
  const byKey = new Map<string, number[]>();
  const keep: number[] = [];
  const probe = Math.min(8, hidden.length);
  for (let h = 0; h < H; h++) {
    let finite = true;
    let nonzero = false;
    for (const row of hidden) {
      if (!Number.isFinite(row[h])) finite = false;
      if (row[h] !== 0) nonzero = true;
    }
    if (!finite || !nonzero) continue;
    // Hash on a few rows, then confirm on all of them.
    let key = '';
    for (let i = 0; i < probe; i++) key += hidden[i][h] + ',';
    const same = byKey.get(key) ?? [];
    if (same.some((k) => hidden.every((row) => row[k] === row[h]))) continue;
    same.push(h);
    byKey.set(key, same);
    keep.push(h);
  }
  return keep;
}

/** The m -> a network over these monomials, its one output fitted by least squares on rows (one target). */
export function refitSum(terms: number[][], rows: Rows): SnappedLayer[] | null {
  const layers: SnappedLayer[] = [{ kind: 'caluM', weights: terms }, { kind: 'caluA', weights: [terms.map(() => 0)] }];
  return refitLastLayer(layers, rows.x, rows.y);
}

/** The target minus a one-output network's prediction, per row (rows hold that one target). */
export function residuals(layers: SnappedLayer[], rows: Rows): number[] {
  const pred = evaluateSnapped(layers, rows.x);
  return rows.y.map((t, i) => t[0] - pred[i][0]);
}
