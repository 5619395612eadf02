import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { evaluateHidden, evaluateSnapped, type SnappedLayer } from './evaluate.ts';
import { leastSquares } from './sparse.ts';
import type { Rows } from '../data/rows.ts';

/**
 * The free coefficients of a snapped network, refitted jointly by float64
 * least squares, with their standard errors from the covariance
 * s^2 (J^T J)^-1 of the fit (J: the derivative of the prediction by each
 * coefficient; s^2: the residual variance). The exponents of CALUm units
 * stay as snapped: they are the formula's structure.
 */

/** A coefficient: weight [row][col] of CALUa layer `layer`. */
export interface Coefficient {
  layer: number;
  row: number;
  col: number;
}

/**
 * The coefficients a refit may move: every non-zero weight of the last
 * layer, and every non-zero weight of an inner CALUa unit but its largest,
 * which fixes the unit's scale (scaling a sum under a power by k is the
 * same as scaling what reads it by k^power, so one of the two must stay).
 */
export function freeCoefficients(layers: SnappedLayer[]): Coefficient[] {
  const out: Coefficient[] = [];
  const last = layers.length - 1;
  // A feature block (sin(theta), exp(-m g x/(kb T))) is structure, as exponents are.
  const tail = layers.findIndex((l) => l.join) + 1;
  layers.forEach((l, li) => {
    if (l.kind !== 'caluA' || li < tail) return;
    // Only a sum under powers has a scale the layer after the powers can take (not one under asin or exp).
    const gauged = li !== last && layers[li + 1]?.kind === 'caluM';
    l.weights.forEach((row, r) => {
      let gauge = -1;
      if (gauged) row.forEach((w, c) => (w !== 0 && (gauge < 0 || Math.abs(w) > Math.abs(row[gauge])) ? (gauge = c) : 0));
      row.forEach((w, c) => {
        if (w !== 0 && c !== gauge) out.push({ layer: li, row: r, col: c });
      });
    });
  });
  return out;
}

/**
 * The same network with each inner CALUa unit scaled so that its largest
 * weight (the one freeCoefficients keeps fixed) is 1, the scale moving into
 * the CALUa layer after the powers: then dropping a small term of a sum
 * leaves the sum's own weight 1, not whatever scale training gave it.
 * A negative scale under a fractional power keeps its sign.
 */
export function unitScaled(layers: SnappedLayer[]): SnappedLayer[] {
  const out = copy(layers);
  for (let l = 0; l + 2 < out.length; l++) {
    const [a, m, next] = [out[l], out[l + 1], out[l + 2]];
    if (a.kind !== 'caluA' || m.kind !== 'caluM' || next.kind !== 'caluA' || a.join || m.join) continue;
    a.weights.forEach((row, k) => {
      const lead = row.reduce((g, w, c) => (w !== 0 && (g < 0 || Math.abs(w) > Math.abs(row[g])) ? c : g), -1);
      if (lead < 0) return;
      const powers = m.weights.map((w) => w[k]);
      const scale = powers.some((p) => p !== 0 && !Number.isInteger(p)) ? Math.abs(row[lead]) : row[lead];
      if (scale === 1) return;
      a.weights[k] = row.map((w) => w / scale);
      powers.forEach((p, h) => {
        if (p !== 0) for (const nrow of next.weights) nrow[h] *= Math.pow(scale, p);
      });
    });
  }
  return out;
}

/** The network with the coefficients set to these values. */
export function withValues(layers: SnappedLayer[], coefficients: Coefficient[], values: number[]): SnappedLayer[] {
  const out = copy(layers);
  coefficients.forEach((k, i) => (out[k.layer].weights[k.row][k.col] = values[i]));
  return out;
}

/** A copy whose weights may be changed; every other field of a layer (imag, join, fn) is kept. */
function copy(layers: SnappedLayer[]): SnappedLayer[] {
  return layers.map((l) => ({ ...l, weights: l.weights.map((row) => [...row]) }));
}

export function valuesOf(layers: SnappedLayer[], coefficients: Coefficient[]): number[] {
  return coefficients.map((k) => layers[k.layer].weights[k.row][k.col]);
}

/** A least-squares fit of some coefficients. */
export interface CoefficientFit {
  layers: SnappedLayer[];
  values: number[];
  /** Standard error of each value (Infinity where the rows cannot tell it apart from the others). */
  stdErrors: number[];
  /** Sum of squared residuals, and the rows it is over. */
  sse: number;
  rows: number;
}

/** Gauss-Newton iterations at most; a network linear in its coefficients needs one. */
const MAX_ITERATIONS = 30;

/**
 * Fits `coefficients` of a one-output network to rows (one target) by
 * Gauss-Newton from their present values, each step solved by sparse.ts's
 * least squares and halved until the error drops. Null when no finite fit exists.
 */
export function fitCoefficients(layers: SnappedLayer[], coefficients: Coefficient[], rows: Rows): CoefficientFit | null {
  const y = rows.y.map((t) => t[0]);
  const sseOf = (values: number[]) => sumSquares(predict(withValues(layers, coefficients, values), rows.x), y);
  let values = valuesOf(layers, coefficients);
  let sse = sseOf(values);
  if (coefficients.length > 0) {
    for (let it = 0; it < MAX_ITERATIONS; it++) {
      const J = jacobian(layers, coefficients, values, rows.x);
      const r = residualsOf(predict(withValues(layers, coefficients, values), rows.x), y);
      const step = solveScaled(J, r);
      if (!step) break;
      let accepted: { values: number[]; sse: number } | null = null;
      for (let t = 1, h = 0; h < 12; h++, t /= 2) {
        const next = values.map((v, i) => v + t * step[i]);
        const e = sseOf(next);
        if (Number.isFinite(e) && e <= sse) {
          accepted = { values: next, sse: e };
          break;
        }
      }
      if (!accepted) break;
      const gain = sse - accepted.sse;
      values = accepted.values;
      sse = accepted.sse;
      if (gain <= 1e-13 * sse || sse === 0) break;
    }
  }
  if (!Number.isFinite(sse)) return null;
  const fitted = withValues(layers, coefficients, values);
  return { layers: fitted, values, stdErrors: standardErrors(jacobian(layers, coefficients, values, rows.x), sse, y.length), sse, rows: y.length };
}

/** Standard errors sqrt(s^2 diag((J^T J)^-1)), s^2 = sse / (n - p), through the SVD of J with unit-norm columns. */
export function standardErrors(J: number[][], sse: number, n: number): number[] {
  const p = J[0]?.length ?? 0;
  if (p === 0) return [];
  if (n <= p) return new Array(p).fill(Infinity);
  const norms = Array.from({ length: p }, (_, j) => Math.sqrt(J.reduce((s, row) => s + row[j] * row[j], 0)));
  if (norms.some((v) => !(v > 0) || !Number.isFinite(v))) return norms.map(() => Infinity);
  const svd = new SingularValueDecomposition(new Matrix(J.map((row) => row.map((v, j) => v / norms[j]))), { autoTranspose: true });
  const s = svd.diagonal;
  const V = svd.rightSingularVectors;
  const s2 = sse / (n - p);
  const floor = s[0] * 1e-12;
  return norms.map((norm, j) => {
    let c = 0;
    for (let k = 0; k < s.length; k++) {
      if (!(s[k] > floor)) return Infinity;
      c += (V.get(j, k) / s[k]) ** 2;
    }
    return Math.sqrt(s2 * c) / norm;
  });
}

function predict(layers: SnappedLayer[], x: number[][]): number[] {
  return evaluateSnapped(layers, x).map((p) => p[0]);
}

function residualsOf(pred: number[], y: number[]): number[] {
  return y.map((v, i) => v - pred[i]);
}

function sumSquares(pred: number[], y: number[]): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i] - pred[i]) ** 2;
  return s;
}

/**
 * d prediction / d coefficient per row: for the last layer the hidden
 * values themselves (it is linear in them), else central differences.
 */
function jacobian(layers: SnappedLayer[], coefficients: Coefficient[], values: number[], x: number[][]): number[][] {
  const current = withValues(layers, coefficients, values);
  const last = layers.length - 1;
  const hidden = coefficients.some((k) => k.layer === last) ? evaluateHidden(current, x) : [];
  const cols = coefficients.map((k, i) => {
    if (k.layer === last) return hidden.map((h) => h[k.col]);
    const step = 1e-6 * Math.max(Math.abs(values[i]), 1e-3);
    const at = (d: number) => predict(withValues(current, [k], [values[i] + d]), x);
    const up = at(step);
    const down = at(-step);
    return up.map((u, r) => {
      const d = (u - down[r]) / (2 * step);
      return Number.isFinite(d) ? d : 0;
    });
  });
  return x.map((_, r) => cols.map((c) => c[r]));
}

/** The least-squares step J d = r, with J's columns scaled to unit norm for the solve. */
function solveScaled(J: number[][], r: number[]): number[] | null {
  const p = J[0]?.length ?? 0;
  const norms = Array.from({ length: p }, (_, j) => Math.sqrt(J.reduce((s, row) => s + row[j] * row[j], 0)) || 1);
  const A = new Matrix(J.map((row) => row.map((v, j) => v / norms[j])));
  const sol = leastSquares(A, Matrix.columnVector(r));
  if (!sol) return null;
  return norms.map((n, j) => sol.get(j, 0) / n);
}
