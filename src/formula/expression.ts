import type { SnappedLayer } from './evaluate.ts';
import { floatParts, partsText, recognize, type ConstantParts } from './constants.ts';

/**
 * Reads the formula off a snapped network as mathjs text, one output at a
 * time: zero connections are dropped, units that print alike are merged
 * (their coefficients summed), and terms that cancel vanish.
 */

/** A unit of the snapped network as a small expression. */
type Expr =
  | { kind: 'input'; name: string; index: number }
  | { kind: 'product'; factors: Array<{ base: Expr; power: number }>; key: number[]; positive: boolean[] }
  | { kind: 'sum'; terms: Array<{ coef: number; parts: ConstantParts; expr: Expr }> }
  | { kind: 'call'; fn: string; arg: Expr };

/** Exact forms chosen by the caller for some weights: [layer][row][column], null where none. */
export type CoefficientForms = Array<Array<Array<ConstantParts | null>>>;

export interface TextOptions {
  forms?: CoefficientForms;
  /** positive[j]: input j is > 0 on every row, so (x^a)^p may be written x^(a p) for a fractional p. */
  positive?: boolean[];
  /** Write a fractional power of a product of positive inputs factor by factor: sqrt(x) sqrt(y), not sqrt(x y). */
  spread?: boolean;
  /** A feature block before the layers: they read [inputs; its outputs] (see features.ts). */
  block?: SnappedLayer[];
}

export function outputText(layers: SnappedLayer[], output: number, names: string[], options: TextOptions = {}): string {
  return print(unitsOf(layers, names, options, output)[0]);
}

/**
 * What each output of a feature block computes, as text: cos(k * d),
 * exp(-m * g * x / (kb * T)), log(V2 / V1). The block's tail reads these
 * as the names of its extra inputs.
 */
export function featureNames(block: SnappedLayer[], names: string[], positive: boolean[] = []): string[] {
  if (!block.length) return [];
  return unitsOf(block, names, { positive }).slice(names.length).map(print);
}

/**
 * What every unit of every layer computes, as text ([layer][unit], a CALUe
 * layer's units being its real parts then its imaginary parts): the labels
 * of a network's graph.
 */
export function unitTexts(layers: SnappedLayer[], names: string[]): string[][] {
  return layers.map((layer, l) => {
    const units = unitsOf(layers.slice(0, l + 1), names, {});
    // A layer that ends a feature block is followed by the inputs and its outputs: keep its own.
    return (layer.join ? units.slice(names.length) : units).map(print);
  });
}

/** The units of the last layer (only `output` of it, when given), each as an expression of the inputs. */
function unitsOf(layers: SnappedLayer[], names: string[], options: TextOptions, output?: number): Expr[] {
  const inputs: Expr[] = names.map((name, index) => ({ kind: 'input', name, index }));
  let units = options.block?.length ? unitsOf(options.block, names, { positive: options.positive }) : inputs;
  const positive = options.positive ?? [];
  layers.forEach((layer, li) => {
    const isLast = li === layers.length - 1 && output !== undefined;
    const rows = isLast ? [layer.weights[output]] : layer.weights;
    const forms = options.forms?.[li];
    const formRow = (k: number) => forms?.[isLast ? output : k] ?? undefined;
    switch (layer.kind) {
      case 'caluM':
        units = rows.map((w) => product(w, units, positive, options.spread ?? false));
        break;
      case 'caluA':
        units = rows.map((w, k) => sum(w, units, formRow(k)));
        break;
      case 'caluE':
        units = exponentials(layer, units);
        break;
      case 'caluL':
        units = rows.map((w) => call('log', product(w, units, positive, false)));
        break;
      case 'fn':
        units = units.map((u) => call(layer.fn!, u));
        break;
    }
    if (layer.join) units = [...inputs, ...units];
  });
  return units;
}

/** p times an expression, as a sum whose coefficients take the factor. */
function scaled(e: Expr, p: number): Expr {
  const terms = e.kind === 'sum' ? e.terms : [{ coef: 1, parts: defaultParts(1), expr: e }];
  return { kind: 'sum', terms: terms.map((t) => ({ coef: t.coef * p, parts: defaultParts(t.coef * p), expr: t.expr })) };
}

function call(fn: string, arg: Expr): Expr {
  return { kind: 'call', fn, arg };
}

/**
 * A CALUe layer's outputs, [Re e_k..., Im e_k...]: with e_k = exp(A + i B),
 * Re e_k = exp(A) cos(B) and Im e_k = exp(A) sin(B), each factor left out
 * where its part of the weight is 0 (a real weight gives exp(A) and 0).
 */
function exponentials(layer: SnappedLayer, inputs: Expr[]): Expr[] {
  const re: Expr[] = [];
  const im: Expr[] = [];
  layer.weights.forEach((row, k) => {
    const a = sum(row, inputs);
    const b = sum(layer.imag?.[k] ?? row.map(() => 0), inputs);
    const grow = (f: string, arg: Expr) => (arg.kind === 'sum' && arg.terms.length === 0 ? [] : [{ base: call(f, arg), power: 1 }]);
    const magnitude = grow('exp', a);
    const turn = (f: 'cos' | 'sin') => grow(f, b);
    re.push({ kind: 'product', factors: [...magnitude, ...turn('cos')], key: [], positive: [] });
    im.push(turn('sin').length ? { kind: 'product', factors: [...magnitude, ...turn('sin')], key: [], positive: [] } : { kind: 'sum', terms: [] });
  });
  return [...re, ...im];
}

function product(w: number[], inputs: Expr[], positive: boolean[], spread: boolean): Expr {
  // Equal bases merge: s^1 * s^2 is s^3, and u * u^-1 vanishes.
  const merged = new Map<string, { base: Expr; power: number }>();
  const add = (base: Expr, power: number) => {
    const text = print(base);
    const prev = merged.get(text);
    if (prev) prev.power += power;
    else merged.set(text, { base, power });
  };
  w.forEach((power, j) => {
    if (power === 0) return;
    // exp(A)^p is exp(p A): a / exp(b/c) reads a * exp(-b / c).
    const input = inputs[j];
    const single = input.kind === 'product' && input.factors.length === 1 && input.factors[0].power === 1 ? input.factors[0].base : input;
    if (single.kind === 'call' && single.fn === 'exp' && power !== 1) {
      add(call('exp', scaled(single.arg, power)), 1);
      return;
    }
    const inner = bareMonomial(inputs[j]);
    // (x^a y^b)^p = x^(a p) y^(b p): always for an integer p, for a fractional p only over positive inputs.
    const flat = inner && (Number.isInteger(power) || inner.factors.every((f) => f.base.kind === 'input' && positive[f.base.index]));
    if (flat && (Number.isInteger(power) || inner.factors.length === 1 || spread)) for (const f of inner.factors) add(f.base, f.power * power);
    else add(inputs[j], power);
  });
  const factors = [...merged.values()].filter((f) => f.power !== 0);
  return { kind: 'product', factors, key: w, positive };
}

/** The product inside a unit that is a plain monomial (a one-term sum with coefficient 1), else null. */
function bareMonomial(e: Expr): Extract<Expr, { kind: 'product' }> | null {
  if (e.kind === 'product') return e;
  if (e.kind === 'sum' && e.terms.length === 1 && e.terms[0].coef === 1 && e.terms[0].expr.kind === 'product') return e.terms[0].expr;
  return null;
}

function sum(w: number[], inputs: Expr[], forms?: Array<ConstantParts | null>): Expr {
  const merged = new Map<string, { coef: number; parts: ConstantParts | null; expr: Expr; n: number }>();
  w.forEach((coef, j) => {
    if (coef === 0) return;
    const text = print(inputs[j]);
    const prev = merged.get(text);
    if (prev) {
      prev.coef += coef;
      prev.n++;
    } else merged.set(text, { coef, parts: forms?.[j] ?? null, expr: inputs[j], n: 1 });
  });
  const terms = [...merged.values()]
    .filter((t) => t.coef !== 0)
    .map((t) => ({ coef: t.coef, parts: t.n === 1 && t.parts ? t.parts : defaultParts(t.coef), expr: t.expr }));
  terms.sort((a, b) => compareKeys(sortKey(b.expr), sortKey(a.expr)));
  // Lead with a positive term where there is one: 1 - v^2/c^2, not -v^2/c^2 + 1.
  const firstPositive = terms.findIndex((t) => t.coef > 0);
  if (firstPositive > 0) terms.unshift(...terms.splice(firstPositive, 1));
  return { kind: 'sum', terms };
}

/** Exact text for a weight that came from Q (an integer, a half, pi, ...), or a full-precision float. */
export function defaultParts(v: number): ConstantParts {
  if (Number.isInteger(v)) return { negative: v < 0, num: Math.abs(v) === 1 ? [] : [String(Math.abs(v))], den: [] };
  const exact = recognize(v, Math.abs(v) * 1e-14)[0];
  return exact ? exact.parts : floatParts(v, 17);
}

function sortKey(e: Expr): number[] {
  if (e.kind === 'product') return e.key;
  if (e.kind === 'input') return [-e.index];
  return [];
}

/** The order terms print in: compareKeys(b, a) > 0 when b's exponents come first (the larger exponent of the earliest input where they differ). */
export function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Printed text and how tightly it binds: an atom needs no parentheses anywhere. */
interface Printed {
  text: string;
  prec: 'atom' | 'product' | 'sum';
}

function print(e: Expr): string {
  return printed(e).text;
}

function printed(e: Expr): Printed {
  if (e.kind === 'input') return { text: e.name, prec: 'atom' };
  if (e.kind === 'call') return e.fn === 'exp' ? printExp(e.arg) : { text: `${e.fn}(${print(e.arg)})`, prec: 'atom' };
  if (e.kind === 'product') return printTerm({ negative: false, num: [], den: [] }, e);
  if (e.terms.length === 0) return { text: '0', prec: 'atom' };
  if (e.terms.length === 1) return printTerm(e.terms[0].parts, e.terms[0].expr);
  const text = e.terms
    .map((t, i) => {
      const term = printTerm(t.parts, t.expr).text;
      if (i === 0) return term;
      return term.startsWith('-') ? `- ${term.slice(1)}` : `+ ${term}`;
    })
    .join(' ');
  return { text, prec: 'sum' };
}

/** exp(c log(P) + S) printed as P^c exp(S): a logarithm with a rational coefficient leaves the exponential. */
function printExp(arg: Expr): Printed {
  if (arg.kind !== 'sum') return { text: `exp(${print(arg)})`, prec: 'atom' };
  const logs: Array<{ base: Expr; power: number }> = [];
  const rest = arg.terms.filter((t) => {
    const inner = t.expr.kind === 'product' && t.expr.factors.length === 1 && t.expr.factors[0].power === 1 ? t.expr.factors[0].base : t.expr;
    if (inner.kind !== 'call' || inner.fn !== 'log' || !Number.isInteger(2 * t.coef) || t.parts.den.length > 0) return true;
    logs.push({ base: inner.arg, power: t.coef });
    return false;
  });
  if (!logs.length) return { text: `exp(${print(arg)})`, prec: 'atom' };
  const factors = rest.length ? [...logs, { base: { kind: 'call' as const, fn: 'exp', arg: { kind: 'sum' as const, terms: rest } }, power: 1 }] : logs;
  return printed({ kind: 'product', factors, key: [], positive: [] });
}

/** coefficient * expr as one fraction: numerator factors over denominator factors. */
function printTerm(coef: ConstantParts, e: Expr): Printed {
  // A unit that only passes one sum through (s^1, times 1) is that sum: x1 + x2, not (x1 + x2).
  const plain = !coef.negative && coef.num.length === 0 && coef.den.length === 0;
  if (plain && e.kind === 'product' && e.factors.length === 1 && e.factors[0].power === 1) return printed(e.factors[0].base);
  const num = [...coef.num];
  const den = [...coef.den];
  let negative = coef.negative;
  if (e.kind === 'product') {
    // Half powers of two or more positive inputs share one root: sqrt(x y / z), not sqrt(x) sqrt(y) / sqrt(z).
    const half = (f: { base: Expr; power: number }) => f.base.kind === 'input' && e.positive[f.base.index] && Math.abs((2 * f.power) % 2) === 1;
    const rooted = e.factors.filter(half);
    const shared = rooted.length >= 2;
    for (const f of e.factors) {
      if (shared && half(f)) continue;
      (f.power > 0 ? num : den).push(power(f.base, Math.abs(f.power)));
    }
    if (shared) {
      const inner = { negative: false, num: [] as string[], den: [] as string[] };
      for (const f of rooted) (f.power > 0 ? inner.num : inner.den).push(power(f.base, Math.abs(2 * f.power)));
      num.push(`sqrt(${partsText(inner)})`);
    }
  } else {
    const p = printed(e);
    if (p.text.startsWith('-') && p.prec !== 'sum') {
      negative = !negative;
      num.push(p.text.slice(1));
    } else num.push(p.prec === 'sum' ? `(${p.text})` : p.text);
  }
  const text = partsText({ negative, num, den });
  const atom = !negative && den.length === 0 && num.length <= 1;
  return { text, prec: atom ? 'atom' : 'product' };
}

function power(base: Expr, p: number): string {
  const b = printed(base);
  const negative = b.text.startsWith('-');
  const wrapped = b.prec === 'atom' && !negative ? b.text : `(${b.text})`;
  if (p === 1) return b.prec === 'sum' || negative ? `(${b.text})` : b.text;
  if (p === 0.5) return `sqrt(${b.text})`;
  if (Number.isInteger(p)) return `${wrapped}^${p}`;
  const twice = p * 2;
  if (Number.isInteger(twice)) return `${wrapped}^(${twice}/2)`;
  return `${wrapped}^${p}`;
}
