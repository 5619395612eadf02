import { CaluM } from '../calu/caluM.ts';
import { WithInputs } from '../calu/withInputs.ts';
import type { Network } from '../engine/network.ts';
import { poolSum, proposeMonomials } from '../formula/pool.ts';
import type { SnappedLayer } from '../formula/evaluate.ts';
import { augment, blockKey, joinFeatures, splitFeatures } from '../formula/features.ts';
import type { Rows } from '../data/rows.ts';

/**
 * Pooling across restarts. On data with a narrow positive range, monomials
 * are so nearly collinear that a single restart rarely gets every term
 * right, yet the right terms are usually among the units of all restarts
 * together. The pool gathers them and an exact least-squares elimination
 * finds the combination. Applies to in -> m -> a stacks, and to such a
 * stack behind a feature block: there the restarts whose blocks compute the
 * same features pool their monomials of [x; features].
 */
export function poolsMonomials(net: Network): boolean {
  const tail = net.layers[0] instanceof WithInputs ? net.layers.slice(1) : net.layers;
  return tail.length === 2 && tail[0] instanceof CaluM && tail[1].kind === 'caluA';
}

/** How many groups of restarts with the same features are pooled: those of the best restarts. */
const GROUPS = 3;

/**
 * One-output networks, one per target column of `rows` (in the stage's own
 * terms, e.g. Y = (y/M0)^p), or null where the pool holds no exact
 * combination. tolerance: relative L2 residual that counts as exact here;
 * the caller still screens every network on the target itself. loss: each
 * restart's training loss, to choose which feature groups to pool. open(k):
 * whether column k is still wanted (a solved target's elimination is the
 * dearest work of a snap, for nothing).
 */
export function poolNetworks(net: Network, snapped: SnappedLayer[][], rows: Rows, tolerance: number, loss: ArrayLike<number> = [], open: (k: number) => boolean = () => true): Array<SnappedLayer[] | null> {
  const m = net.layers.find((l) => l instanceof CaluM) as CaluM;
  const trained = m.weight.read().trained;
  // Restarts grouped by the features their blocks compute (one group for a stack without a block).
  const groups = new Map<string, number[]>();
  snapped.forEach((layers, r) => {
    const key = blockKey(splitFeatures(layers).block);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  });
  const best = (g: number[]) => Math.min(...g.map((r) => (Number.isFinite(loss[r]) ? loss[r] : r < loss.length ? Infinity : 0)));
  const chosen = [...groups.values()].sort((a, b) => best(a) - best(b) || a[0] - b[0]).slice(0, GROUPS);
  return rows.y[0].map((_, o) => {
    if (!open(o)) return null;
    for (const group of chosen) {
      const { block, tail } = splitFeatures(snapped[group[0]]);
      const x = augment(block, rows.x);
      const pool = proposeMonomials(
        group.map((r) => trained[r]),
        group.map((r) => splitFeatures(snapped[r]).tail[0].weights),
        m.weight.q.values,
        Math.floor(rows.x.length / 2),
      );
      const sum = poolSum(pool, x, rows.y.map((t) => t[o]), tolerance);
      if (sum && tail.length) return joinFeatures(block, sum);
    }
    return null;
  });
}
