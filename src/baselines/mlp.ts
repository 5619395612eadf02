import * as tf from '@tensorflow/tfjs';
import type { Act, Forward, StepContext } from '../engine/layer.ts';
import { contract } from '../engine/contract.ts';
import type { Random } from '../util/random.ts';
import { ParamLayer } from './paramLayer.ts';
import { matVec64, type Columns, type Weights64 } from './float64.ts';
import { constant, glorotUniform } from './params.ts';

export type Activation = 'tanh' | 'relu' | 'identity';

export interface DenseArgs {
  units: number;
  activation: Activation;
}

const ACT64: Record<Activation, (v: number) => number> = {
  tanh: Math.tanh,
  relu: (v) => (v > 0 ? v : 0),
  identity: (v) => v,
};

/**
 * One layer of the talk's MLP baselines (`DIM(X) 100:TANH 100:TANH DIM(Y):IDENTITY`):
 * y = act(W x + b), W drawn Glorot-uniform (Glorot & Bengio 2010), b = 0.
 */
export class Dense extends ParamLayer<DenseArgs> {
  readonly kind = 'dense' as const;

  constructor(inputSize: number, restarts: number, args: DenseArgs, rng: Random) {
    super(inputSize, restarts, args, [
      { shape: [args.units, inputSize], init: glorotUniform(inputSize, args.units) },
      { shape: [args.units, 1], init: constant(0) },
    ], rng);
  }

  forward(x: Act, _ctx: StepContext): Forward {
    const [W, b] = this.variables;
    const z = tf.add(contract(W, x), b);
    const y = this.args.activation === 'tanh' ? tf.tanh(z) : this.args.activation === 'relu' ? tf.relu(z) : z;
    return { y, cache: null, penalty: null };
  }

  forward64(w: Weights64, x: Columns): Columns {
    const [W, b] = w;
    const f = ACT64[this.args.activation];
    return matVec64(W, this.outputSize, x).map((col, o) => col.map((v) => f(v + b[o])));
  }
}
