import { evaluateHidden, evaluateSnapped, linear, type SnappedLayer } from '../formula/evaluate.ts';
import { refitLastLayer } from '../formula/refit.ts';
import { checkPredictions } from '../formula/verify.ts';
import type { Rows } from '../data/rows.ts';

/** How a network was read: weights as snapped, last layer refitted, or monomials pooled across restarts. */
export type Extractor = 'round' | 'refit' | 'pool';

/** A snapped network read one way, with how well it fits the screening sample. */
export interface Read {
  layers: SnappedLayer[];
  extractor: Extractor;
  /** Relative RMS error on the sample, per output of the network. */
  errors: number[];
  /** Exact on the sample, per output. */
  exact: boolean[];
}

/**
 * Reads one restart's snapped network both ways: "round" keeps every
 * snapped weight; "refit" solves the last layer by least squares on the
 * sample. Returns both readings, judged on the sample.
 */
export function readings(snapped: SnappedLayer[], sample: Rows): Read[] {
  const hidden = evaluateHidden(snapped, sample.x);
  const out: Read[] = [judgeHidden(snapped, 'round', hidden, sample)];
  const refit = refitLastLayer(snapped, sample.x, sample.y, hidden);
  if (refit) out.push(judgeHidden(refit, 'refit', hidden, sample));
  return out;
}

function judgeHidden(layers: SnappedLayer[], extractor: Extractor, hidden: number[][], sample: Rows): Read {
  const w = layers[layers.length - 1].weights;
  const pred = hidden.map((h) => linear(w, h));
  const checks = w.map((_, o) =>
    checkPredictions(
      pred.map((p) => p[o]),
      sample.y.map((t) => t[o]),
      sample.precision.map((p) => p[o]),
    ),
  );
  return { layers, extractor, errors: checks.map((c) => finite(c.metrics.rmsRelError)), exact: checks.map((c) => c.exact) };
}

/**
 * The screen: a fast filter on a one-output network, evaluated as a network
 * against one target (rows.y and rows.precision hold that target alone).
 * Its relative RMS error on the sample and, when it is exact there, whether
 * it is exact on every row. Passing it is not the verdict: the candidate
 * book checks the printed formula.
 */
export function screen(layers: SnappedLayer[], sample: Rows, all: Rows): { error: number; passed: boolean } {
  const onSample = check(layers, sample);
  const error = finite(onSample.metrics.rmsRelError);
  if (!onSample.exact) return { error, passed: false };
  return { error, passed: check(layers, all).exact };
}

function check(layers: SnappedLayer[], rows: Rows) {
  const pred = evaluateSnapped(layers, rows.x).map((p) => p[0]);
  return checkPredictions(pred, rows.y.map((t) => t[0]), rows.precision.map((p) => p[0]));
}

function finite(x: number): number {
  return Number.isFinite(x) ? x : Infinity;
}
