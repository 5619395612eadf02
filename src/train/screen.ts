import { evaluateHidden, linear, type SnappedLayer } from '../formula/evaluate.ts';
import { refitLastLayer } from '../formula/refit.ts';
import { checkPredictions } from '../formula/verify.ts';

/** Rows to judge a snapped network on: x [row][input], y [row][output], precision like y. */
export interface Rows {
  x: number[][];
  y: number[][];
  precision: number[][];
}

export type Extractor = 'round' | 'refit';

export interface Screened {
  layers: SnappedLayer[];
  extractor: Extractor;
  /** Exact on every training row (not just the screening sample). */
  exact: boolean;
  /** Largest relative error on the screening rows. */
  error: number;
}

/**
 * Judges one restart's snapped network, output by output, with both
 * extractors: "round" keeps every snapped weight; "refit" solves the last
 * layer by least squares on the screening rows. Whatever is exact on the
 * sample is then checked on every training row.
 */
export function screen(snapped: SnappedLayer[], sample: Rows, all: Rows): Screened[] {
  const hidden = evaluateHidden(snapped, sample.x);
  const last = snapped[snapped.length - 1];
  const outputs = last.weights.length;
  const refit = refitLastLayer(snapped, sample.x, sample.y, hidden);
  const options: Array<{ layers: SnappedLayer[]; extractor: Extractor; pred: number[][] }> = [
    { layers: snapped, extractor: 'round', pred: hidden.map((h) => linear(last.weights, h)) },
  ];
  if (refit) {
    const w = refit.layers[refit.layers.length - 1].weights;
    options.push({ layers: refit.layers, extractor: 'refit', pred: hidden.map((h) => linear(w, h)) });
  }
  const result: Screened[] = [];
  for (let o = 0; o < outputs; o++) {
    let best: Screened | null = null;
    for (const opt of options) {
      const c = checkPredictions(opt.pred.map((p) => p[o]), sample.y.map((t) => t[o]), sample.precision.map((p) => p[o]));
      const error = Number.isFinite(c.metrics.maxRelError) ? c.metrics.maxRelError : Infinity;
      const exact = c.exact && exactOnAll(opt.layers, o, all);
      const cand: Screened = { layers: opt.layers, extractor: opt.extractor, exact, error };
      if (!best || (exact && !best.exact) || (exact === best.exact && error < best.error)) best = cand;
      if (exact) break; // round is preferred when it is already exact: no float coefficients
    }
    result.push(best!);
  }
  return result;
}

function exactOnAll(layers: SnappedLayer[], o: number, all: Rows): boolean {
  const hidden = evaluateHidden(layers, all.x);
  const w = [layers[layers.length - 1].weights[o]];
  const pred = hidden.map((h) => linear(w, h)[0]);
  return checkPredictions(pred, all.y.map((t) => t[o]), all.precision.map((p) => p[o])).exact;
}
