import { beforeAll, describe, expect, it } from 'vitest';
import type * as TF from '@tensorflow/tfjs';
import { backend, relDiff } from '../helpers/backend.ts';
import { CaluM } from '../../src/calu/caluM.ts';
import { CaluA } from '../../src/calu/caluA.ts';
import { Network } from '../../src/engine/network.ts';
import { PRESETS, parseQ } from '../../src/calu/qset.ts';
import { Random } from '../../src/util/random.ts';
import type { Layer, StepContext } from '../../src/engine/layer.ts';
import { evaluateSnapped } from '../../src/formula/evaluate.ts';
import { snapNetwork } from '../../src/formula/snap.ts';

let tf: typeof TF;
beforeAll(async () => {
  tf = await backend();
});

const ctx = (over: Partial<StepContext> = {}): StepContext => ({ step: 0, totalSteps: 100, lambda: 0, parity: 'exact', consistency: 0, ...over });

function mixedSignInput(rows: number, cols: number, seed: number): TF.Tensor2D {
  const rng = new Random(seed);
  const v = Array.from({ length: rows * cols }, () => (rng.uniform() < 0.5 ? -1 : 1) * rng.between(0.3, 2));
  return tf.tensor2d(v, [rows, cols]);
}

/** The hand-written backward of a network must equal tfjs autodiff of its own forward. */
function compareWithAutodiff(net: Network, x: TF.Tensor, c: StepContext) {
  const R = net.restarts;
  const weights = tf.randomNormal([R, net.outputSize, x.shape[1]!], 0, 1, 'float32', 7);
  const loss = () => {
    const f = net.forward(x, c);
    const l = tf.sum(tf.mul(f.y, weights));
    return f.penalty ? tf.add(l, tf.sum(f.penalty)) : l;
  };
  const auto = tf.variableGrads(loss as () => TF.Scalar, net.variables);
  const f = net.forward(x, c);
  const manual = net.backward(weights, f, c);
  net.variables.forEach((v, i) => {
    // A variable the forward did not use (the learned parity under exact parity) has no autodiff gradient: 0.
    const a = auto.grads[v.name]?.dataSync() ?? new Float32Array(v.size);
    const m = manual[i].dataSync();
    expect(relDiff(m, a), `gradient of ${v.name}`).toBeLessThan(2e-4);
  });
}

describe('CALUm', () => {
  it('computes products, quotients and powers of inputs of either sign', () => {
    const layer = new CaluM(2, 1, { units: 3, q: PRESETS.int() }, new Random(1));
    const x = tf.tensor2d([[-1.5, 2, 0.5], [3, -0.5, -2]]); // [in, B]
    // Force snapped exponents: [1, 1] (x1*x2), [1, -1] (x1/x2), [2, 0] (x1^2).
    const target = [[1, 1], [1, -1], [2, 0]];
    const logits = target.flatMap((row) => row.flatMap((e) => PRESETS.int().values.map((q) => (q === e ? 40 : 0))));
    layer.weight.logits.assign(tf.tensor(logits, layer.weight.logits.shape));
    const y = layer.forward({ t: x, shared: true }, ctx()).y.arraySync() as number[][][];
    const cols = [[-1.5, 3], [2, -0.5], [0.5, -2]];
    cols.forEach(([a, b], i) => {
      expect(y[0][0][i]).toBeCloseTo(a * b, 4);
      expect(y[0][1][i]).toBeCloseTo(a / b, 4);
      expect(y[0][2][i]).toBeCloseTo(a * a, 4);
    });
  });

  it('agrees with the talk\'s complex forward at a snapped state, with zero imaginary part', () => {
    const layer = new CaluM(3, 2, { units: 4, q: PRESETS.int() }, new Random(2));
    const x = mixedSignInput(3, 6, 3);
    const snapped = snapNetwork(new Network([layer])).snapped;
    const logits = snapped.flatMap((layers) => layers[0].weights.flat().flatMap((e) => PRESETS.int().values.map((q) => (q === e ? 40 : 0))));
    layer.weight.logits.assign(tf.tensor(logits, layer.weight.logits.shape));
    const real = layer.forward({ t: x, shared: true }, ctx()).y.dataSync();
    const c = layer.forwardComplex(x);
    expect(relDiff(c.re.dataSync(), real)).toBeLessThan(1e-4);
    expect(Math.max(...c.im.dataSync().map(Math.abs))).toBeLessThan(1e-3 * Math.max(...real.map(Math.abs)));
  });

  it('back-propagates like autodiff, with exact parity and with the learned parity', () => {
    const x = mixedSignInput(3, 8, 4);
    for (const parity of ['exact', 'learned'] as const) {
      const net = new Network([new CaluM(3, 2, { units: 4, q: PRESETS.int() }, new Random(5))]);
      compareWithAutodiff(net, x, ctx({ parity }));
    }
  });

  it('back-propagates the potential and the parity-consistency term like autodiff', () => {
    const x = mixedSignInput(3, 8, 6);
    const net = new Network([new CaluM(3, 2, { units: 4, q: PRESETS.int() }, new Random(7))]);
    compareWithAutodiff(net, x, ctx({ parity: 'learned', lambda: 0.01, consistency: 0.05 }));
  });
});

describe('CALUa', () => {
  it('computes sums and differences', () => {
    const layer = new CaluA(2, 1, { units: 1, q: PRESETS.int() }, new Random(1));
    const logits = [1, -1].flatMap((e) => PRESETS.int().values.map((q) => (q === e ? 40 : 0)));
    layer.weight.logits.assign(tf.tensor(logits, layer.weight.logits.shape));
    const y = layer.forward({ t: tf.tensor2d([[1, 2], [5, -3]]), shared: true }, ctx()).y.dataSync();
    expect(Array.from(y)).toEqual([-4, 5]);
  });

  it('carries signs through the unit phasor when Q has no negative value', () => {
    const layer = new CaluA(2, 1, { units: 1, q: parseQ('0,1,pi') }, new Random(1));
    expect(layer.weight.usePhasor).toBe(true);
    const logits = [1, Math.PI].flatMap((e) => [0, 1, Math.PI].map((q) => (q === e ? 40 : 0)));
    layer.weight.logits.assign(tf.tensor(logits, layer.weight.logits.shape));
    layer.weight.theta!.assign(tf.tensor([[[-30, 30]]])); // phases 0 and pi: signs + and -
    const snapped = snapNetwork(new Network([layer])).snapped[0];
    expect(snapped[0].weights).toEqual([[1, -Math.PI]]);
    const y = layer.forward({ t: tf.tensor2d([[2], [1]]), shared: true }, ctx()).y.dataSync();
    expect(y[0]).toBeCloseTo(2 - Math.PI, 4);
  });

  it('back-propagates like autodiff, phasor included', () => {
    const x = mixedSignInput(3, 8, 8);
    compareWithAutodiff(new Network([new CaluA(3, 2, { units: 2, q: PRESETS.int() }, new Random(9))]), x, ctx({ lambda: 0.01 }));
    compareWithAutodiff(new Network([new CaluA(3, 2, { units: 2, q: parseQ('0,1,2') }, new Random(10))]), x, ctx({ lambda: 0.01 }));
  });
});

describe('a deep stack', () => {
  it('back-propagates a -> m -> a like autodiff', () => {
    const rng = new Random(11);
    const layers: Layer[] = [
      new CaluA(3, 2, { units: 2, q: PRESETS.int() }, rng),
      new CaluM(2, 2, { units: 3, q: PRESETS.pow3() }, rng),
      new CaluA(3, 2, { units: 2, q: PRESETS.int() }, rng),
    ];
    const x = mixedSignInput(3, 8, 12);
    compareWithAutodiff(new Network(layers), x, ctx({ parity: 'learned', lambda: 0.01, consistency: 0.01 }));
  });

  it('evaluates its snapped form in float64 as the tensors do', () => {
    const rng = new Random(13);
    const net = new Network([new CaluM(2, 1, { units: 3, q: PRESETS.int() }, rng), new CaluA(3, 1, { units: 1, q: PRESETS.int() }, rng)]);
    const snapped = snapNetwork(net).snapped[0];
    const rows = [[1.5, -0.5], [-2, 0.75]];
    const expected = evaluateSnapped(snapped, rows).map((r) => r[0]);
    // The same snapped weights as one-hot logits give the same values in float32.
    for (const [li, layer] of net.layers.entries()) {
      const w = snapped[li].weights.flat();
      const qv = (layer as CaluM | CaluA).weight.q.values;
      (layer as CaluM | CaluA).weight.logits.assign(tf.tensor(w.flatMap((e) => qv.map((q) => (q === e ? 40 : 0))), (layer as CaluM).weight.logits.shape));
    }
    const y = net.forward(tf.tensor2d(rows[0].map((_, j) => rows.map((r) => r[j]))), ctx()).y.dataSync();
    expect(relDiff(y, expected)).toBeLessThan(1e-5);
  });
});
