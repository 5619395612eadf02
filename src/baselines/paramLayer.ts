import type * as tf from '@tensorflow/tfjs';
import type { Act, Forward, StepContext } from '../engine/layer.ts';
import type { Random } from '../util/random.ts';
import type { Columns, Float64Layer, Weights64 } from './float64.ts';
import { makeParams, reinitParams, type ParamSpec } from './params.ts';

/**
 * What every baseline layer shares: one variable per parameter spec, each
 * with a leading restart axis, redrawn per restart from the same specs.
 * Subclasses hold only their paper's equations.
 */
export abstract class ParamLayer<A extends { units: number }> implements Float64Layer {
  abstract readonly kind: string;
  readonly outputSize: number;
  readonly variables: tf.Variable[];

  constructor(
    readonly inputSize: number,
    readonly restarts: number,
    readonly args: A,
    private readonly specs: ParamSpec[],
    rng: Random,
  ) {
    this.outputSize = args.units;
    this.variables = makeParams(restarts, specs, rng);
  }

  abstract forward(x: Act, ctx: StepContext): Forward;
  abstract forward64(w: Weights64, x: Columns): Columns;

  reinit(r: number, rng: Random): void {
    reinitParams(this.variables, this.specs, r, rng);
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
