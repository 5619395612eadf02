import { evaluateSnapped, type SnappedLayer } from './evaluate.ts';

/**
 * A network may open with a feature block: CALUe or CALUl units (sin(theta),
 * exp(-m g x/(kb T)), log(V2/V1)) whose outputs join the inputs, the layer
 * ending the block marked `join`. Everything after the block (the tail) is
 * an ordinary stack over the augmented inputs [x; features], so every
 * reading of a network (refit, pooling, rational, canonical forms) applies
 * to the tail as it stands, with the features as extra columns.
 */
export interface Split {
  /** The feature block, [] when the network has none. */
  block: SnappedLayer[];
  /** The rest of the network, over [x; block outputs]. */
  tail: SnappedLayer[];
}

export function splitFeatures(layers: SnappedLayer[]): Split {
  const end = layers.findIndex((l) => l.join);
  return end < 0 ? { block: [], tail: layers } : { block: layers.slice(0, end + 1), tail: layers.slice(end + 1) };
}

/** The network of a block and a tail (the tail alone when the block is empty). */
export function joinFeatures(block: SnappedLayer[], tail: SnappedLayer[]): SnappedLayer[] {
  return block.length ? [...block, ...tail] : tail;
}

/** [x; block(x)] for every row; the rows themselves when the block is empty. */
export function augment(block: SnappedLayer[], rows: number[][]): number[][] {
  return block.length ? evaluateSnapped(block, rows) : rows;
}

/** How many columns the block adds to the inputs. */
export function featureCount(block: SnappedLayer[]): number {
  if (!block.length) return 0;
  const last = block[block.length - 1];
  return last.kind === 'caluE' ? 2 * last.weights.length : last.weights.length;
}

/** A key that is equal for networks whose blocks compute the same features. */
export function blockKey(block: SnappedLayer[]): string {
  return JSON.stringify(block.map((l) => [l.kind, l.weights, l.imag ?? null]));
}
