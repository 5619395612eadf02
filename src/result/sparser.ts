import type { SnappedLayer } from '../formula/evaluate.ts';
import { refitSum, residuals } from '../formula/refit.ts';
import { backwardPath } from '../formula/sparse.ts';
import type { Rows } from '../data/rows.ts';

/** An m -> a network with one output: what the sparser variants apply to. */
export function isMonomialSum(layers: SnappedLayer[]): boolean {
  return layers.length === 2 && layers[0].kind === 'caluM' && layers[1].kind === 'caluA' && layers[1].weights.length === 1;
}

/**
 * Ever sparser versions of an m -> a network: the last layer loses, one at a
 * time, the unit whose removal hurts its least-squares fit on `rows` (one
 * target) least, and is refitted (the backward path of sparse.ts). On noisy
 * data these are the simpler formulas a person prefers, which the candidate
 * table then weighs by error. There are fewer variants than units.
 */
export function sparserVariants(layers: SnappedLayer[], rows: Rows): SnappedLayer[][] {
  const fit = (terms: number[][]) => {
    const fitted = refitSum(terms, rows);
    return { fitted, error: fitted ? residuals(fitted, rows).reduce((s, v) => s + v * v, 0) : NaN };
  };
  return backwardPath(liveUnits(layers), fit, liveUnits);
}

/** The hidden units of an m -> a network that the output uses. */
function liveUnits(layers: SnappedLayer[]): number[][] {
  const used = layers[1].weights[0];
  return layers[0].weights.filter((_, h) => used[h] !== 0);
}
