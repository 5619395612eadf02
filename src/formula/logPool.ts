import { Matrix } from 'ml-matrix';
import { augment, featureCount } from './features.ts';
import { leastSquares } from './sparse.ts';
import { evaluateSnapped, monomials, type SnappedLayer } from './evaluate.ts';
import type { Rows } from '../data/rows.ts';
import { selectFactors, type ArgumentUnit, type Dictionary } from './productSearch.ts';

/**
 * Pooling in log space, for a block giving one exponential E = exp(c u)
 * or one turn (cos t, sin t).
 * Formulas such as Planck's h omega/(exp(h omega/(kb T)) - 1), tanh u =
 * (exp(2u) - 1)/(exp(2u) + 1) or n0/(exp(u) + exp(-u)) are products of
 * powers: K M E^a (E - 1)^b (E + 1)^d, M a monomial of the inputs. Their
 * logarithm is linear in log x_j, log E, log|E - 1| and log(E + 1), so one
 * least-squares fit of log|y| on those columns gives every exponent at
 * once, where training the quotient behind a frozen block rarely meets them
 * (its coefficients, 2 pi or pi^2, are far from the values of Q).
 *
 * The network read is the deep stack the search already prints for powers
 * of sums, over [x; E]:
 *   m: M, E, 1  ->  a: M, E, E - 1, E + 1  ->  m: M E^a (E - 1)^b (E + 1)^d  ->  a: K
 * Exponents are rounded (to integers, those of the factors within -2..2) and
 * K refitted (signs come from the phases of negative factors, as in any
 * CALUm); null when y has a zero or the fit is not close to a product
 * of that form. The same for a turn, with cos t, sin t and 1 - cos t:
 * (Z1 Z2 alpha hbar c/(4 E sin(theta/2)^2))^2 is M (1 - cos theta)^-2
 * up to a constant. The caller screens the network on the target as any other.
 */
export function logPool(block: SnappedLayer[], rows: Rows, k = 0): SnappedLayer[] | null {
  const last = block[block.length - 1];
  const K = last?.weights.length ?? 0;
  if (!last || last.kind !== 'caluE' || K < 1 || featureCount(block) !== 2 * K) return null;
  const y = rows.y.map((t) => t[k]);
  if (!y.every((v) => v !== 0 && Number.isFinite(v))) return null;
  const D = rows.x[0]?.length ?? 0;
  let kinds = last.weights.map((_, u) => kindOf(last.imag?.[u] ?? []));
  const features = augment(block, rows.x);
  const values = kinds.flatMap((kind, u) => factorValues(kind, features.map((row) => row[D + u]), features.map((row) => row[D + K + u])));
  const fit = logLinearFit(logsOf(rows.x), y.map((v) => Math.log(Math.abs(v))), values);
  if (!fit) return null;
  const exps = fit.coefficients.slice(1, 1 + D).map(round);
  const powers = fit.coefficients.slice(1 + D).map(round);
  if ([...exps, ...powers].some(Number.isNaN) || powers.every((p) => p === 0) || powers.some((p) => Math.abs(p) > 2)) return null;
  let unitPowers = kinds.map((_, u) => powers.slice(3 * u, 3 * u + 3));
  // A lone power of E is one exponential: exp(-u) reads better than 1/exp(u), and exp(-u) than exp(-u/2)^2. The unit then gives exp(p c u).
  const lone = unitPowers.map((p, u) => (kinds[u] === 'exp' && p[0] !== 0 && p[1] === 0 && p[2] === 0 ? p[0] : 1));
  if (lone.some((p) => p !== 1)) {
    unitPowers = unitPowers.map((p, u) => (lone[u] !== 1 ? [1, 0, 0] : p));
    // An exponential's weight is real: its imaginary part (0) is left as it is.
    block = [...block.slice(0, -1), { ...last, weights: last.weights.map((row, u) => row.map((w) => w * lone[u])) }];
  }
  // A unit the product does not use leaves a unit block (one monomial per unit, unitBlock) of several units.
  const used = unitPowers.map((p) => p.some((v) => v !== 0));
  if (K > 1 && used.some((u) => !u)) {
    if (block.length !== 2 || block[0].weights.length !== K) return null;
    const keep = <T,>(list: T[]) => list.filter((_, u) => used[u]);
    const e = block[1];
    block = [
      { ...block[0], weights: keep(block[0].weights) },
      { ...e, weights: keep(e.weights).map(keep), ...(e.imag ? { imag: keep(e.imag).map(keep) } : {}) },
    ];
    kinds = keep(kinds);
    unitPowers = keep(unitPowers);
  }
  const units = kinds.length;
  // Features' columns are [x; Re E_1..E_K; Im E_1..E_K]: the monomial M reads x alone, unit u columns D + u and D + K + u.
  const width = D + 2 * units;
  const unitAt = (col: number) => Array.from({ length: width }, (_, j) => (j === col ? 1 : 0));
  // The first m layer's rows: M, Re E_1, Im E_1, ..., Re E_K, Im E_K, 1.
  const one = 1 + 2 * units;
  const factorRows = kinds.flatMap((kind, u) =>
    FACTORS[kind].map(([a, b, c]) => {
      const row = new Array(one + 1).fill(0);
      row[1 + 2 * u] = a;
      row[2 + 2 * u] = b;
      row[one] = c;
      return row;
    }),
  );
  const tail: SnappedLayer[] = [
    { kind: 'caluM', weights: [[...exps, ...new Array(2 * units).fill(0)], ...kinds.flatMap((_, u) => [unitAt(D + u), unitAt(D + units + u)]), new Array(width).fill(0)] },
    { kind: 'caluA', weights: [[1, ...new Array(one).fill(0)], ...factorRows] },
    { kind: 'caluM', weights: [[1, ...unitPowers.flat()]] },
  ];
  const f = evaluateSnapped([...block, ...tail], rows.x).map((row) => row[0]);
  let fy = 0;
  let ff = 0;
  f.forEach((v, i) => {
    fy += v * y[i];
    ff += v * v;
  });
  if (!(ff > 0) || !Number.isFinite(fy / ff)) return null;
  return [...block, ...tail, { kind: 'caluA', weights: [[fy / ff]] }];
}

/**
 * A product of factors of up to MOST_UNITS arguments of the dictionary
 * (productSearch.ts), read as logPool reads a block: the networks of the
 * chosen arguments and of each one at its other scales, or none when no
 * choice of them makes log|y| exact. The same argument at another scale
 * may read shorter (sin(2 pi u)^2, not 4 cos(pi u)^2 sin(pi u)^2): the
 * caller screens them and keeps the smallest powers.
 */
export function productFits(rows: Rows, k: number, dict: Dictionary): SnappedLayer[][] {
  const y = rows.y.map((t) => t[k]);
  const n = dict.rows;
  if (!n || !y.every((v) => v !== 0 && Number.isFinite(v))) return [];
  const head = (col: number[]) => Float64Array.from(col.slice(0, n));
  const logs = logsOf(rows.x.slice(0, n));
  const base = [head(y.map(() => 1)), ...Array.from({ length: logs[0].length }, (_, j) => Float64Array.from(logs, (r) => r[j]))];
  if (!base.every((c) => c.every(Number.isFinite))) return [];
  const chosen = selectFactors(base, head(y.map((v) => Math.log(Math.abs(v)))), dict.groups, MOST_UNITS);
  if (!chosen.length) return [];
  const same = (a: ArgumentUnit, b: ArgumentUnit) => a.exponents.join() === b.exponents.join() && (a.weight[1] !== 0) === (b.weight[1] !== 0);
  const rescaled = chosen.flatMap((g, i) => dict.units.flatMap((u, h) => (h !== g && same(u, dict.units[g]) ? [chosen.map((c, j) => (j === i ? h : c))] : [])));
  return [chosen, ...rescaled].flatMap((set) => {
    const layers = logPool(unitBlock(set.map((g) => dict.units[g])), rows, k);
    return layers ? [layers] : [];
  });
}

/** Arguments a product may have: I0 (sin(a/2) sin(n d/2)/(a/2 sin(d/2)))^2 has three. */
const MOST_UNITS = 3;

/** A unit's kind from its imaginary weights: any non-zero one makes it a turn. */
function kindOf(imag: number[]): 'exp' | 'turn' {
  return imag.some((w) => w !== 0) ? 'turn' : 'exp';
}

/** A frozen block of K units, unit u exp(w_u u_u): K monomials, then K exponentials each reading its own. */
export function unitBlock(units: ArgumentUnit[]): SnappedLayer[] {
  const diag = (part: 0 | 1) => units.map((u, i) => units.map((_, j) => (i === j ? u.weight[part] : 0)));
  return [
    { kind: 'caluM', weights: units.map((u) => [...u.exponents]) },
    { kind: 'caluE', weights: diag(0), imag: diag(1), join: true },
  ];
}

/** The factors of a unit of this kind on its argument's values c u: for an exponential E, E - 1 (through expm1: exact near 0), E + 1; for a turn cos, sin, 1 - cos. */
export function argumentFactors(kind: 'exp' | 'turn', cu: number[]): number[][] {
  return kind === 'exp' ? [cu.map(Math.exp), cu.map(Math.expm1), cu.map((v) => Math.exp(v) + 1)] : factorValues('turn', cu.map(Math.cos), cu.map(Math.sin));
}

/** The dictionary of `units` on the first `n` rows of x, for productFits. */
export function dictionary(units: ArgumentUnit[], x: number[][], n: number): Dictionary {
  const head = x.slice(0, n);
  const groups = units.map((u) => {
    const c = u.weight[0] || u.weight[1];
    const cu = head.map((row) => c * monomials([u.exponents], row)[0]);
    return argumentFactors(u.weight[1] !== 0 ? 'turn' : 'exp', cu).map((f) => {
      const logs = Float64Array.from(f, (v) => Math.log(Math.abs(v)));
      return logs.every(Number.isFinite) ? logs : null;
    });
  });
  return { units, groups, rows: head.length };
}

/**
 * The factors of a product over a block's two features, as multiples of
 * [Re E, Im E, 1]: for an exponential (Im E = 0) E, E - 1 and E + 1; for a
 * turn cos t, sin t and 1 - cos t (2 sin(t/2)^2). Not 1 + cos t as well: its
 * log is 2 log|sin t| - log(1 - cos t), and a fit would share one power
 * among the three.
 */
export const FACTORS: Record<'exp' | 'turn', number[][]> = {
  exp: [
    [1, 0, 0],
    [1, 0, -1],
    [1, 0, 1],
  ],
  turn: [
    [1, 0, 0],
    [0, 1, 0],
    [-1, 0, 1],
  ],
};

/** Each factor's value on each row, from the block's features re = Re E and im = Im E. */
export function factorValues(kind: 'exp' | 'turn', re: number[], im: number[]): number[][] {
  return FACTORS[kind].map(([a, b, c]) => re.map((v, i) => a * v + b * im[i] + c));
}

/** log|x| of every entry of the rows. */
export function logsOf(x: number[][]): number[][] {
  return x.map((row) => row.map((v) => Math.log(Math.abs(v))));
}

/**
 * The least-squares fit of log|y| on [1, log|x_j|, log|factor|]: its
 * coefficients in that order, and its residual relative to the spread of
 * log|y| (0 for a product of powers of the inputs and factors). Null when a
 * column is not finite (a zero) or the fit has no solution.
 */
export function logLinearFit(logs: number[][], logY: number[], factors: number[][]): { coefficients: number[]; residual: number } | null {
  const n = logY.length;
  const D = logs[0]?.length ?? 0;
  const cols: number[][] = [logY.map(() => 1)];
  for (let j = 0; j < D; j++) cols.push(logs.map((r) => r[j]));
  for (const f of factors) cols.push(f.map((v) => Math.log(Math.abs(v))));
  if (!cols.every((c) => c.every(Number.isFinite))) return null;
  // Columns scaled to unit length, for the conditioning; the coefficients are scaled back.
  const norms = cols.map((c) => Math.hypot(...c) || 1);
  const A = new Matrix(n, cols.length);
  cols.forEach((c, j) => c.forEach((v, i) => A.set(i, j, v / norms[j])));
  const sol = leastSquares(A, Matrix.columnVector(logY));
  if (!sol) return null;
  const pred = A.mmul(sol);
  const mean = logY.reduce((a, b) => a + b, 0) / n;
  let ss = 0;
  let tot = 0;
  logY.forEach((v, i) => {
    ss += (pred.get(i, 0) - v) ** 2;
    tot += (v - mean) ** 2;
  });
  return { coefficients: norms.map((m, j) => sol.get(j, 0) / m), residual: Math.sqrt(ss / (tot || 1)) };
}

/** Exponents closer than this to an integer are taken as it; others are no product of this form. */
const NEAR = 0.1;

function round(v: number): number {
  const r = Math.round(v);
  return Math.abs(v - r) <= NEAR ? r + 0 : NaN;
}
