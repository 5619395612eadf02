import { evaluateSnapped, type SnappedLayer } from '../formula/evaluate.ts';
import { refitLastLayer } from '../formula/refit.ts';
import type { Rows } from '../data/rows.ts';

/**
 * Residual stages. When a sum of monomials has one small term, like
 * -alpha c^2/d^2 beside 8.4 G rho, restarts fit the large term and never
 * see the small one. A residual stage takes the best m -> a network found
 * so far (the base), refits its last layer on the training rows, and trains
 * a fresh m -> a network on what the base leaves over, in which the missing
 * term is as large as the base's error. Its monomials then join the base's
 * and the union is refitted on the target itself.
 */

/** At most this many terms make a base: the large ones. */
const MAX_TERMS = 3;
/** A further term joins the base only if it cuts the base's error by this factor. */
const GAIN = 2;

/**
 * The base's few large terms, refitted on `rows` (target in column `o`):
 * chosen greedily from its monomials, each cutting the error at least in
 * half. The rest (a wide network's many cancelling terms, or its attempt to
 * mimic the missing term) goes, so what is left to fit is the missing term.
 */
export function refitBase(base: SnappedLayer[], rows: Rows, o: number): SnappedLayer[] | null {
  const target = rows.y.map((t) => [t[o]]);
  const error = (layers: SnappedLayer[] | null) => (layers ? Math.sqrt(squaredError(layers, rows, o)) : Infinity);
  const candidates = [...new Map(base[0].weights.map((e) => [e.join(','), e])).values()];
  let chosen: number[][] = [];
  let best: { layers: SnappedLayer[] | null; err: number } = { layers: null, err: Math.sqrt(target.reduce((s, t) => s + t[0] * t[0], 0)) };
  while (chosen.length < MAX_TERMS) {
    let step: { e: number[]; layers: SnappedLayer[] | null; err: number } | null = null;
    for (const e of candidates) {
      if (chosen.includes(e)) continue;
      const layers = refitTerms([...chosen, e], rows, o);
      const err = error(layers);
      if (!step || err < step.err) step = { e, layers, err };
    }
    if (!step || !(step.err * GAIN <= best.err)) break;
    chosen = [...chosen, step.e];
    best = { layers: step.layers, err: step.err };
  }
  return best.layers;
}

/** The target minus the refitted base's prediction, per row. */
export function residualOf(base: SnappedLayer[], rows: Rows, o: number): number[] {
  const pred = evaluateSnapped(base, rows.x);
  return rows.y.map((t, i) => t[o] - pred[i][0]);
}

/** The base's monomials and a restart's together, its last layer refitted on the target (column `o` of rows). */
export function unionNetwork(base: SnappedLayer[], snapped: SnappedLayer[], rows: Rows, o: number): SnappedLayer[] | null {
  return refitTerms([...base[0].weights, ...snapped[0].weights], rows, o);
}

/** The m -> a network over these monomials, its last layer fitted by least squares on column o of rows. */
function refitTerms(terms: number[][], rows: Rows, o: number): SnappedLayer[] | null {
  const layers: SnappedLayer[] = [{ kind: 'caluM', weights: terms }, { kind: 'caluA', weights: [terms.map(() => 0)] }];
  return refitLastLayer(layers, rows.x, rows.y.map((t) => [t[o]]));
}

function squaredError(layers: SnappedLayer[], rows: Rows, o: number): number {
  return residualOf(layers, rows, o).reduce((s, v) => s + v * v, 0);
}


/** An m -> a network with one output: what the sparser variants apply to. */
export function isMonomialSum(layers: SnappedLayer[]): boolean {
  return layers.length === 2 && layers[0].kind === 'caluM' && layers[1].kind === 'caluA' && layers[1].weights.length === 1;
}

/**
 * Ever sparser versions of an m -> a network: the last layer loses, one at a
 * time, the unit whose removal hurts its least-squares fit on `rows` (column
 * o) least, and is refitted. On noisy data these are the simpler formulas a
 * person prefers, which the candidate table then weighs by error. Each step
 * keeps strictly fewer units, so there are at most as many variants as units.
 */
export function sparserVariants(layers: SnappedLayer[], rows: Rows, o: number): SnappedLayer[][] {
  const out: SnappedLayer[][] = [];
  let units = liveUnits(layers);
  while (units.length > 1) {
    let step: { layers: SnappedLayer[]; err: number } | null = null;
    for (let drop = 0; drop < units.length; drop++) {
      const kept = units.filter((_, h) => h !== drop);
      const fitted = refitTerms(kept, rows, o);
      if (!fitted) continue;
      const err = squaredError(fitted, rows, o);
      if (Number.isFinite(err) && (!step || err < step.err)) step = { layers: fitted, err };
    }
    if (!step) break;
    out.push(step.layers);
    const next = liveUnits(step.layers);
    if (next.length >= units.length) break;
    units = next;
  }
  return out;
}

/** The hidden units of an m -> a network that the output uses. */
function liveUnits(layers: SnappedLayer[]): number[][] {
  const used = layers[1].weights[0];
  return layers[0].weights.filter((_, h) => used[h] !== 0);
}
