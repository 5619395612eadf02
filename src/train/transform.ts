import type { SnappedLayer } from '../formula/evaluate.ts';

/**
 * A stage may fit a power of the target, y^q, and read the formula as
 * y = (fit)^(1/q): the stack in -> m -> a -> m[1/q] -> a[1], whose outer
 * exponent is chosen by the search rather than trained, since gradient
 * training of a fractional power of a sum is still an open problem (see
 * docs/RECIPE.md). So 1 - v^2/c^2 = (m0/y)^2 is a sum of monomials even
 * though y = m0/sqrt(1 - v^2/c^2) is not.
 */
export interface TargetPower {
  q: number;
}

/** Whether y^q can be fitted and inverted for this target column: defined and one-to-one. */
export function powerApplies(q: number, y: number[]): boolean {
  if (q === 1) return true;
  if (y.some((v) => v === 0 || !Number.isFinite(Math.pow(Math.abs(v), q)))) return false;
  // Odd integer powers keep the sign; any other needs a target of one sign.
  if (Number.isInteger(q) && Math.abs(q) % 2 === 1) return true;
  return y.every((v) => v > 0) || y.every((v) => v < 0);
}

/** y^q; for a power that needs one sign, |y|^q, the sign returning through invertPower's -1. */
export function applyPower(q: number, y: number): number {
  if (q === 1) return y;
  if (Number.isInteger(q) && Math.abs(q) % 2 === 1) return Math.pow(y, q);
  return Math.pow(Math.abs(y), q);
}

/** The precision of y^q from that of y: |q| |y|^(q-1) dy. */
export function powerPrecision(q: number, y: number, dy: number): number {
  return q === 1 ? dy : Math.abs(q) * Math.pow(Math.abs(y), q - 1) * dy;
}

/**
 * The network in the target's own terms: a one-output network for y^q,
 * followed by a CALUm unit with exponent 1/q and a CALUa coefficient of
 * +1 (or -1 when the target is negative).
 */
export function invertPower(q: number, layers: SnappedLayer[], negative: boolean): SnappedLayer[] {
  if (q === 1) return layers;
  const odd = Number.isInteger(q) && Math.abs(q) % 2 === 1;
  return [...layers, { kind: 'caluM', weights: [[1 / q]] }, { kind: 'caluA', weights: [[negative && !odd ? -1 : 1]] }];
}
