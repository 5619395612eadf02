import type { SnappedLayer } from '../formula/evaluate.ts';
import type { Rows } from '../data/rows.ts';
import { readings, type Extractor } from './screen.ts';
import type { StageTarget } from './target.ts';

/** What a reader is given besides the snapshot. */
export interface ReadContext {
  /** The screening sample in the stage's terms: y holds what each trained target trains on. */
  sample: Rows;
  /** The same rows with every dataset target, to read a network back in its target's own terms. */
  rows: Rows;
  /** The targets the stage trains, in the order of the network's outputs. */
  targets: StageTarget[];
}

/** One restart's network for one target. */
export interface Reading {
  /** The one-output network for what the stage trains on, when that is an m -> a sum a residual stage may build on; else null. */
  stage: SnappedLayer[] | null;
  /** The network in the target's own terms. */
  layers: SnappedLayer[];
  extractor: Extractor;
}

/** Reads one restart's snapshot as one network per trained target (null where it gives none). */
export type SnapshotReader = (snapshot: SnappedLayer[], context: ReadContext) => Array<Reading | null>;

/**
 * The reader of plain and residual stages: per target, the snapshot as
 * snapped ("round", preferred when it is exact already: it has no float
 * coefficients) or with its last layer refitted, whichever fits the sample
 * better, then read back in the target's own terms.
 */
export const readRoundOrRefit: SnapshotReader = (snapshot, { sample, rows, targets }) => {
  const reads = readings(snapshot, sample);
  return targets.map((t, k) => {
    const read = reads.find((c) => c.exact[k]) ?? reads.reduce((a, b) => (b.errors[k] < a.errors[k] ? b : a));
    const stageLayers = outputOnly(read.layers, k);
    const mine = t.own(stageLayers, rows);
    return mine ? { stage: stageLayers, layers: mine, extractor: read.extractor } : null;
  });
};

/** Keeps only output k's row in the last layer, so a network reads as a one-output network. */
export function outputOnly(layers: SnappedLayer[], k: number): SnappedLayer[] {
  const last = layers[layers.length - 1];
  return [...layers.slice(0, -1), { ...last, weights: [last.weights[k]] }];
}
