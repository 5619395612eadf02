/**
 * Exact recognition of a fitted constant: a small rational, a rational
 * times pi^k (k from -3 to 3), the square root of a rational (times pi^k, or of a rational
 * times pi), so that 0.0795775 prints as 1/(4*pi). A form is only proposed here; the caller accepts it
 * only if the formula that carries it still fits the data at rounding level.
 */
export interface ExactConstant {
  value: number;
  /** mathjs syntax, e.g. "3/2", "1/(4 * pi)", "sqrt(2)". */
  text: string;
  /** The same form in parts, so a formula can fold it into a term's own fraction. */
  parts: ConstantParts;
  /** Smaller is simpler: used to prefer 1/4 over 25/100 and 2 over sqrt(4). */
  complexity: number;
}

const MAX_DENOMINATOR = 120;
const MAX_NUMERATOR = 100000;
const PI_POWERS = [0, 1, -1, 2, -2, 3, -3];

/**
 * Candidate exact forms of c within the absolute tolerance, simplest first.
 * Zero is returned as "0" when |c| <= tolerance.
 */
export function recognize(c: number, tolerance: number): ExactConstant[] {
  if (!Number.isFinite(c)) return [];
  if (Math.abs(c) <= tolerance) return [{ value: 0, text: '0', parts: { negative: false, num: ['0'], den: [] }, complexity: 0 }];
  const sign = c < 0 ? -1 : 1;
  const a = Math.abs(c);
  const found: ExactConstant[] = [];
  for (const k of PI_POWERS) {
    for (const root of [1, 2]) {
      const base = Math.pow(a / Math.pow(Math.PI, k), root);
      // Tolerance carried through: d(base)/base = root * d(a)/a.
      const tolBase = base * root * (tolerance / a);
      for (const [p, q] of rationalsNear(base, tolBase)) {
        if (root === 2 && isSquare(p) && isSquare(q)) continue; // sqrt(4/9) is 2/3, already listed
        const value = sign * Math.pow(p / q, 1 / root) * Math.pow(Math.PI, k);
        if (Math.abs(value - c) > tolerance) continue;
        const parts = formParts(sign, p, q, root, k);
        found.push({ value, text: partsText(parts), parts, complexity: formComplexity(p, q, root, k) });
      }
    }
  }
  // The square root of a rational times pi or 1/pi: sqrt(8 * pi / 3).
  for (const j of [1, -1]) {
    const base = (a * a) / Math.pow(Math.PI, j);
    for (const [p, q] of rationalsNear(base, base * 2 * (tolerance / a))) {
      const value = sign * Math.sqrt((p / q) * Math.pow(Math.PI, j));
      if (Math.abs(value - c) > tolerance) continue;
      const inner = partsText({ negative: false, num: [...(p !== 1 ? [String(p)] : []), ...(j > 0 ? ['pi'] : [])], den: [...(q !== 1 ? [String(q)] : []), ...(j < 0 ? ['pi'] : [])] });
      const parts = { negative: sign < 0, num: [`sqrt(${inner})`], den: [] };
      found.push({ value, text: partsText(parts), parts, complexity: formComplexity(p, q, 2, 1) });
    }
  }
  found.sort((x, y) => x.complexity - y.complexity || x.text.localeCompare(y.text));
  const seen = new Set<string>();
  return found.filter((f) => !seen.has(f.text) && seen.add(f.text));
}

/** Continued-fraction convergents p/q of x with |x - p/q| <= tol, small q first. */
function rationalsNear(x: number, tol: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let [h0, h1] = [0, 1];
  let [k0, k1] = [1, 0];
  let rest = x;
  for (let iter = 0; iter < 40; iter++) {
    const ai = Math.floor(rest);
    [h0, h1] = [h1, ai * h1 + h0];
    [k0, k1] = [k1, ai * k1 + k0];
    if (k1 > MAX_DENOMINATOR || h1 > MAX_NUMERATOR) break;
    if (h1 > 0 && Math.abs(x - h1 / k1) <= tol) out.push([h1, k1]);
    const frac = rest - ai;
    if (frac < 1e-15) break;
    rest = 1 / frac;
  }
  return out;
}

function isSquare(n: number): boolean {
  const r = Math.round(Math.sqrt(n));
  return r * r === n;
}

function formComplexity(p: number, q: number, root: number, k: number): number {
  const digits = (n: number) => (n === 1 ? 0 : Math.log10(n) + 1);
  return digits(p) + digits(q) + (root === 2 ? 2 : 0) + 2 * Math.abs(k);
}

/** sign * (num factors) / (den factors); empty lists mean 1. */
export interface ConstantParts {
  negative: boolean;
  num: string[];
  den: string[];
}

function formParts(sign: number, p: number, q: number, root: number, k: number): ConstantParts {
  const num: string[] = [];
  const den: string[] = [];
  const wrap = (n: number) => (root === 2 && !isSquare(n) ? `sqrt(${n})` : String(root === 2 ? Math.round(Math.sqrt(n)) : n));
  if (p !== 1) num.push(wrap(p));
  if (q !== 1) den.push(wrap(q));
  if (k > 0) num.push(k === 1 ? 'pi' : `pi^${k}`);
  if (k < 0) den.push(k === -1 ? 'pi' : `pi^${-k}`);
  return { negative: sign < 0, num, den };
}

/** mathjs text for a product num / den, e.g. "1/(4 * pi)", "3 * x / y". */
export function partsText(parts: ConstantParts): string {
  const n = parts.num.length === 0 ? '1' : parts.num.join(' * ');
  const s = parts.negative ? '-' : '';
  if (parts.den.length === 0) return s + n;
  const d = parts.den.length === 1 ? parts.den[0] : `(${parts.den.join(' * ')})`;
  return `${s}${n} / ${d}`;
}

/** A plain float as parts. */
export function floatParts(c: number, digits: number): ConstantParts {
  return { negative: c < 0, num: [formatFloat(Math.abs(c), digits)], den: [] };
}

/** The shortest decimal text of c that keeps `digits` significant digits (3 to 17). */
export function formatFloat(c: number, digits: number): string {
  const d = Math.max(3, Math.min(17, Math.round(digits)));
  const text = Number(c.toPrecision(d)).toString();
  return text;
}
