import type { OuterFunction, SnappedLayer } from '../formula/evaluate.ts';
import { featureCount, joinFeatures, splitFeatures } from '../formula/features.ts';

/**
 * A stage may fit a transform of the target, Y = T(y), and read the formula
 * back through its inverse. Today's one kind is a power of the target over
 * its dominant monomial M0: Y = (y / M0)^p, read back as y = M0 * (fit)^(1/p),
 * the stack
 *   in -> m -> a -> m[1/p, 1] -> a[1]
 * whose outer exponents are chosen by the search rather than trained, since
 * gradient training of a fractional power of a sum is still an open problem
 * (see docs/RECIPE.md). So (y / m0)^-2 = 1 - v^2/c^2 is a sum of two
 * monomials even though y = m0/sqrt(1 - v^2/c^2) is not.
 *
 * The other kind is a function of the target whose inverse is a function
 * calu prints: Y = log y (read back as exp), sin y (asin), cos y (acos),
 * exp y (log) or atanh y (tanh). So asin(n sin(theta2)) is fitted as the
 * product n sin(theta2), and n0 exp(-m g x/(kb T)) as the sum
 * log(n0) - m g x/(kb T).
 *
 * Transforms are plain data, tagged by kind, so a stage's input can be sent
 * to a worker as it is; the operations of each kind sit in TRANSFORMS. A new
 * kind is one more member of the two unions and one more entry.
 */

/** What a stage asks of every target it trains. */
export type TransformSpec = PowerSpec | FunctionSpec;
/** The transform of one target: the stage's spec, met with that target's dominant monomial. */
export type TargetTransform = PowerTransform | FunctionSpec;

/** Y = f(y), y read back as f^-1 of the fit. */
export interface FunctionSpec {
  kind: 'fn';
  fn: TargetFunction;
}

/** The functions of the target a stage may fit. */
export type TargetFunction = 'log' | 'sin' | 'cos' | 'exp' | 'atanh';

export interface PowerSpec {
  kind: 'power';
  /** The power p in Y = (y / M0)^p. */
  power: number;
  /** Divide by the target's dominant monomial M0 first (a target without one is left to other stages). */
  byDominant: boolean;
}

export interface PowerTransform {
  kind: 'power';
  power: number;
  /** Exponents of the dominant monomial the target is divided by, or null. */
  m0: number[] | null;
}

interface TransformKind<S extends TransformSpec, T extends TargetTransform> {
  /** The transform for a target with this dominant monomial (null when the target has none), or null if there is none. */
  resolve(spec: S, dominant: number[] | null): T | null;
  /** How the stage's label names what it fits: y, (y/M0)^-1. */
  name(spec: S): string;
  /** Whether Y can be fitted and turned back into y for this target column: defined and one-to-one. */
  applies(t: T, y: number[], x: number[][]): boolean;
  /** Y on one row. */
  apply(t: T, y: number, x: number[]): number;
  /** The precision of Y from that of y: |dY/dy| dy. */
  precision(t: T, y: number, x: number[], dy: number): number;
  /**
   * The network for y, from an m -> a network whose outputs S_u give
   * Y = prod_u S_u^powers[u] (one sum: [1]; a quotient N/D: [1, -1]).
   * negative: the target's sign, for a transform that loses it.
   */
  invert(t: T, sums: SnappedLayer[], powers: number[], negative: boolean): SnappedLayer[];
}

const POWER: TransformKind<PowerSpec, PowerTransform> = {
  resolve: (spec, dominant) => (spec.byDominant && !dominant ? null : { kind: 'power', power: spec.power, m0: spec.byDominant ? dominant : null }),
  name: (spec) => `${spec.byDominant ? '(y/M0)' : 'y'}${spec.power === 1 ? '' : `^${spec.power}`}`,
  applies(t, y, x) {
    if (isIdentity(t)) return true;
    const z = y.map((v, i) => v / monomial(t.m0, x[i]));
    if (z.some((v) => v === 0 || !Number.isFinite(v) || !Number.isFinite(Math.pow(Math.abs(v), t.power)))) return false;
    // Odd integer powers keep the sign; any other power needs a target of one sign.
    return oddPower(t.power) || z.every((v) => v > 0) || z.every((v) => v < 0);
  },
  // For a power that needs one sign, |y/M0|^p: the sign returns through invert.
  apply(t, y, x) {
    if (isIdentity(t)) return y;
    const z = y / monomial(t.m0, x);
    return oddPower(t.power) ? Math.pow(z, t.power) : Math.pow(Math.abs(z), t.power);
  },
  precision(t, y, x, dy) {
    if (isIdentity(t) || dy === 0) return dy;
    const m = monomial(t.m0, x);
    return (Math.abs(t.power) * Math.pow(Math.abs(y / m), t.power - 1) * dy) / Math.abs(m);
  },
  // M0 joins the monomials, then y = M0^1 * prod_u S_u^(powers[u]/p) times +1 (or -1 for a target of negative sign under an even power).
  invert(t, sums, powers, negative) {
    if (isIdentity(t) && powers.length === 1 && powers[0] === 1) return sums;
    const sign = negative && !oddPower(t.power) ? -1 : 1;
    const outer = powers.map((p) => p / t.power);
    if (!t.m0) return [...sums, { kind: 'caluM', weights: [outer] }, { kind: 'caluA', weights: [[sign]] }];
    // M0 is a monomial of the inputs: over a feature block's augmented inputs it has exponent 0 on every feature.
    const { block, tail } = splitFeatures(sums);
    const [m, a] = tail;
    const m0 = [...t.m0, ...new Array(featureCount(block)).fill(0)];
    return joinFeatures(block, [
      { kind: 'caluM', weights: [...m.weights, m0] },
      { kind: 'caluA', weights: [...a.weights.map((row) => [...row, 0]), [...m.weights.map(() => 0), 1]] },
      { kind: 'caluM', weights: [[...outer, 1]] },
      { kind: 'caluA', weights: [[sign]] },
    ]);
  },
};

/** Each target function: where it is one-to-one, its derivative, and the inverse calu prints. */
const FUNCTIONS: Record<TargetFunction, { applies: (y: number) => boolean; f: (y: number) => number; slope: (y: number) => number; inverse: OuterFunction }> = {
  // A target of one sign: log|y|, the sign returning through invert.
  log: { applies: (y) => y !== 0 && Number.isFinite(Math.log(Math.abs(y))), f: (y) => Math.log(Math.abs(y)), slope: (y) => 1 / Math.abs(y), inverse: 'exp' },
  sin: { applies: (y) => Math.abs(y) <= Math.PI / 2, f: Math.sin, slope: (y) => Math.abs(Math.cos(y)), inverse: 'asin' },
  cos: { applies: (y) => y >= 0 && y <= Math.PI, f: Math.cos, slope: (y) => Math.abs(Math.sin(y)), inverse: 'acos' },
  exp: { applies: (y) => Math.abs(y) < 300, f: Math.exp, slope: Math.exp, inverse: 'log' },
  atanh: { applies: (y) => Math.abs(y) < 1, f: Math.atanh, slope: (y) => 1 / (1 - y * y), inverse: 'tanh' },
};

const FUNCTION: TransformKind<FunctionSpec, FunctionSpec> = {
  resolve: (spec) => spec,
  name: (spec) => `${spec.fn}(y)`,
  applies(t, y) {
    const fn = FUNCTIONS[t.fn];
    if (!y.every((v) => Number.isFinite(v) && fn.applies(v))) return false;
    // log needs one sign; the others are one-to-one on the whole range they accept.
    return t.fn !== 'log' || y.every((v) => v > 0) || y.every((v) => v < 0);
  },
  apply: (t, y) => FUNCTIONS[t.fn].f(y),
  precision: (t, y, _x, dy) => (dy === 0 ? 0 : FUNCTIONS[t.fn].slope(y) * dy),
  invert(t, sums, powers, negative) {
    // A quotient N/D of the fit first (powers [1, -1]), then the inverse function.
    const fitted = powers.length === 1 && powers[0] === 1 ? sums : [...sums, { kind: 'caluM' as const, weights: [powers] }];
    const out: SnappedLayer[] = [...fitted, { kind: 'fn', weights: [], fn: FUNCTIONS[t.fn].inverse }];
    return t.fn === 'log' && negative ? [...out, { kind: 'caluA', weights: [[-1]] }] : out;
  },
};

const TRANSFORMS: { [K in TransformSpec['kind']]: TransformKind<Extract<TransformSpec, { kind: K }>, Extract<TargetTransform, { kind: K }>> } = {
  power: POWER,
  fn: FUNCTION,
};

function kindOf(kind: TransformSpec['kind']): TransformKind<TransformSpec, TargetTransform> {
  return TRANSFORMS[kind] as TransformKind<TransformSpec, TargetTransform>;
}

/** Fitting y itself. */
export const PLAIN: TransformSpec = { kind: 'power', power: 1, byDominant: false };

/** The transform of one target, or null when the stage's transform needs what the target lacks (a dominant monomial). */
export function resolveTransform(spec: TransformSpec, dominant: number[] | null): TargetTransform | null {
  return kindOf(spec.kind).resolve(spec, dominant);
}

/** What the stage fits, as its label writes it; stages that fit the same thing share residual bases under this name. */
export function transformName(spec: TransformSpec): string {
  return kindOf(spec.kind).name(spec);
}

export function transformApplies(t: TargetTransform, y: number[], x: number[][]): boolean {
  return kindOf(t.kind).applies(t, y, x);
}

export function applyTransform(t: TargetTransform, y: number, x: number[]): number {
  return kindOf(t.kind).apply(t, y, x);
}

export function transformPrecision(t: TargetTransform, y: number, x: number[], dy: number): number {
  return kindOf(t.kind).precision(t, y, x, dy);
}

/** The network for y from one for Y (see TransformKind.invert); a single sum by default. */
export function invertTransform(t: TargetTransform, sums: SnappedLayer[], negative: boolean, powers: number[] = [1]): SnappedLayer[] {
  return kindOf(t.kind).invert(t, sums, powers, negative);
}

/** Fitting f(y), read back as f^-1 of the fit. */
export function targetFunction(fn: TargetFunction): FunctionSpec {
  return { kind: 'fn', fn };
}

function isIdentity(t: PowerTransform): boolean {
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
