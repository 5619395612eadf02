import { distinctMonomials, type SnappedLayer } from '../formula/evaluate.ts';
import { refitSum, residuals } from '../formula/refit.ts';
import { forwardSelection } from '../formula/sparse.ts';
import type { Rows } from '../data/rows.ts';

/**
 * Residual stages. When a sum of monomials has one small term, like
 * -alpha c^2/d^2 beside 8.4 G rho, restarts fit the large term and never
 * see the small one. A residual stage takes the best m -> a network found
 * so far (the base), refits its last layer on the training rows, and trains
 * a fresh m -> a network on what the base leaves over, in which the missing
 * term is as large as the base's error. Its monomials then join the base's
 * and the union is refitted on the target itself.
 * Every `rows` here holds one target.
 */

/** At most this many terms make a base: the large ones. */
const MAX_TERMS = 3;
/** A further term joins the base only if it cuts the base's error by this factor. */
const GAIN = 2;

/**
 * The base's few large terms, refitted on `rows`: chosen greedily from its
 * monomials, each cutting the error at least in half. The rest (a wide
 * network's many cancelling terms, or its attempt to mimic the missing
 * term) goes, so what is left to fit is the missing term.
 */
export function refitBase(base: SnappedLayer[], rows: Rows): SnappedLayer[] | null {
  const fit = (terms: number[][]) => {
    const fitted = refitSum(terms, rows);
    return { fitted, error: fitted ? Math.sqrt(squaredError(fitted, rows)) : Infinity };
  };
  const size = Math.sqrt(rows.y.reduce((s, t) => s + t[0] * t[0], 0));
  return forwardSelection(distinctMonomials(base[0].weights), fit, size, MAX_TERMS, GAIN);
}

/** The base's monomials and a restart's together, its last layer refitted on the target. */
export function unionNetwork(base: SnappedLayer[], snapped: SnappedLayer[], rows: Rows): SnappedLayer[] | null {
  return refitSum([...base[0].weights, ...snapped[0].weights], rows);
}

function squaredError(layers: SnappedLayer[], rows: Rows): number {
  return residuals(layers, rows).reduce((s, v) => s + v * v, 0);
}
