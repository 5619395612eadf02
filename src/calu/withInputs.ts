import * as tf from '@tensorflow/tfjs';
import type { Random } from '../util/random.ts';
import type { Act, Backward, Forward, Layer, StepContext } from '../engine/layer.ts';

interface JoinCache {
  x: Act;
  caches: unknown[];
  acts: Act[];
}

/**
 * A block whose outputs join its inputs: [x; f(x)]. It turns units such as
 * CALUe and CALUl into features the next layer uses beside the raw inputs,
 * so r*F*sin(theta) is one CALUm unit over [r, F, theta, sin(theta)]
 * (written `2:e+` in a stack: the block runs up to the layer marked +).
 */
export class WithInputs implements Layer {
  readonly kind = 'join' as const;
  readonly outputSize: number;
  readonly restarts: number;

  constructor(
    readonly inputSize: number,
    readonly inner: Layer[],
    /** Its weights stay as they are set (no training, no fresh draw): fixed features such as cos(theta). */
    readonly frozen = false,
  ) {
    this.restarts = inner[0].restarts;
    this.outputSize = inputSize + inner[inner.length - 1].outputSize;
  }

  get variables(): tf.Variable[] {
    return this.frozen ? [] : this.inner.flatMap((l) => l.variables);
  }

  reinit(r: number, rng: Random): void {
    if (!this.frozen) for (const l of this.inner) l.reinit(r, rng);
  }

  forward(x: Act, ctx: StepContext): Forward {
    let act = x;
    const caches: unknown[] = [];
    const acts: Act[] = [];
    let penalty: tf.Tensor | null = null;
    for (const layer of this.inner) {
      acts.push(act);
      const f = layer.forward(act, ctx);
      caches.push(f.cache);
      if (f.penalty) penalty = penalty ? tf.add(penalty, f.penalty) : f.penalty;
      act = { t: f.y, shared: false };
    }
    const xs = x.shared ? tf.broadcastTo(tf.expandDims(x.t, 0), [this.restarts, ...x.t.shape]) : x.t;
    return { y: tf.concat([xs, act.t], 1), cache: { x, caches, acts } satisfies JoinCache, penalty };
  }

  backward(dy: tf.Tensor, cache: unknown, ctx: StepContext, needDx: boolean): Backward {
    const c = cache as JoinCache;
    const [dDirect, dInner] = tf.split(dy, [this.inputSize, dy.shape[1]! - this.inputSize], 1);
    // A frozen block has nothing to learn; a gradient to the shared data is never asked for.
    if (this.frozen && c.x.shared) return { dx: null, grads: [] };
    const grads: tf.Tensor[][] = [];
    let g: tf.Tensor | null = dInner;
    for (let i = this.inner.length - 1; i >= 0; i--) {
      const layer = this.inner[i];
      if (!layer.backward) throw new Error(`layer ${layer.kind} has no backward; train it with autodiff`);
      const b = layer.backward(g!, c.caches[i], ctx, i > 0 || needDx);
      grads.unshift(b.grads);
      g = b.dx;
    }
    let dx: tf.Tensor | null = null;
    if (needDx) {
      // The shared data carries no restart axis; its gradient is never asked for.
      dx = c.x.shared ? null : tf.add(dDirect, g!);
    }
    return { dx, grads: grads.flat() };
  }

  dispose(): void {
    for (const l of this.inner) l.dispose();
  }

}
