import { CaluError } from '../errors.ts';

/**
 * An allowed set Q for the neural quantizer: the values a weight may snap
 * to, each with the text it prints as ("pi" rather than 3.14159...).
 */
export interface QSet {
  readonly values: readonly number[];
  readonly names: readonly string[];
}

const NAMED: Record<string, number> = { pi: Math.PI, e: Math.E };

export const PRESETS: Record<string, () => QSet> = {
  /** The talk's default: the integers -2..2. */
  int: () => range(-2, 2, 1),
  int3: () => range(-3, 3, 1),
  /** Exponents 0..3, as the multinomial's middle layer uses. */
  pow3: () => range(0, 3, 1),
  /** Integers and halves, for square roots. */
  half: () => range(-2, 2, 0.5),
  half3: () => range(-3, 3, 0.5),
};

export function range(low: number, high: number, step: number): QSet {
  const values: number[] = [];
  for (let k = 0; low + k * step <= high + 1e-12; k++) values.push(round12(low + k * step));
  return fromValues(values);
}

export function fromValues(values: number[], names?: string[]): QSet {
  const pairs = values.map((v, i) => ({ v, n: names?.[i] ?? formatNumber(v) }));
  pairs.sort((a, b) => a.v - b.v);
  for (let i = 1; i < pairs.length; i++) {
    if (pairs[i].v === pairs[i - 1].v) throw new CaluError(`Q lists the value ${pairs[i].n} twice`);
  }
  return { values: pairs.map((p) => p.v), names: pairs.map((p) => p.n) };
}

/**
 * Parses a Q given on the command line: a preset name (`int`, `half`, ...),
 * a range `-3..3` or `-2..2:0.5`, or a list such as `-1,0,1,pi,e`.
 */
export function parseQ(text: string): QSet {
  const t = text.trim();
  if (PRESETS[t]) return PRESETS[t]();
  const m = /^(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)(?::(\d+(?:\.\d+)?))?$/.exec(t);
  if (m) {
    const low = Number(m[1]);
    const high = Number(m[2]);
    const step = m[3] ? Number(m[3]) : 1;
    if (!(high > low) || !(step > 0)) throw new CaluError(`Q range "${t}" must go from low to high in a positive step`);
    return range(low, high, step);
  }
  const items = t.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length < 2) {
    throw new CaluError(`Q "${t}" needs at least two values, a range like -2..2, or a preset (${Object.keys(PRESETS).join(', ')})`);
  }
  const values = items.map((s) => {
    const lower = s.toLowerCase();
    const sign = lower.startsWith('-') ? -1 : 1;
    const body = lower.replace(/^[-+]/, '');
    if (body in NAMED) return sign * NAMED[body];
    const v = Number(s);
    if (!Number.isFinite(v)) throw new CaluError(`Q value "${s}" is not a number, pi or e`);
    return v;
  });
  return fromValues(values, items);
}

/** True when every value is >= 0, so a weight needs the unit phasor to carry its sign. */
export function isNonNegative(q: QSet): boolean {
  return q.values.every((v) => v >= 0);
}

export function isIntegral(q: QSet): boolean {
  return q.values.every((v) => Number.isInteger(v));
}

/** The value of Q nearest to x: how a trained weight snaps (never the softmax argmax). */
export function nearest(q: QSet, x: number): number {
  let best = q.values[0];
  for (const v of q.values) if (Math.abs(v - x) < Math.abs(best - x)) best = v;
  return best;
}

export function describeQ(q: QSet): string {
  return `{${q.names.join(', ')}}`;
}

function round12(x: number): number {
  return Math.round(x * 1e12) / 1e12;
}

function formatNumber(v: number): string {
  return String(v);
}
