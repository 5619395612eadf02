import type { SnappedLayer } from '../formula/evaluate.ts';

/**
 * A stage may fit a transformed target, Y = (y / M0)^p, and read the
 * formula back as y = M0 * (fit)^(1/p): the stack
 *   in -> m -> a -> m[1/p, 1] -> a[1]
 * whose outer exponents are chosen by the search rather than trained, since
 * gradient training of a fractional power of a sum is still an open problem
 * (see docs/RECIPE.md). M0 is the target's dominant monomial. So
 * (y / m0)^-2 = 1 - v^2/c^2 is a sum of two monomials even though
 * y = m0/sqrt(1 - v^2/c^2) is not.
 */
export interface TargetTransform {
  /** The power the target is raised to. */
  power: number;
  /** Exponents of the dominant monomial the target is divided by, or null. */
  m0: number[] | null;
}

export function isIdentity(t: TargetTransform): boolean {
  return t.power === 1 && !t.m0;
}

function monomial(e: number[] | null, x: number[]): number {
  if (!e) return 1;
  let p = 1;
  for (let j = 0; j < e.length; j++) if (e[j] !== 0) p *= Math.pow(x[j], e[j]);
  return p;
}

function oddPower(p: number): boolean {
  return Number.isInteger(p) && Math.abs(p) % 2 === 1;
}

/** Whether Y can be fitted and turned back into y for this target column: defined and one-to-one. */
export function transformApplies(t: TargetTransform, y: number[], x: number[][]): boolean {
  if (isIdentity(t)) return true;
  const z = y.map((v, i) => v / monomial(t.m0, x[i]));
  if (z.some((v) => v === 0 || !Number.isFinite(v) || !Number.isFinite(Math.pow(Math.abs(v), t.power)))) return false;
  // Odd integer powers keep the sign; any other power needs a target of one sign.
  return oddPower(t.power) || z.every((v) => v > 0) || z.every((v) => v < 0);
}

/** Y = (y/M0)^p; for a power that needs one sign, |y/M0|^p, the sign returning through invertTransform. */
export function applyTransform(t: TargetTransform, y: number, x: number[]): number {
  if (isIdentity(t)) return y;
  const z = y / monomial(t.m0, x);
  return oddPower(t.power) ? Math.pow(z, t.power) : Math.pow(Math.abs(z), t.power);
}

/** The precision of Y from that of y: |dY/dy| dy. */
export function transformPrecision(t: TargetTransform, y: number, x: number[], dy: number): number {
  if (isIdentity(t) || dy === 0) return dy;
  const m = monomial(t.m0, x);
  return (Math.abs(t.power) * Math.pow(Math.abs(y / m), t.power - 1) * dy) / Math.abs(m);
}

/**
 * The network in the target's own terms, from a one-output m -> a network
 * for Y: M0 joins the monomials, then y = M0^1 * S^(1/p) times +1 (or -1
 * for a target of negative sign under an even power).
 */
export function invertTransform(t: TargetTransform, layers: SnappedLayer[], negative: boolean): SnappedLayer[] {
  if (isIdentity(t)) return layers;
  const sign = negative && !oddPower(t.power) ? -1 : 1;
  if (!t.m0) return [...layers, { kind: 'caluM', weights: [[1 / t.power]] }, { kind: 'caluA', weights: [[sign]] }];
  const [m, a] = layers;
  return [
    { kind: 'caluM', weights: [...m.weights, t.m0] },
    { kind: 'caluA', weights: [[...a.weights[0], 0], [...m.weights.map(() => 0), 1]] },
    { kind: 'caluM', weights: [[1 / t.power, 1]] },
    { kind: 'caluA', weights: [[sign]] },
  ];
}
