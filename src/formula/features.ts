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

/**
 * Drops the block's units that the tail does not read (a CALUe unit goes
 * when neither its real nor its imaginary part is read), then the units
 * of the block's first layer that no kept unit reads, so a graph shows only
 * the features a formula uses. The function computed is unchanged.
 * D: the number of inputs.
 */
export function pruneBlock(block: SnappedLayer[], tail: SnappedLayer[], D: number): Split {
  if (!block.length || !tail.length) return { block, tail };
  const last = block[block.length - 1];
  const units = last.weights.length;
  const reads = (col: number) => tail[0].weights.some((row) => row[col] !== 0);
  const keep = Array.from({ length: units }, (_, k) => reads(D + k) || (last.kind === 'caluE' && reads(D + units + k)));
  const columns = [...Array.from({ length: D }, (_, j) => j), ...keep.flatMap((kept, k) => (kept ? [D + k] : [])), ...(last.kind === 'caluE' ? keep.flatMap((kept, k) => (kept ? [D + units + k] : [])) : [])];
  const newTail = [{ ...tail[0], weights: tail[0].weights.map((row) => columns.map((c) => row[c])) }, ...tail.slice(1)];
  const kept = (rows: number[][]) => rows.filter((_, k) => keep[k]);
  let newLast: SnappedLayer = { ...last, weights: kept(last.weights), ...(last.imag ? { imag: kept(last.imag) } : {}) };
  if (block.length === 1) return { block: [newLast], tail: newTail };
  // The layer before the block's last: keep its units that a kept unit reads.
  const first = block[0];
  const used = first.weights.map((_, h) => newLast.weights.some((row, k) => row[h] !== 0 || (newLast.imag?.[k][h] ?? 0) !== 0));
  newLast = { ...newLast, weights: newLast.weights.map((row) => row.filter((_, h) => used[h])), ...(newLast.imag ? { imag: newLast.imag.map((row) => row.filter((_, h) => used[h])) } : {}) };
  return { block: [{ ...first, weights: first.weights.filter((_, h) => used[h]) }, newLast], tail: newTail };
}
