import { distinctMonomials, monomials, type SnappedLayer } from '../formula/evaluate.ts';
import { sparsestNullVector } from '../formula/sparse.ts';
import { augment, joinFeatures, splitFeatures } from '../formula/features.ts';
import type { SnapshotReader } from './snapshot.ts';

/**
 * The reader of a rational stage, which fits Y = N/D, with N and D sums of
 * the monomials of one CALUm layer and Y a transform of the target, through
 * N - Y D = 0 (see ratioLoss). Its last layer is read by an exact refit: the
 * coefficients of N and D are the sparsest null vector of [M, -Y M] over the
 * distinct monomials M of the snapped layer, fitted on the screening
 * sample. The network read back computes y = M0 (N/D)^(1/k):
 *   in -> m[monomials, M0] -> a[N, D, M0] -> m[1/k, -1/k, 1] -> a[sign].
 * After a feature block, the monomials are of the augmented inputs [x; features].
 */
export const readRational: SnapshotReader = (snapped, { sample, targets }) => {
  const { block, tail } = splitFeatures(snapped);
  const units = distinctMonomials(tail[0].weights);
  const features = augment(block, sample.x).map((row) => monomials(units, row));
  return targets.map((target, k) => {
    const A = features.map((f, i) => [...f, ...f.map((v) => -v * sample.y[i][k])]);
    const nv = sparsestNullVector(A, 1e-9);
    if (!nv) return null;
    const H = units.length;
    const quotient: SnappedLayer[] = [
      { kind: 'caluM', weights: units },
      { kind: 'caluA', weights: [nv.theta.slice(0, H), nv.theta.slice(H)] },
    ];
    return { stage: null, layers: target.readBack(joinFeatures(block, quotient), [1, -1]), extractor: 'refit' };
  });
};
