import type { SnapReading } from '../formula/snap.ts';
import type { SnappedLayer } from '../formula/evaluate.ts';
import { logPool, productFits } from '../formula/logPool.ts';
import type { Dictionary } from '../formula/productSearch.ts';
import { blockKey, splitFeatures } from '../formula/features.ts';
import { argumentDictionary } from './rankedArguments.ts';
import { screen } from './screen.ts';
import type { Stage } from './stageSetup.ts';
import type { CandidateSink } from './stage.ts';
import { found } from './found.ts';

/**
 * The frozen features of a stage, each block read once in log space (see
 * logPool.ts): the products of powers of E, E - 1 and E + 1 (or cos, sin,
 * 1 - cos) with a monomial, screened and handed to the sink. The features
 * never change, so the first snap is the only one. A stage fitting y itself
 * also offers the product over several arguments chosen from the whole
 * dictionary (productFits): the same for every such stage, so it is read
 * once per target and kept.
 */
export function poolLogs(stage: Stage, reading: SnapReading, step: number, sink: CandidateSink): void {
  const blocks = new Map<string, SnappedLayer[]>();
  for (const layers of reading.snapped) {
    const { block } = splitFeatures(layers);
    if (block.length) blocks.set(blockKey(block), block);
  }
  stage.job.outputs.forEach((o, k) => {
    if (sink.solved(o)) return;
    const networks = [...blocks.values()].map((block) => logPool(block, stage.pool, k));
    if (plain(stage, k)) networks.push(...products(stage, k));
    const read = networks.flatMap((layers) => {
      const own = layers && stage.targets[k].own(layers, stage.job.rows.pool);
      return own ? [{ own, powers: layers.at(-2)!.weights[0].slice(1), s: screen(own, stage.own[k].sample, stage.own[k].all) }] : [];
    });
    // The same product reads at several scales (n0 exp(-u) is also n0 exp(-u/2)^2): the smallest powers first.
    const size = (p: number[]) => p.reduce((a, b) => a + Math.abs(b), 0);
    read.sort((a, b) => Number(b.s.passed) - Number(a.s.passed) || size(a.powers) - size(b.powers) || a.s.error - b.s.error);
    for (const r of read) {
      if (sink.solved(o)) return;
      sink.offer(o, found(stage, r.own, 'pool', r.s, step, -1));
    }
  });
}

/** Whether the stage fits target k's y itself (its pool rows hold y). */
function plain(stage: Stage, k: number): boolean {
  const t = stage.targets[k].transform;
  return t.kind === 'power' && t.power === 1 && !t.m0;
}

/** Rows of the pool the dictionary's columns cover: enough to tell products apart, few enough to keep 7 inputs' dictionary small. */
const DICTIONARY_ROWS = 128;

/** Per pool (its rows' array), the dictionary and each target's product: the same for every stage of a fit. */
const cache = new WeakMap<number[][], { dict: Dictionary; read: Map<number, SnappedLayer[][]> }>();

function products(stage: Stage, k: number): SnappedLayer[][] {
  const x = stage.pool.x;
  let cached = cache.get(x);
  if (!cached) {
    cached = { dict: argumentDictionary(x, DICTIONARY_ROWS), read: new Map() };
    cache.set(x, cached);
  }
  const o = stage.job.outputs[k];
  if (!cached.read.has(o)) cached.read.set(o, productFits(stage.pool, k, cached.dict));
  return cached.read.get(o)!;
}
