import type { SnappedLayer } from '../formula/evaluate.ts';
import type { Rows } from '../data/rows.ts';
import { residuals } from '../formula/refit.ts';
import { applyTransform, invertTransform, transformPrecision, type TargetTransform } from './transform.ts';
import { refitBase, unionNetwork } from './residual.ts';

/**
 * What a stage fits for one dataset target, and how a network fitted to
 * that is read back in the target's own terms. Plain: Y = T(y) (see
 * transform.ts). With a base (a residual stage): Y minus the base's
 * prediction, the fitted monomials joining the base's before the last layer
 * is refitted on Y.
 */
export class StageTarget {
  /** The base's major terms refitted on Y over every training row, in the stage's terms. */
  private readonly base: SnappedLayer[] | null;

  constructor(
    /** The dataset target's index. */
    readonly output: number,
    readonly transform: TargetTransform,
    /** Sign of the target, for an even power that lost it. */
    readonly negative: boolean,
    base: SnappedLayer[] | null,
    all: Rows,
  ) {
    this.base = base ? refitBase(base, this.transformed(all)) : null;
  }

  /** The rows with y replaced by Y alone (one column), before any base is taken off. */
  transformed(rows: Rows): Rows {
    const o = this.output;
    return {
      x: rows.x,
      y: rows.y.map((t, i) => [applyTransform(this.transform, t[o], rows.x[i])]),
      precision: rows.precision.map((p, i) => [transformPrecision(this.transform, rows.y[i][o], rows.x[i], p[o])]),
    };
  }

  /** What the stage trains on, per row: Y, or what the base leaves of it. */
  values(rows: Rows): { y: number[]; precision: number[] } {
    const t = this.transformed(rows);
    const left = this.base ? residuals(this.base, t) : t.y.map((v) => v[0]);
    return { y: left, precision: t.precision.map((p) => p[0]) };
  }

  /** A one-output m -> a network fitted to `values`, in the target's own terms; `rows` refit a union with the base. */
  own(layers: SnappedLayer[], rows: Rows): SnappedLayer[] | null {
    const fitted = this.base ? unionNetwork(this.base, layers, this.transformed(rows)) : layers;
    return fitted ? this.readBack(fitted) : null;
  }

  /** The network for y from an m -> a network for Y = prod_u S_u^powers[u] (see invertTransform). */
  readBack(sums: SnappedLayer[], powers: number[] = [1]): SnappedLayer[] {
    return invertTransform(this.transform, sums, this.negative, powers);
  }
}
