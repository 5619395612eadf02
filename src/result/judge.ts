import type { Rows } from '../data/rows.ts';
import { evaluateSnapped, type SnappedLayer } from '../formula/evaluate.ts';
import type { ReadFormula } from '../formula/formula.ts';
import { differenceVariance, neighbourCorrelation, noiseLike, withinNoise, type Neighbours } from './noise.ts';
import { readUnderNoise, type NoisyContext, type NoisyReading } from './noisy.ts';
import { CRITERIA, selectCandidate, type Criterion, type Sizes } from './selection.ts';

/** The noise a target's data show: the variance, its square root, and that relative to the target's RMS. */
export interface NoiseEstimate {
  variance: number;
  sigma: number;
  relative: number;
}

/** One candidate judged under noise. */
export interface JudgedRow<T> {
  /** What the candidate came from (the caller's record). */
  source: T;
  reading: NoisyReading;
  withinNoise: boolean;
}

export interface Judgement<T> {
  noise: NoiseEstimate | null;
  /** Distinct readings, in the order their candidates came. */
  rows: Array<JudgedRow<T>>;
  /** The row each criterion picks (-1 with no rows); `chosen` is the default criterion's. */
  picks: Record<Criterion, number>;
  chosen: number;
}

/**
 * A ratio of mean square residual to difference variance above this marks a
 * candidate whose residuals are mostly smooth misfit, not noise: during the
 * search it is not read under noise at all (it cannot fit within noise), which
 * keeps the search on exact data as fast as before.
 */
const GATE = 4;

/**
 * Judges one target's candidates under noise: each read with fitted
 * coefficients and exact forms (cached by formula), the noise estimated
 * from the residuals of the one that fits the held-out rows best, each
 * marked within noise or not, and one picked by each criterion.
 */
export class NoiseJudge {
  private readonly cache = new Map<string, { reading: NoisyReading; correlation: { correlation: number; pairs: number } } | null>();
  private readonly gated = new Map<string, boolean>();

  constructor(
    private readonly ctx: NoisyContext,
    private readonly neighbours: Neighbours,
    private readonly criterion: Criterion,
  ) {}

  /** Whether a candidate's residuals on every row could be noise (see GATE). */
  plausible(formula: ReadFormula): boolean {
    let g = this.gated.get(formula.text);
    if (g === undefined) {
      const r = residuals(formula.layers, this.ctx.all);
      const ms = r.reduce((s, v) => s + v * v, 0) / Math.max(1, r.length);
      const dv = differenceVariance(r, this.neighbours);
      g = Number.isFinite(ms) && dv > 0 && ms <= GATE * dv;
      this.gated.set(formula.text, g);
    }
    return g;
  }

  /** A candidate read under noise, with the neighbour correlation of its residuals on every row (cached). */
  read(formula: ReadFormula): { reading: NoisyReading; correlation: { correlation: number; pairs: number } } | null {
    if (!this.cache.has(formula.text)) {
      const reading = readUnderNoise(formula, this.ctx);
      this.cache.set(formula.text, reading && { reading, correlation: neighbourCorrelation(residuals(reading.fitted, this.ctx.all), this.neighbours) });
    }
    return this.cache.get(formula.text)!;
  }

  judge<T>(candidates: Array<{ source: T; formula: ReadFormula }>): Judgement<T> {
    const seen = new Set<string>();
    const read: Array<{ source: T; reading: NoisyReading; correlation: { correlation: number; pairs: number } }> = [];
    for (const c of candidates) {
      const r = this.read(c.formula);
      if (!r || seen.has(r.reading.formula.text)) continue;
      seen.add(r.reading.formula.text);
      read.push({ source: c.source, ...r });
    }
    const noise = this.estimate(read.map((r) => r.reading));
    const nHeld = this.ctx.holdout.held.x.length;
    const pairs = this.neighbours.pairs.length;
    const rows = read.map(({ source, reading, correlation }) => ({ source, reading, withinNoise: noise !== null && withinNoise(reading.heldOut.mse, noise.variance, nHeld, pairs, correlation) }));
    const judged = rows.map((r) => ({ heldMse: r.reading.heldOut.mse, heldRel: r.reading.heldOut.rmsRelError, complexity: r.reading.complexity, parameters: r.reading.parameters, withinNoise: r.withinNoise }));
    const sizes = this.sizes();
    const picks = Object.fromEntries(CRITERIA.map((c) => [c, selectCandidate(judged, c, sizes)])) as Record<Criterion, number>;
    return { noise, rows, picks, chosen: picks[this.criterion] };
  }

  /** The difference variance of the residuals of the reading with the smallest held-out error; none when those residuals are not noise-like. */
  private estimate(readings: NoisyReading[]): NoiseEstimate | null {
    if (readings.length === 0) return null;
    const best = readings.reduce((a, b) => (b.heldOut.mse < a.heldOut.mse ? b : a));
    const r = residuals(best.fitted, this.ctx.all);
    const variance = differenceVariance(r, this.neighbours);
    if (!Number.isFinite(variance) || !noiseLike(r, this.neighbours)) return null;
    const sigma = Math.sqrt(variance);
    return { variance, sigma, relative: sigma / rms(this.ctx.all.y.map((t) => t[0])) };
  }

  private sizes(): Sizes {
    const { fit, held } = this.ctx.holdout;
    const mean = fit.y.reduce((s, t) => s + t[0], 0) / Math.max(1, fit.y.length);
    const heldY = held.y.map((t) => t[0]);
    const baseline = Math.sqrt(heldY.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, heldY.length)) / rms(heldY);
    return { held: held.x.length, fit: fit.x.length, inputs: this.ctx.all.x[0]?.length ?? 0, baseline };
  }
}

function residuals(layers: SnappedLayer[], rows: Rows): number[] {
  const pred = evaluateSnapped(layers, rows.x);
  return rows.y.map((t, i) => t[0] - pred[i][0]);
}

function rms(y: number[]): number {
  return Math.sqrt(y.reduce((s, v) => s + v * v, 0) / Math.max(1, y.length)) || 1;
}
