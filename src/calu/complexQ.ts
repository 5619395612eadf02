import { CaluError } from '../errors.ts';

/**
 * An allowed set of complex values for the exponential unit's quantizer:
 * values on the real axis give exp(+-monomial), values on the imaginary
 * axis give cos and sin, as exp(i t) = cos t + i sin t. Each value keeps
 * the text it prints as.
 */
export interface ComplexQ {
  readonly re: readonly number[];
  readonly im: readonly number[];
  readonly names: readonly string[];
}

const MAGNITUDES = [0.5, 1, 2];

/** The default: 0, and +-1/2, +-1, +-2 on both axes (quarter turns of each magnitude). */
export function defaultComplexQ(): ComplexQ {
  const values: Array<[number, number]> = [[0, 0]];
  for (const m of MAGNITUDES) values.push([m, 0], [-m, 0], [0, m], [0, -m]);
  return fromPairs(values);
}

export function fromPairs(values: Array<[number, number]>, names?: string[]): ComplexQ {
  const seen = new Set<string>();
  for (const [a, b] of values) {
    const key = `${a},${b}`;
    if (seen.has(key)) throw new CaluError(`Q lists the value ${complexName(a, b)} twice`);
    seen.add(key);
  }
  return { re: values.map((v) => v[0]), im: values.map((v) => v[1]), names: values.map(([a, b], i) => names?.[i] ?? complexName(a, b)) };
}

const NAMED: Record<string, number> = { pi: Math.PI, e: Math.E };

/**
 * Parses a complex Q from a list such as `0,1,-1,i,-i,2i,pi*i`: each item
 * is a real number (or pi, e, a product like 2*pi) with an optional i.
 */
export function parseComplexQ(text: string): ComplexQ {
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length < 2) throw new CaluError(`Q "${text}" needs at least two values, e.g. 0,1,-1,i,-i`);
  const pairs = items.map((item): [number, number] => {
    const imaginary = /i$/.test(item) && !/(^|[^a-z])pi$/i.test(item);
    const body = (imaginary ? item.slice(0, -1) : item).replace(/\*$/, '');
    const value = body === '' ? 1 : body === '-' ? -1 : product(body, item);
    return imaginary ? [0, value] : [value, 0];
  });
  return fromPairs(pairs, items);
}

function product(body: string, item: string): number {
  const sign = body.startsWith('-') ? -1 : 1;
  // A product, divided by whatever follows a '/': 0.5/pi is 1/(2 pi).
  const [numerator, ...divisors] = body.replace(/^-/, '').split('/');
  let v = sign;
  for (const [part, power] of [[numerator, 1], ...divisors.map((d) => [d, -1] as const)] as const) {
    for (const f of part.split('*')) {
      const n = NAMED[f.toLowerCase()] ?? Number(f);
      if (!Number.isFinite(n) || (power < 0 && n === 0)) throw new CaluError(`Q value "${item}" is not a number, pi, e or one of those times i`);
      v *= n ** power;
    }
  }
  return v;
}

function complexName(a: number, b: number): string {
  if (b === 0) return String(a);
  const m = b === 1 ? '' : b === -1 ? '-' : String(b);
  return a === 0 ? `${m}i` : `${a}${b < 0 ? '' : '+'}${m}i`;
}

/** Index of the value nearest (a, b). */
export function nearestComplex(q: ComplexQ, a: number, b: number): number {
  let best = 0;
  let bd = Infinity;
  for (let k = 0; k < q.re.length; k++) {
    const d = Math.hypot(a - q.re[k], b - q.im[k]);
    if (d < bd) {
      bd = d;
      best = k;
    }
  }
  return best;
}

export function describeComplexQ(q: ComplexQ): string {
  return `{${q.names.join(', ')}}`;
}
