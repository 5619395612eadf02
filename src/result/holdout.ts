import type { Rows } from '../data/rows.ts';
import { Random } from '../util/random.ts';

/**
 * The validation split of the training rows: noise estimation, model
 * selection under noise and the early stop judge a formula on rows its
 * coefficients were not fitted on. The `--test` file plays no part: it
 * proves the chosen formula afterwards. The split draws from its own
 * stream (the fit's seed, salted), so the search's stream, and with it every
 * formula found on exact data, is the same as without it.
 */
export interface Holdout {
  /** Rows the coefficients of a candidate are fitted on. */
  fit: Rows;
  /** Held-out rows the candidate is judged on. */
  held: Rows;
}

/** Share of the training rows held out. */
export const HELD_OUT_SHARE = 0.2;

const SALT = 0x6e6f6973; // "nois"

/** A seeded split: about 20% of the rows held out (at least 2, and at least 2 left to fit). */
export function splitRows(rows: Rows, seed: number): Holdout {
  const n = rows.x.length;
  const held = Math.min(Math.max(2, Math.round(HELD_OUT_SHARE * n)), Math.max(0, n - 2));
  const rng = new Random((seed ^ SALT) >>> 0);
  const idx = rows.x.map((_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  const heldIdx = idx.slice(0, held).sort((a, b) => a - b);
  const fitIdx = idx.slice(held).sort((a, b) => a - b);
  return { fit: pick(rows, fitIdx), held: pick(rows, heldIdx) };
}

function pick(rows: Rows, idx: number[]): Rows {
  return { x: idx.map((i) => rows.x[i]), y: idx.map((i) => rows.y[i]), precision: idx.map((i) => rows.precision[i]) };
}
