import { parse } from 'mathjs';
import type { Rows } from '../data/rows.ts';
import { evaluateSnapped, type SnappedLayer } from '../formula/evaluate.ts';
import { countNodes, printNetwork, type ReadFormula } from '../formula/formula.ts';
import { outputText, type CoefficientForms } from '../formula/expression.ts';
import { floatParts, recognize, type ConstantParts } from '../formula/constants.ts';
import { fitCoefficients, freeCoefficients, unitScaled, withValues, type Coefficient, type CoefficientFit } from '../formula/uncertainty.ts';
import type { Holdout } from './holdout.ts';
import { noiseTolerance } from './noise.ts';

/**
 * A candidate read for data that no formula fits to rounding level: its
 * coefficients fitted on the fit rows and judged on the held-out rows,
 * each one given an exact form (0 drops its term) when that form lies
 * within two standard errors and the formula with it still fits as well,
 * then refitted on every training row for the printed formula.
 */
export interface NoisyReading {
  /** The printed formula: exact forms where taken, the other coefficients to the digits their standard errors support. */
  formula: ReadFormula;
  /** Mean square and relative RMS error on the held-out rows, with the coefficients fitted on the fit rows. */
  heldOut: { rows: number; mse: number; rmsRelError: number };
  /** Nodes of the formula with every constant one node: what selection weighs against the error. */
  complexity: number;
  /** Coefficients left free. */
  parameters: number;
  /** Each constant of the formula, fitted, with its interval and the exact form taken, if any. */
  constants: ConstantEstimate[];
  /** The network with the coefficients fitted on the fit rows: its residuals on every row estimate the noise. */
  fitted: SnappedLayer[];
}

/** A coefficient of a formula read under noise. */
export interface ConstantEstimate {
  /** Least-squares value: where an exact form was taken, the value it replaced. */
  value: number;
  stdError: number;
  /** value ± 2 standard errors */
  interval: [number, number];
  /** The exact form printed instead (mathjs text), or null when the fitted value is printed. */
  exact: string | null;
}

export interface NoisyContext {
  symbols: string[];
  positive: boolean[];
  /** Every training row, with the one target. */
  all: Rows;
  /** The same rows, split (one target). */
  holdout: Holdout;
  /**
   * The printed formula's check on every row of the data, when `all` is a
   * large file's subsample, and whether the data decide it (book.ts): as
   * every formula the search reads is judged.
   */
  verify?: (formula: ReadFormula) => ReadFormula;
}

/**
 * The exact forms offered: those whose whole numbers are at most this
 * (1/2, 3/5, 32/5, 1/(4 pi), 8 pi/3, sqrt(2)): with a few significant
 * digits, a rational such as 1/117 is no evidence of an exact constant.
 */
const MAX_WHOLE = 32;

/**
 * And no more complex than 3/(8 pi) (constants.ts's measure, 5.4): a window
 * of two standard errors holds some product of square roots and powers of
 * pi as often as not, and sqrt(2)/(sqrt(13) pi) for 0.1249 is no evidence
 * of one.
 */
const MAX_FORM_COMPLEXITY = 6;

function nice(text: string): boolean {
  return (text.match(/\d+/g) ?? []).every((d) => Number(d) <= MAX_WHOLE);
}
/** Standard errors an exact form may lie from the fitted value. */
const WINDOW = 2;

export function readUnderNoise(candidate: ReadFormula, ctx: NoisyContext): NoisyReading | null {
  const layers = unitScaled(candidate.layers);
  const free = freeCoefficients(layers);
  const start = fitCoefficients(layers, free, ctx.holdout.fit);
  if (!start) return null;
  const held0 = heldMse(start.layers, ctx.holdout.held);
  if (!Number.isFinite(held0)) return null;
  const pins = pinExactForms(start, free, ctx, held0);
  // The printed coefficients: fitted on every row, exact forms kept.
  const final = fitCoefficients(pins.fit.layers, pins.free, ctx.all) ?? pins.fit;
  const forms: CoefficientForms = final.layers.map((l) => l.weights.map((row) => row.map(() => null as ConstantParts | null)));
  const constants: ConstantEstimate[] = [];
  for (const p of pins.taken) {
    if (p.form.value === 0) continue;
    forms[p.coef.layer][p.coef.row][p.coef.col] = p.form.parts;
    constants.push(estimate(p.value, p.stdError, p.form.text));
  }
  pins.free.forEach((k, i) => {
    const v = final.values[i];
    forms[k.layer][k.row][k.col] = Number.isInteger(v) ? null : floatParts(v, digitsFor(v, final.stdErrors[i]));
    constants.push(estimate(v, final.stdErrors[i], null));
  });
  const printed = printNetwork(final.layers, forms, ctx.symbols, ctx.all, ctx.positive);
  const formula = ctx.verify ? ctx.verify(printed) : printed;
  const mse = heldMse(pins.fit.layers, ctx.holdout.held);
  return {
    formula,
    heldOut: { rows: ctx.holdout.held.x.length, mse, rmsRelError: Math.sqrt(mse) / rms(ctx.holdout.held) },
    complexity: structuralComplexity(final.layers, pins, ctx),
    parameters: pins.free.length,
    constants,
    fitted: pins.fit.layers,
  };
}

interface Pin {
  coef: Coefficient;
  form: { value: number; parts: ConstantParts; text: string };
  /** The fitted value and standard error the form was judged against. */
  value: number;
  stdError: number;
}

/**
 * Greedily fixes coefficients at exact forms, the simplest form first (0,
 * then 1/2, 1/(4 pi), ...), nearest in standard errors on ties; each fix
 * refits the rest on the fit rows and is kept when the rise in squared
 * error over all fixes so far stays within a chi-square bound of the
 * residual variance and the held-out error stays consistent with that of
 * the free fit.
 */
function pinExactForms(start: CoefficientFit, free: Coefficient[], ctx: NoisyContext, held0: number): { fit: CoefficientFit; free: Coefficient[]; taken: Pin[] } {
  const nFit = ctx.holdout.fit.x.length;
  const s2 = start.sse / Math.max(1, nFit - free.length);
  const tolerance = noiseTolerance(ctx.holdout.held.x.length, ctx.all.x.length);
  let fit = start;
  let live = free;
  const taken: Pin[] = [];
  const refused = new Set<string>();
  for (let tries = 0; tries < 2 * free.length + 8 && live.length > 0; tries++) {
    const options = live.flatMap((coef, i) => {
      const v = fit.values[i];
      const se = fit.stdErrors[i];
      if (!Number.isFinite(se) || !Number.isFinite(v)) return [];
      // A fit at rounding level (standard error 0) still takes an exact form within float64 rounding.
      return recognize(v, Math.max(WINDOW * se, 1e-12 * Math.abs(v)))
        .filter((f) => f.complexity <= MAX_FORM_COMPLEXITY && nice(f.text) && !refused.has(key(coef, f.text)))
        .map((f) => ({ i, coef, form: f, z: Math.abs(f.value - v) / se }));
    });
    if (options.length === 0) break;
    options.sort((a, b) => a.form.complexity - b.form.complexity || a.z - b.z);
    const o = options[0];
    const rest = live.filter((_, j) => j !== o.i);
    const next = fitCoefficients(withValues(fit.layers, [o.coef], [o.form.value]), rest, ctx.holdout.fit);
    const q = taken.length + 1;
    const ok =
      next !== null &&
      (s2 > 0 ? (next.sse - start.sse) / s2 <= q + 2 * Math.sqrt(2 * q) + 1 : next.sse <= start.sse * (1 + 1e-9) + 1e-300) &&
      heldMse(next.layers, ctx.holdout.held) <= held0 * (1 + tolerance);
    if (!ok) {
      refused.add(key(o.coef, o.form.text));
      continue;
    }
    taken.push({ coef: o.coef, form: o.form, value: fit.values[o.i], stdError: fit.stdErrors[o.i] });
    fit = next!;
    live = rest;
  }
  return { fit, free: live, taken };
}

function key(c: Coefficient, text: string): string {
  return `${c.layer}:${c.row}:${c.col}=${text}`;
}

function estimate(value: number, stdError: number, exact: string | null): ConstantEstimate {
  return { value, stdError, interval: [value - WINDOW * stdError, value + WINDOW * stdError], exact };
}

/** Significant digits down to the standard error's decade, one more to round on: 0.99946 for 0.999461 ± 0.0006. */
export function digitsFor(value: number, stdError: number): number {
  if (!(stdError > 0) || !Number.isFinite(stdError) || value === 0) return Number.isFinite(stdError) ? 17 : 3;
  const d = Math.floor(Math.log10(Math.abs(value))) - Math.floor(Math.log10(stdError)) + 2;
  return Math.max(3, Math.min(17, d));
}

/** Nodes of the formula with each constant, exact or fitted, printed as one number. */
function structuralComplexity(layers: SnappedLayer[], pins: { free: Coefficient[]; taken: Pin[] }, ctx: NoisyContext): number {
  const forms: CoefficientForms = layers.map((l) => l.weights.map((row) => row.map(() => null as ConstantParts | null)));
  const one = (v: number): ConstantParts | null => (Number.isInteger(v) ? null : floatParts(v, 6));
  for (const p of pins.taken) forms[p.coef.layer][p.coef.row][p.coef.col] = one(p.form.value);
  for (const k of pins.free) forms[k.layer][k.row][k.col] = one(layers[k.layer].weights[k.row][k.col]);
  return countNodes(parse(outputText(layers, 0, ctx.symbols, { forms, positive: ctx.positive })));
}

function heldMse(layers: SnappedLayer[], held: Rows): number {
  const pred = evaluateSnapped(layers, held.x);
  let s = 0;
  held.y.forEach((t, i) => (s += (t[0] - pred[i][0]) ** 2));
  return s / Math.max(1, held.y.length);
}

function rms(rows: Rows): number {
  return Math.sqrt(rows.y.reduce((s, t) => s + t[0] * t[0], 0) / Math.max(1, rows.y.length)) || 1;
}

