import { monomials, type SnappedLayer } from './evaluate.ts';
import { offSpanNorms, orthonormalBasis, sparseOverSpan } from './spanPick.ts';

/**
 * Sums over the cosine and sine of one argument, read by least squares.
 *
 * The law of cosines, x1^2 + x2^2 - 2 x1 x2 cos(theta1 - theta2), or the
 * same under a constant, (r^2 + d^2 - 2 r d cos(alpha)) (4 pi epsilon/q)^2,
 * is linear in a few columns M(x) f(u): M a small monomial of the inputs,
 * f one of 1, cos u, sin u and cos^2 u, and u one argument. A tail trained
 * behind a frozen one-input block meets such a sum slowly when its
 * coefficients lie far from Q (16 pi^2), and never when the argument is a
 * difference of two inputs, which no one-input block holds. Here each
 * argument's columns are searched for the few terms that make Y exact
 * (spanPick.ts). The arguments are the inputs and the differences of two
 * of them, and up to four inputs also their sums and products.
 *
 * The network read is a frozen block giving cos u and sin u (a CALUe unit
 * on the imaginary axis, as every turn stage's) and an m -> a tail over
 * [x; cos u; sin u]; the caller screens it on the target as any other.
 */

/** u = sum_s signs[s] * monomial_s(x). */
export interface TurnArgument {
  monomials: number[][];
  signs: number[];
}

/** One term of a sum: a monomial of the inputs times cos(u)^cos sin(u)^sin. */
export interface TurnTerm {
  exponents: number[];
  cos: number;
  sin: number;
}

export interface TurnSum {
  argument: TurnArgument;
  terms: TurnTerm[];
  coefficients: number[];
}

/** Powers (cos, sin) of the argument's features a term may carry, the plain monomial first: sin^2 is 1 - cos^2, cos sin half sin(2u). */
const FEATURES: ReadonlyArray<[number, number]> = [
  [0, 0],
  [1, 0],
  [0, 1],
  [2, 0],
];

/** The arguments tried: each input, and the difference of each pair; up to four inputs, also the sum and product of each pair (the pairs grow as D^2). */
export function turnArguments(D: number): TurnArgument[] {
  const unit = (j: number) => Array.from({ length: D }, (_, h) => (h === j ? 1 : 0));
  const out: TurnArgument[] = [];
  for (let j = 0; j < D; j++) out.push({ monomials: [unit(j)], signs: [1] });
  for (let i = 0; i < D; i++) {
    for (let j = i + 1; j < D; j++) {
      out.push({ monomials: [unit(i), unit(j)], signs: [1, -1] });
      if (D > 4) continue;
      out.push({ monomials: [unit(i), unit(j)], signs: [1, 1] });
      out.push({ monomials: [unit(i).map((v, h) => v + unit(j)[h])], signs: [1] });
    }
  }
  return out;
}

/** Monomials with exponents in -2..2 and at most `most` of them non-zero, the constant first. */
export function smallMonomials(D: number, most: number): number[][] {
  const out: number[][] = [];
  const walk = (j: number, e: number[], used: number) => {
    if (j === D) {
      out.push([...e]);
      return;
    }
    for (const v of [0, 1, -1, 2, -2]) {
      if (v !== 0 && used === most) continue;
      e[j] = v;
      walk(j + 1, e, used + (v !== 0 ? 1 : 0));
    }
    e[j] = 0;
  };
  walk(0, new Array(D).fill(0), 0);
  return out;
}

/** Factors a monomial of the dictionary may have, at most: the columns grow as D^k, and a term over the dominant monomial needs fewer. */
const MOST_FACTORS = 2;

/**
 * The exact sums of Y over one argument's columns of the dictionary (on
 * its rows), fewest terms first, at most one per argument, each found by
 * spanPick.ts; [] when none is exact, or when Y is a sum of plain
 * monomials (the algebraic stages' business). `tolerance`: see
 * sparseOverSpan.
 */
export function turnSums(dict: TurnDictionary | null, Y: number[], tolerance?: number): TurnSum[] {
  if (!dict || Y.length !== dict.n || !Y.every(Number.isFinite)) return [];
  const { n, mono, plain, span } = dict;
  const M = mono.length;
  const found: TurnSum[] = [];
  for (const columns of dict.columns()) {
    const fit = sparseOverSpan({ plain, span, cols: columns.cols, offSpan: columns.offSpan, n }, Y, tolerance);
    if (!fit) continue;
    const terms = fit.terms.map(({ k, plain }) => ({ exponents: mono[plain ? k : k % M], ...featureOf(plain ? 0 : 1 + Math.floor(k / M)) }));
    found.push({ argument: columns.argument, terms, coefficients: fit.coefficients });
  }
  return found.sort((a, b) => a.terms.length - b.terms.length);
}

/** The powers of cos u and sin u of feature f. */
function featureOf(f: number): { cos: number; sin: number } {
  return { cos: FEATURES[f][0], sin: FEATURES[f][1] };
}

/** What turnSums reads any Y against on the same rows: the plain monomials, their span, and each argument's columns. */
export interface TurnDictionary {
  n: number;
  mono: number[][];
  plain: Float64Array[];
  span: Float64Array[];
  /** Each argument's columns (k: plain monomial k % M times feature 1 + floor(k / M)) and their squared norms off the span: built on the first call, kept for the next. */
  columns(): Array<{ argument: TurnArgument; cols: Float64Array; offSpan: Float64Array }>;
}

/** The dictionary on the rows x (at least rowsNeeded of them, and at most MOST_INPUTS inputs), or null. */
export function turnDictionary(x: number[][], args: TurnArgument[] = turnArguments(x[0]?.length ?? 0)): TurnDictionary | null {
  const n = x.length;
  const D = x[0]?.length ?? 0;
  if (!D || D > MOST_INPUTS || n < rowsNeeded(D)) return null;
  const mono = smallMonomials(D, MOST_FACTORS);
  const plain = mono.map((e) => Float64Array.from(x, (row) => monomials([e], row)[0]));
  if (!plain.every((c) => c.every(Number.isFinite))) return null;
  const span = orthonormalBasis(plain);
  let built: ReturnType<TurnDictionary['columns']> | null = null;
  const columns = () =>
    (built ??= args.flatMap((argument) => {
      const c = argumentColumns(x, argument, plain);
      return c ? [{ argument, cols: c.cols, offSpan: offSpanNorms(c.cols, c.norms, n, span) }] : [];
    }));
  return { n, mono, plain, span, columns };
}

/** An argument's columns on the rows x, column k the plain column k % M times feature 1 + floor(k / M), and their squared norms; null where the argument is not finite. */
function argumentColumns(x: number[][], argument: TurnArgument, plain: Float64Array[]): { cols: Float64Array; norms: Float64Array } | null {
  const n = x.length;
  const M = plain.length;
  const u = x.map((row) => monomials(argument.monomials, row).reduce((s, v, k) => s + argument.signs[k] * v, 0));
  if (!u.every(Number.isFinite)) return null;
  const count = (FEATURES.length - 1) * M;
  const cols = new Float64Array(count * n);
  const norms = new Float64Array(count);
  for (let f = 1; f < FEATURES.length; f++) {
    const [a, b] = FEATURES[f];
    const feat = u.map((v) => Math.cos(v) ** a * Math.sin(v) ** b);
    plain.forEach((c, m) => {
      const k = (f - 1) * M + m;
      let nn = 0;
      for (let i = 0; i < n; i++) {
        const v = c[i] * feat[i];
        cols[k * n + i] = v;
        nn += v * v;
      }
      norms[k] = nn;
    });
  }
  return { cols, norms };
}

/** Inputs the dictionary takes at most: its columns and their passes grow as D^4 (six inputs took 3.8 s to build on this machine, five 1.3 s, with a benchmark beside them). */
export const MOST_INPUTS = 5;

/** Rows turnSums needs for D inputs: more than the plain monomials, by a margin that tells an exact fit from a lucky one. */
export function rowsNeeded(D: number): number {
  return smallMonomials(D, MOST_FACTORS).length + 48;
}

/** The network of a sum for Y: a frozen block giving cos u and sin u, then an m -> a tail over [x; cos u; sin u]. */
export function turnSumNetwork(sum: TurnSum): SnappedLayer[] {
  const { argument, terms, coefficients } = sum;
  return [
    { kind: 'caluM', weights: argument.monomials.map((e) => [...e]) },
    { kind: 'caluE', weights: [argument.signs.map(() => 0)], imag: [[...argument.signs]], join: true },
    { kind: 'caluM', weights: terms.map((t) => [...t.exponents, t.cos, t.sin]) },
    { kind: 'caluA', weights: [[...coefficients]] },
  ];
}
