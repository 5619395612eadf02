import * as tf from '@tensorflow/tfjs';
import type { Act, Layer, StepContext } from './layer.ts';
import type { Random } from '../util/random.ts';

export interface NetworkForward {
  y: tf.Tensor;
  caches: unknown[];
  /** Sum of the layers' penalties per restart, or null. */
  penalty: tf.Tensor | null;
}

/** A stack of layers, each with a leading restart axis, run as one program. */
export class Network {
  constructor(readonly layers: Layer[]) {
    for (let i = 1; i < layers.length; i++) {
      if (layers[i].inputSize !== layers[i - 1].outputSize) {
        throw new Error(`layer ${i + 1} takes ${layers[i].inputSize} inputs but layer ${i} gives ${layers[i - 1].outputSize}`);
      }
    }
  }

  get restarts(): number {
    return this.layers[0].restarts;
  }

  get inputSize(): number {
    return this.layers[0].inputSize;
  }

  get outputSize(): number {
    return this.layers[this.layers.length - 1].outputSize;
  }

  get variables(): tf.Variable[] {
    return this.layers.flatMap((l) => l.variables);
  }

  /** True when every layer writes its own backward; otherwise training uses autodiff. */
  get manualGradients(): boolean {
    return this.layers.every((l) => typeof l.backward === 'function');
  }

  /** x: the shared data [in, B]; nonNegative when no input is below 0. Returns y [R, out, B]. */
  forward(x: tf.Tensor, ctx: StepContext, nonNegative = false): NetworkForward {
    let act: Act = { t: x, shared: true, nonNegative };
    const caches: unknown[] = [];
    let penalty: tf.Tensor | null = null;
    for (const layer of this.layers) {
      const f = layer.forward(act, ctx);
      caches.push(f.cache);
      if (f.penalty) penalty = penalty ? tf.add(penalty, f.penalty) : f.penalty;
      act = { t: f.y, shared: false };
    }
    return { y: act.t, caches, penalty };
  }

  /** Gradients for `variables`, in order, from dLoss/dy. Penalties add their own. */
  backward(dy: tf.Tensor, f: NetworkForward, ctx: StepContext): tf.Tensor[] {
    const out: tf.Tensor[][] = [];
    let g: tf.Tensor | null = dy;
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i];
      if (!layer.backward) throw new Error(`layer ${layer.kind} has no backward; train it with autodiff`);
      const b = layer.backward(g!, f.caches[i], ctx, i > 0);
      out.unshift(b.grads);
      g = b.dx;
    }
    return out.flat();
  }

  reinit(r: number, rng: Random): void {
    for (const l of this.layers) l.reinit(r, rng);
  }

  dispose(): void {
    for (const l of this.layers) l.dispose();
  }
}
