import { evaluate, parse, type MathNode } from 'mathjs';
import type { SnappedLayer } from './evaluate.ts';
import { canonicalize } from './canonical.ts';
import { prune } from './prune.ts';
import { defaultParts, outputText, type CoefficientForms } from './expression.ts';
import { floatParts, partsText, recognize, type ConstantParts } from './constants.ts';
import { checkPredictions, evaluateFormula, type Check } from './verify.ts';
import type { Rows } from '../train/screen.ts';

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
 * Reads output `o` of a snapped network as a formula and checks it on the
 * training rows. Free coefficients of the last layer (from a least-squares
 * refit) are replaced one by one by their simplest exact form, or else by
 * the shortest decimal, but only while the formula stays exact.
 */
export function readFormula(snapped: SnappedLayer[], o: number, symbols: string[], train: Rows): ReadFormula {
  const layers = canonicalize(snapped);
  const row = layers[layers.length - 1].weights[o];
  const y = train.y.map((t) => t[o]);
  const prec = train.precision.map((p) => p[o]);
  const build = (parts: Array<ConstantParts | null>): ReadFormula => {
    const forms: CoefficientForms = layers[layers.length - 1].weights.map((_, k) => (k === o ? parts : []));
    // The network keeps the value each coefficient prints as, so the graph and the formula agree.
    const live = row.map((w, j) => (parts[j] ? partsValue(parts[j]) : w));
    const pruned = [...layers.slice(0, -1), { ...layers[layers.length - 1], weights: layers[layers.length - 1].weights.map((w, k) => (k === o ? live : w)) }];
    const text = outputText(pruned, o, symbols, forms);
    const node = parse(text);
    const check = checkPredictions(evaluateFormula(node, symbols, train.x), y, prec);
    return { text, node, complexity: countNodes(node), train: check, layers: prune(pruned) };
  };
  const nice = row.map((w) => (w === 0 || isQValue(w) ? defaultParts(w) : null));
  if (nice.every((p) => p !== null)) return build(nice);

  const full = row.map((w, j) => nice[j] ?? floatParts(w, 17));
  let best = build(full);
  if (!best.train.exact) {
    return build(row.map((w, j) => nice[j] ?? floatParts(w, INEXACT_DIGITS)));
  }
  const parts = [...full];
  const relPrec = Math.max(1e-10, ...prec.map((d, i) => (y[i] !== 0 ? (10 * d) / Math.abs(y[i]) : 0)));
  row.forEach((w, j) => {
    if (nice[j]) return;
    // Drop the term if the formula stays exact without it, else find its simplest exact form.
    const tries = [ZERO, ...recognize(w, Math.abs(w) * relPrec).map((f) => f.parts), ...shorterFloats(w)];
    for (const t of tries) {
      const trial = [...parts];
      trial[j] = t;
      const f = build(trial);
      if (f.train.exact) {
        parts[j] = t;
        best = f;
        break;
      }
    }
  });
  return best;
}

const ZERO: ConstantParts = { negative: false, num: ['0'], den: [] };

/** Values a quantizer can give: integers and halves print exactly without recognition. */
function isQValue(w: number): boolean {
  return Number.isInteger(w * 2) && Math.abs(w) <= 64;
}

function partsValue(p: ConstantParts): number {
  const v = Number(evaluate(partsText(p)));
  return Number.isFinite(v) ? v : NaN;
}

function shorterFloats(w: number): ConstantParts[] {
  const out: ConstantParts[] = [];
  for (let d = 3; d < 17; d++) out.push(floatParts(w, d));
  return out;
}

export function countNodes(node: MathNode): number {
  let n = 0;
  node.traverse(() => {
    n++;
  });
  return n;
}
