import { monomials } from '../formula/evaluate.ts';
import { argumentFactors, dictionary, logLinearFit, logsOf } from '../formula/logPool.ts';
import type { ArgumentUnit, Dictionary } from '../formula/productSearch.ts';
import { dictionaryResidual, type Hypothesis } from './hypotheses.ts';

/**
 * Arguments of a frozen block ranked on the data. An exponential's argument
 * is often a group of four or five inputs (m g x/(kb T), h omega/(2 pi kb T)),
 * and so is a phase (2 pi E t/h): too many for a trained block started on
 * one or two of them to reach. Ranking every small monomial is cheap: u with
 * exponents in {-1, 0, 1}, at most MOST_FACTORS of them non-zero, at each
 * scale c the block's Q holds, scored by how close log|y| is to
 *   log|M| + a log|F1(c u)| + b log|F2(c u)| + d log|F3(c u)|
 * for some monomial M and numbers a, b, d, where the factors are
 *   exp:  E = exp(c u), E - 1, E + 1   (a Boltzmann factor, Planck's 1/(E - 1), tanh u at twice the scale)
 *   turn: cos(c u), sin(c u), 1 - cos(c u)   (sin(c u)^2, cos sin, 1/sin(c u/2)^4).
 * The score is 0 for any such product, whatever M is, so on such data the
 * right argument comes first (at each of its scales). formula/logPool.ts
 * reads the product from the same fit (logLinearFit); a sum over the features is left to
 * the tail that trains behind the block.
 */

/** Scales of an exponential's argument, as the block's Q writes them: 1/(2 pi) for h = 2 pi h-bar. */
export const EXP_SCALES: ReadonlyArray<[number, string]> = [
  [1, '1'],
  [0.5, '0.5'],
  [2, '2'],
  [1 / (2 * Math.PI), '0.5/pi'],
];

/** Scales of a phase: 2 pi E t/h, and the half and double angles. */
export const TURN_SCALES: ReadonlyArray<[number, string]> = [
  [1, ''],
  [0.5, '0.5*'],
  [2, '2*'],
  [2 * Math.PI, '2*pi*'],
  [Math.PI, 'pi*'],
];

/** The block's complex Q: 0 and each scale with both signs, on the real axis (exp) or the imaginary one (turns). */
export function rankedQ(kind: 'exp' | 'turn'): string {
  const names = kind === 'exp' ? EXP_SCALES.map(([, n]) => n) : TURN_SCALES.map(([, n]) => `${n}i`);
  return ['0', ...names.flatMap((n) => [n, `-${n}`])].join(',');
}

/** Non-zero exponents an argument may have, at most: m g x/(kb T) has five. */
const MOST_FACTORS = 5;
/** Exponentials of larger arguments overflow the features in float32. */
const LARGEST = 40;

/** The `count` best arguments for the block, as hypotheses (exp: weight [c, 0]; turn: [0, c]). */
export function rankedArguments(kind: 'exp' | 'turn', x: number[][], y: number[], count: number): Hypothesis[] {
  const D = x[0]?.length ?? 0;
  const found: Array<{ h: Hypothesis; score: number }> = [];
  // With the phases of negative factors, a product can take either sign: only a zero leaves log|y| undefined.
  const logged = kind === 'turn' ? y.every((v) => v !== 0) : y.every((v) => v > 0) || y.every((v) => v < 0);
  const logY = y.map((v) => Math.log(Math.abs(v)));
  const logs = logsOf(x);
  // Each argument costs a least-squares fit of D + 4 columns, in time as their square.
  for (const e of signedMonomials(D, factorsWithin(D, Math.floor(RANKING_WORK / (D + 4) ** 2)))) {
    const u = x.map((row) => monomials([e], row)[0]);
    for (const [c] of kind === 'exp' ? EXP_SCALES : TURN_SCALES) {
      const cu = u.map((v) => c * v);
      if (!usable(cu)) continue;
      const factors = argumentFactors(kind, cu);
      const score = logged ? (logLinearFit(logs, logY, factors)?.residual ?? Infinity) : dictionaryResidual(x, y, kind === 'exp' ? [factors[0], factors[0].map((v) => 1 / v)] : factors.slice(0, 2));
      found.push({ h: { exponents: e, weight: kind === 'exp' ? [c, 0] : [0, c] }, score });
    }
  }
  return found
    .map((f, i) => ({ ...f, i }))
    .sort((a, b) => a.score - b.score || a.i - b.i)
    .slice(0, count)
    .map((f) => f.h);
}

/** A feature that barely varies is a constant to a fit; one that overflows cannot be trained on. */
function usable(cu: number[]): boolean {
  const lo = Math.min(...cu);
  const hi = Math.max(...cu);
  return hi - lo > 0.05 && Math.max(Math.abs(lo), Math.abs(hi)) <= LARGEST;
}

/**
 * Every argument of either kind at every scale, on the first `n` rows of x:
 * the dictionary a product of several factors is chosen from (logPool.ts
 * productFits). Signs are left out: log|exp(-v) - 1| and log|sin(-v)| are in
 * the span of the columns at +v. Wide inputs keep fewer factors per
 * argument, so the dictionary stays within MOST_UNITS.
 */
export function argumentDictionary(x: number[][], n: number): Dictionary {
  const head = x.slice(0, n);
  const D = x[0]?.length ?? 0;
  const most = factorsWithin(D, Math.floor(MOST_UNITS / (EXP_SCALES.length + TURN_SCALES.length)));
  const units: ArgumentUnit[] = [];
  for (const e of signedMonomials(D, most)) {
    const u = head.map((row) => monomials([e], row)[0]);
    for (const [c] of EXP_SCALES) if (usable(u.map((v) => c * v))) units.push({ exponents: e, weight: [c, 0] });
    for (const [c] of TURN_SCALES) if (usable(u.map((v) => c * v))) units.push({ exponents: e, weight: [0, c] });
  }
  return dictionary(units, head, n);
}

/** Largest dictionary: 7 inputs with up to five in an argument give 7245 units of three columns each. */
const MOST_UNITS = 8000;

/**
 * Arguments times squared least-squares columns the ranking may cost: 7
 * inputs give 805 arguments of up to five factors, fits of 11 columns. Wide
 * inputs keep fewer factors (none from 44 inputs on): with five, 8 inputs
 * took 19 s and 10 inputs 80 s on 1000 rows.
 */
const RANKING_WORK = 100000;

/** The most non-zero exponents (0 to MOST_FACTORS) that keep the signed monomials of D inputs within `limit`, counted without listing them. */
export function factorsWithin(D: number, limit: number): number {
  const count = (k: number) => {
    let total = 0;
    let choose = 1;
    for (let j = 1; j <= k; j++) {
      choose = (choose * (D - j + 1)) / j;
      total += choose * 2 ** (j - 1);
    }
    return total;
  };
  let most = MOST_FACTORS;
  while (most > 0 && count(most) > limit) most--;
  return most;
}

/** Exponent vectors over {-1, 0, 1} with 1 to `most` non-zero entries, the first of them +1 (the sign goes with the scale). */
function signedMonomials(D: number, most: number): number[][] {
  const out: number[][] = [];
  const grow = (e: number[], from: number, used: number) => {
    if (used > 0) out.push([...e]);
    if (used === most) return;
    for (let j = from; j < D; j++) {
      for (const v of used === 0 ? [1] : [1, -1]) {
        e[j] = v;
        grow(e, j + 1, used + 1);
        e[j] = 0;
      }
    }
  };
  grow(new Array(D).fill(0), 0, 0);
  return out;
}
