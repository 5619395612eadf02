import type { SnappedLayer } from '../formula/evaluate.ts';

/**
 * A stage may fit a transformed target, Y = (y / M0)^q, and read the
 * formula back as y = M0 * (fit)^(1/q): the stack
 *   in -> m -> a -> m[1/q, 1] -> a[1]
 * whose outer exponents are chosen by the search rather than trained, since
 * gradient training of a fractional power of a sum is still an open problem
 * (see docs/RECIPE.md). M0 is the target's dominant monomial. So
 * (y / m0)^-2 = 1 - v^2/c^2 is a sum of two monomials even though
 * y = m0/sqrt(1 - v^2/c^2) is not.
 */
export interface TargetTransform {
  q: number;
  /** Exponents of the dominant monomial the target is divided by, or null. */
  m0: number[] | null;
}

export const IDENTITY: TargetTransform = { q: 1, m0: null };

export function isIdentity(t: TargetTransform): boolean {
  return t.q === 1 && !t.m0;
}

function monomial(e: number[] | null, x: number[]): number {
  if (!e) return 1;
  let p = 1;
  for (let j = 0; j < e.length; j++) if (e[j] !== 0) p *= Math.pow(x[j], e[j]);
  return p;
}

function oddPower(q: number): boolean {
  return Number.isInteger(q) && Math.abs(q) % 2 === 1;
}

/** Whether Y can be fitted and turned back into y for this target column: defined and one-to-one. */
export function transformApplies(t: TargetTransform, y: number[], x: number[][]): boolean {
  if (isIdentity(t)) return true;
  const z = y.map((v, i) => v / monomial(t.m0, x[i]));
  if (z.some((v) => v === 0 || !Number.isFinite(v) || !Number.isFinite(Math.pow(Math.abs(v), t.q)))) return false;
  // Odd integer powers keep the sign; any other power needs a target of one sign.
  return oddPower(t.q) || z.every((v) => v > 0) || z.every((v) => v < 0);
}

/** Y = (y/M0)^q; for a power that needs one sign, |y/M0|^q, the sign returning through invertTransform. */
export function applyTransform(t: TargetTransform, y: number, x: number[]): number {
  if (isIdentity(t)) return y;
  const z = y / monomial(t.m0, x);
  return oddPower(t.q) ? Math.pow(z, t.q) : Math.pow(Math.abs(z), t.q);
}

/** The precision of Y from that of y: |dY/dy| dy. */
export function transformPrecision(t: TargetTransform, y: number, x: number[], dy: number): number {
  if (isIdentity(t) || dy === 0) return dy;
  const m = monomial(t.m0, x);
  return (Math.abs(t.q) * Math.pow(Math.abs(y / m), t.q - 1) * dy) / Math.abs(m);
}

/**
 * The network in the target's own terms, from a one-output m -> a network
 * for Y: M0 joins the monomials, then y = M0^1 * S^(1/q) times +1 (or -1
 * for a target of negative sign under an even power).
 */
export function invertTransform(t: TargetTransform, layers: SnappedLayer[], negative: boolean): SnappedLayer[] {
  if (isIdentity(t)) return layers;
  const sign = negative && !oddPower(t.q) ? -1 : 1;
  if (!t.m0) return [...layers, { kind: 'caluM', weights: [[1 / t.q]] }, { kind: 'caluA', weights: [[sign]] }];
  const [m, a] = layers;
  return [
    { kind: 'caluM', weights: [...m.weights, t.m0] },
    { kind: 'caluA', weights: [[...a.weights[0], 0], [...m.weights.map(() => 0), 1]] },
    { kind: 'caluM', weights: [[1 / t.q, 1]] },
    { kind: 'caluA', weights: [[sign]] },
  ];
}
