import { evaluate, parse, type MathNode } from 'mathjs';
import type { SnappedLayer } from './evaluate.ts';
import { canonicalForms, canonicalize } from './canonical.ts';
import { prune } from './prune.ts';
import { defaultParts, outputText, type CoefficientForms } from './expression.ts';
import { augment, featureCount, joinFeatures, pruneBlock, splitFeatures } from './features.ts';
import { angleForms } from './angles.ts';
import { floatParts, partsText, recognize, type ConstantParts } from './constants.ts';
import { checkPredictions, evaluateFormula, type Check } from './verify.ts';
import type { Rows } from '../data/rows.ts';

/** A formula read off a snapped network: one mathjs tree, from which every export and check derives. */
export interface ReadFormula {
  text: string;
  node: MathNode;
  /** Node count of the tree. */
  complexity: number;
  /** The check of this very tree against the training rows. */
  train: Check;
  /** The canonical, pruned network the text was read from. */
  layers: SnappedLayer[];
}

/** Significant digits for a coefficient of a formula that is not exact anyway. */
const INEXACT_DIGITS = 6;

/**
 * Reads a one-output snapped network as a formula and checks it on the
 * training rows (train.y holds that one target). The network is first put
 * in canonical form; then each free coefficient (from a least-squares
 * refit) is dropped if the formula stays exact without it, or else replaced
 * by its simplest exact form, or by the shortest decimal, but only while
 * the formula stays exact. positive[j]: input j is > 0 on every row.
 */
export function readFormula(snapped: SnappedLayer[], symbols: string[], train: Rows, positive: boolean[] = []): ReadFormula {
  // A feature block's outputs are read as extra inputs, named by what they compute (sin(theta)): the rest is read as before.
  const split = splitFeatures(snapped);
  const featuresOf = (block: SnappedLayer[]): Features => ({ block, positive: [...positive, ...featurePositive(block, train.x)] });
  const main = featuresOf(split.block);
  const read = (layers: SnappedLayer[], spread: boolean, mode: 'float' | 'likely' | 'exact', features = main) => readForm(layers, spread, symbols, features, train, mode);
  const first = read(canonicalize(split.tail, main.positive), false, 'float');
  if (!first.train.exact) return read(canonicalize(split.tail, main.positive), false, 'exact');
  // An exact network can be written several ways (which monomial leaves each sum, sqrt(x y) or
  // sqrt(x) sqrt(y), a double angle or not): keep the exact one that prints shortest, then give its
  // constants exact forms. Forms are ranked by their length once each constant takes its likely
  // exact form (unverified here).
  let best = { layers: canonicalize(split.tail, main.positive), spread: false, size: Infinity, features: main };
  for (const alternative of [split, ...angleForms(split, train)]) {
    const features = alternative === split ? main : featuresOf(alternative.block);
    for (const layers of canonicalForms(alternative.tail, features.positive)) {
      for (const spread of [false, true]) {
        if (!read(layers, spread, 'float', features).train.exact) continue;
        const likely = read(layers, spread, 'likely', features);
        // A constant with no exact form reads worse than a few more symbols.
        const size = likely.complexity + FLOAT_COST * (likely.text.match(/\d\.\d{6,}/g)?.length ?? 0);
        if (size < best.size) best = { layers, spread, size, features };
      }
    }
  }
  return read(best.layers, best.spread, 'exact', best.features);
}

/** A network's feature block, and which of the inputs its tail reads ([x; features]) are > 0 on every row. */
interface Features {
  block: SnappedLayer[];
  positive: boolean[];
}

/** Per feature column: > 0 on every row (an exponential is; a cosine or a logarithm need not be). */
function featurePositive(block: SnappedLayer[], x: number[][]): boolean[] {
  if (!block.length) return [];
  const D = x[0]?.length ?? 0;
  const flags = new Array(featureCount(block)).fill(true);
  for (const row of augment(block, x)) for (let k = 0; k < flags.length; k++) if (!(row[D + k] > 0)) flags[k] = false;
  return flags;
}

/**
 * Reads one canonical form. Free coefficients print as full floats
 * ('float'), as their simplest exact form when one lies within 1e-9 without
 * checking the data ('likely', to rank forms by length), or as the simplest
 * form that keeps the formula exact, checked one by one ('exact').
 */
function readForm(layers: SnappedLayer[], spread: boolean, symbols: string[], features: Features, train: Rows, mode: 'float' | 'likely' | 'exact'): ReadFormula {
  const y = train.y.map((t) => t[0]);
  const prec = train.precision.map((p) => p[0]);
  const build = (forms: CoefficientForms): ReadFormula => printTail(layers, forms, symbols, features, train, spread);
  // Weights from Q print exactly; free coefficients (refitted, or rescaled by the canonical form) need a form.
  const free: Array<[number, number, number]> = [];
  const forms: CoefficientForms = layers.map((l, li) =>
    l.weights.map((row, r) =>
      row.map((w, c) => {
        if (l.kind === 'caluM' || w === 0 || isQValue(w)) return l.kind === 'caluA' ? defaultParts(w) : null;
        free.push([li, r, c]);
        return mode === 'likely' ? (recognize(w, Math.abs(w) * 1e-9)[0]?.parts ?? floatParts(w, 17)) : floatParts(w, 17);
      }),
    ),
  );
  let best = build(forms);
  if (free.length === 0 || mode !== 'exact') return best;
  if (!best.train.exact) {
    // Data written to a few digits leave the refitted coefficients a little off: snapping them may prove the formula.
    if (best.train.metrics.rmsRelError < NEAR_EXACT) {
      const noise = Math.sqrt(prec.reduce((acc, d, i) => acc + (y[i] !== 0 ? (d / y[i]) ** 2 : 0), 0) / Math.max(1, prec.length));
      const settled = settle(best, free, layers, forms, build, noise);
      if (settled.train.exact) return settled;
    }
    for (const [li, r, c] of free) forms[li][r][c] = floatParts(layers[li].weights[r][c], INEXACT_DIGITS);
    return build(forms);
  }
  // A loop, not Math.max(...): a spread over every row overflows the call stack on large files.
  let relPrec = 1e-10;
  for (let i = 0; i < prec.length; i++) relPrec = Math.max(relPrec, y[i] !== 0 ? (10 * prec[i]) / Math.abs(y[i]) : 0);
  for (const [li, r, c] of free) {
    const w = layers[li].weights[r][c];
    const tries = [ZERO, ...recognize(w, Math.abs(w) * relPrec).map((f) => f.parts), ...shorterFloats(w, relPrec)];
    const kept = forms[li][r][c];
    for (const t of tries) {
      forms[li][r][c] = t;
      const f = build(forms);
      if (f.train.exact) {
        best = f;
        break;
      }
      forms[li][r][c] = kept;
    }
  }
  return best;
}

/**
 * A one-output network printed with the given coefficient forms (null: the
 * weight as it is; forms index the whole network, feature block included)
 * and checked on rows (one target).
 */
export function printNetwork(layers: SnappedLayer[], forms: CoefficientForms, symbols: string[], train: Rows, positive: boolean[], spread = false): ReadFormula {
  const split = splitFeatures(layers);
  const features = { block: split.block, positive: [...positive, ...featurePositive(split.block, train.x)] };
  return printTail(split.tail, forms.slice(split.block.length), symbols, features, train, spread);
}

/**
 * A network's tail (over [x; features]) printed with the given forms and
 * checked on rows (one target). The network kept holds the value each
 * coefficient prints as, so the graph and the formula agree.
 */
function printTail(layers: SnappedLayer[], forms: CoefficientForms, symbols: string[], features: Features, train: Rows, spread: boolean): ReadFormula {
  const live = layers.map((l, li) => ({ ...l, weights: l.weights.map((row, r) => row.map((w, c) => (forms[li]?.[r]?.[c] ? partsValue(forms[li][r][c]!) : w))) }));
  const text = outputText(live, 0, symbols, { forms, positive: features.positive, spread, block: features.block });
  const node = parse(text);
  const check = checkPredictions(evaluateFormula(node, symbols, train.x), train.y.map((t) => t[0]), train.precision.map((p) => p[0]));
  const pruned = pruneBlock(features.block, prune(live), symbols.length);
  return { text, node, complexity: countNodes(node), train: check, layers: joinFeatures(pruned.block, pruned.tail) };
}

const ZERO: ConstantParts = { negative: false, num: ['0'], den: [] };

/**
 * A formula this close (relative RMS error) is worth trying with its
 * coefficients snapped to exact forms: data written to few digits leave a
 * refitted coefficient a little off.
 */
export const NEAR_EXACT = 1e-4;

/**
 * For a nearly exact formula: each free coefficient is dropped, or replaced
 * by its simplest exact form within 1e-4, whenever that keeps the fit as
 * good, or within the relative RMS `noise` the data were written with.
 * Returns the result, exact or not.
 */
function settle(
  start: ReadFormula,
  free: Array<[number, number, number]>,
  layers: SnappedLayer[],
  forms: CoefficientForms,
  build: (forms: CoefficientForms) => ReadFormula,
  noise: number,
): ReadFormula {
  let cur = start;
  for (const [li, r, c] of free) {
    const w = layers[li].weights[r][c];
    const kept = forms[li][r][c];
    for (const t of [ZERO, ...recognize(w, Math.abs(w) * NEAR_EXACT).map((f) => f.parts)]) {
      forms[li][r][c] = t;
      const f = build(forms);
      if (f.train.exact || f.train.metrics.rmsRelError <= Math.max(cur.train.metrics.rmsRelError * 1.01, noise)) {
        cur = f;
        break;
      }
      forms[li][r][c] = kept;
    }
    if (cur.train.exact) return cur;
  }
  return cur;
}

/** What a long decimal costs when forms are ranked by length, in nodes. */
const FLOAT_COST = 8;

/** Values a quantizer can give: integers and halves print exactly without recognition. */
function isQValue(w: number): boolean {
  return Number.isInteger(w * 2) && Math.abs(w) <= 64;
}

function partsValue(p: ConstantParts): number {
  const v = Number(evaluate(partsText(p)));
  return Number.isFinite(v) ? v : NaN;
}

/**
 * Shorter decimals for a coefficient with no exact form, down to the digits
 * the data supports: none shorter than full precision for data written in
 * full, since a formula extrapolated near a pole magnifies any cut.
 */
function shorterFloats(w: number, relPrec: number): ConstantParts[] {
  const out: ConstantParts[] = [];
  if (relPrec <= FULL_PRECISION) return out;
  for (let d = Math.max(3, Math.ceil(-Math.log10(relPrec)) + 1); d < 17; d++) out.push(floatParts(w, d));
  return out;
}

/** A target written with this relative precision or better counts as written in full. */
const FULL_PRECISION = 1e-10;

export function countNodes(node: MathNode): number {
  let n = 0;
  node.traverse(() => {
    n++;
  });
  return n;
}
