import type { SnappedLayer } from '../formula/evaluate.ts';
import type { ReadFormula } from '../formula/formula.ts';

/**
 * Whether the data can decide a formula. A formula with k free coefficients
 * can be made to pass through any k points, so a formula that fits every
 * row proves nothing unless the data holds more distinct points than that:
 * at least twice its free coefficients, and never fewer than MARGIN more.
 * Below that, the formula is reported as not exact, with the reason, even
 * though it fits every row: the data cannot tell it from others.
 *
 * A free coefficient is every weight of the pruned network behind the
 * formula: each exponent and each coefficient is a value the search chose.
 */

/** Why a formula that fits every row is not exact. */
export interface Undecided {
  /** Distinct points of the inputs in the data (training and test rows), counted up to `needed`. */
  distinctRows: number;
  freeCoefficients: number;
  /** Distinct points it would take to decide the formula. */
  needed: number;
}

/** The fewest distinct points beyond the free coefficients. */
const MARGIN = 3;

export function freeCoefficients(layers: SnappedLayer[]): number {
  let n = 0;
  for (const l of layers) for (const row of l.weights) for (const w of row) if (w !== 0) n++;
  return n;
}

export function rowsNeeded(free: number): number {
  return free + Math.max(MARGIN, free);
}

/** Why the data cannot decide the formula of this network, or undefined when it can. */
export function undecided(layers: SnappedLayer[], distinctRows: (enough: number) => number): Undecided | undefined {
  const free = freeCoefficients(layers);
  const needed = rowsNeeded(free);
  const distinct = distinctRows(needed);
  return distinct < needed ? { distinctRows: distinct, freeCoefficients: free, needed } : undefined;
}

/** A formula as the candidate book judged it: `train.exact` is the verdict, and `undecided` says why a formula that fits every row is not exact. */
export type Judged = ReadFormula & { undecided?: Undecided };

/** The reason, as the outputs print it. */
export function undecidedText(u: Undecided): string {
  return `the data cannot decide: ${u.distinctRows} distinct row${u.distinctRows === 1 ? '' : 's'} for ${u.freeCoefficients} free coefficient${u.freeCoefficients === 1 ? '' : 's'}, ${u.needed} needed`;
}

/** Whether a value read from a model file is an Undecided: three whole numbers (a hand-written file may hold anything). */
export function isUndecided(value: unknown): value is Undecided {
  const u = value as Undecided | null | undefined;
  return typeof u === 'object' && u !== null && [u.distinctRows, u.freeCoefficients, u.needed].every((n) => Number.isSafeInteger(n));
}
