import { CaluM } from '../calu/caluM.ts';
import type { Network } from '../engine/network.ts';
import { poolSum, proposeMonomials } from '../formula/pool.ts';
import type { SnappedLayer } from '../formula/evaluate.ts';
import type { Rows } from '../data/rows.ts';

/**
 * Pooling across restarts. On data with a narrow positive range, monomials
 * are so nearly collinear that a single restart rarely gets every term
 * right, yet the right terms are usually among the units of all restarts
 * together. The pool gathers them and an exact least-squares elimination
 * finds the combination. Applies to in -> m -> a stacks.
 */
export function poolsMonomials(net: Network): boolean {
  return net.layers.length === 2 && net.layers[0] instanceof CaluM && net.layers[1].kind === 'caluA';
}

/**
 * One-output m -> a networks, one per target column of `rows` (in the
 * stage's own terms, e.g. Y = (y/M0)^p), or null where the pool holds no exact
 * combination. tolerance: relative L2 residual that counts as exact here;
 * the caller still screens every network on the target itself.
 */
export function poolNetworks(net: Network, snapped: SnappedLayer[][], rows: Rows, tolerance: number): Array<SnappedLayer[] | null> {
  const m = net.layers[0] as CaluM;
  const trained = m.weight.read().trained;
  const pool = proposeMonomials(
    trained,
    snapped.map((layers) => layers[0].weights),
    m.weight.q.values,
    Math.floor(rows.x.length / 2),
  );
  return rows.y[0].map((_, o) => poolSum(pool, rows.x, rows.y.map((t) => t[o]), tolerance));
}
