import { beforeAll, describe, expect, it } from 'vitest';
import type * as TF from '@tensorflow/tfjs';
import { backend, relDiff } from '../helpers/backend.ts';
import { CaluE } from '../../src/calu/caluE.ts';
import { CaluL } from '../../src/calu/caluL.ts';
import { CaluM } from '../../src/calu/caluM.ts';
import { CaluA } from '../../src/calu/caluA.ts';
import { WithInputs } from '../../src/calu/withInputs.ts';
import { defaultComplexQ, parseComplexQ } from '../../src/calu/complexQ.ts';
import { Network } from '../../src/engine/network.ts';
import { PRESETS } from '../../src/calu/qset.ts';
import { Random } from '../../src/util/random.ts';
import type { StepContext } from '../../src/engine/layer.ts';

let tf: typeof TF;
beforeAll(async () => {
  tf = await backend();
});

const ctx = (over: Partial<StepContext> = {}): StepContext => ({ step: 0, totalSteps: 100, lambda: 0, parity: 'exact', consistency: 0, ...over });

function positiveInput(rows: number, cols: number, seed: number): TF.Tensor2D {
  const rng = new Random(seed);
  return tf.tensor2d(Array.from({ length: rows * cols }, () => rng.between(0.5, 2)), [rows, cols]);
}

function compareWithAutodiff(net: Network, x: TF.Tensor, c: StepContext) {
  const weights = tf.randomNormal([net.restarts, net.outputSize, x.shape[1]!], 0, 1, 'float32', 7);
  const loss = () => {
    const f = net.forward(x, c, true);
    const l = tf.sum(tf.mul(f.y, weights));
    return f.penalty ? tf.add(l, tf.sum(f.penalty)) : l;
  };
  const auto = tf.variableGrads(loss as () => TF.Scalar, net.variables);
  const f = net.forward(x, c, true);
  const manual = net.backward(weights, f, c);
  net.variables.forEach((v, i) => {
    const a = auto.grads[v.name]?.dataSync() ?? new Float32Array(v.size);
    expect(relDiff(manual[i].dataSync(), a), `gradient of ${v.name}`).toBeLessThan(2e-4);
  });
}

/** Logits that put every weight of a layer on the given value of its Q. */
function oneHot(values: readonly number[], target: number[]): number[] {
  return target.flatMap((t) => values.map((q) => (q === t ? 40 : 0)));
}

describe('complex Q', () => {
  it('reads values on both axes, with pi and e', () => {
    const q = parseComplexQ('0,1,-1,i,-i,2i,pi*i,-0.5');
    expect(q.re).toEqual([0, 1, -1, 0, 0, 0, 0, -0.5]);
    expect(q.im).toEqual([0, 0, 0, 1, -1, 2, Math.PI, 0]);
    expect(defaultComplexQ().re.length).toBe(13);
    expect(() => parseComplexQ('1,1')).toThrow(/twice/);
    expect(() => parseComplexQ('1,x')).toThrow(/not a number/);
  });

  it('divides by what follows a slash, so 1/(2 pi) is a value (h = 2 pi h-bar)', () => {
    const q = parseComplexQ('0,0.5/pi,-0.5/pi,2/pi*i,pi');
    expect(q.re).toEqual([0, 0.5 / Math.PI, -0.5 / Math.PI, 0, Math.PI]);
    expect(q.im).toEqual([0, 0, 0, 2 / Math.PI, 0]);
    expect(q.names).toEqual(['0', '0.5/pi', '-0.5/pi', '2/pi*i', 'pi']);
    expect(() => parseComplexQ('0,1/0')).toThrow(/not a number/);
  });
});

describe('CALUe', () => {
  it('gives exp(z) on the real axis and cos, sin on the imaginary axis', () => {
    const q = defaultComplexQ();
    const layer = new CaluE(1, 1, { units: 3, q }, new Random(1));
    // Unit 0: exp(-z); unit 1: exp(i z); unit 2: exp(2i z).
    const pick = (a: number, b: number) => q.re.map((r, k) => (r === a && q.im[k] === b ? 40 : 0));
    layer.weight.logits.assign(tf.tensor([...pick(-1, 0), ...pick(0, 1), ...pick(0, 2)], layer.weight.logits.shape));
    const z = [0.3, 1.7];
    const y = layer.forward({ t: tf.tensor2d([z]), shared: true }, ctx()).y.arraySync() as number[][][];
    z.forEach((v, b) => {
      expect(y[0][0][b]).toBeCloseTo(Math.exp(-v), 5);
      expect(y[0][1][b]).toBeCloseTo(Math.cos(v), 5);
      expect(y[0][2][b]).toBeCloseTo(Math.cos(2 * v), 5);
      expect(y[0][3][b]).toBeCloseTo(0, 5);
      expect(y[0][4][b]).toBeCloseTo(Math.sin(v), 5);
      expect(y[0][5][b]).toBeCloseTo(Math.sin(2 * v), 5);
    });
  });

  it('back-propagates like autodiff, potential included', () => {
    const x = positiveInput(3, 8, 2);
    const net = new Network([new CaluM(3, 2, { units: 2, q: PRESETS.int() }, new Random(3)), new CaluE(2, 2, { units: 3, q: defaultComplexQ() }, new Random(4))]);
    compareWithAutodiff(net, x, ctx({ lambda: 0.01 }));
  });
});

describe('CALUl', () => {
  it('gives sums of logarithms of its inputs', () => {
    const layer = new CaluL(2, 1, { units: 1, q: PRESETS.int() }, new Random(1));
    layer.weight.logits.assign(tf.tensor(oneHot(PRESETS.int().values, [-1, 1]), layer.weight.logits.shape));
    const y = layer.forward({ t: tf.tensor2d([[2, 3], [5, 1.5]]), shared: true }, ctx()).y.dataSync();
    expect(y[0]).toBeCloseTo(Math.log(5 / 2), 5);
    expect(y[1]).toBeCloseTo(Math.log(1.5 / 3), 5);
  });

  it('back-propagates like autodiff', () => {
    const x = positiveInput(3, 8, 5);
    const net = new Network([new CaluM(3, 2, { units: 2, q: PRESETS.int() }, new Random(6)), new CaluL(2, 2, { units: 2, q: PRESETS.int() }, new Random(7))]);
    compareWithAutodiff(net, x, ctx({ lambda: 0.01 }));
  });
});

describe('a block whose outputs join the inputs', () => {
  it('puts [x; f(x)] side by side', () => {
    const x = positiveInput(2, 4, 8);
    const block = new WithInputs(2, [new CaluL(2, 1, { units: 1, q: PRESETS.int() }, new Random(9))]);
    const y = block.forward({ t: x, shared: true }, ctx()).y.arraySync() as number[][][];
    const xs = x.arraySync();
    expect(y[0].length).toBe(3);
    expect(y[0][0]).toEqual(xs[0].map((v) => Math.fround(v)));
    expect(y[0][1]).toEqual(xs[1].map((v) => Math.fround(v)));
  });

  it('back-propagates m -> e+ -> m -> a like autodiff, with the learned parity', () => {
    const rng = new Random(10);
    const x = positiveInput(3, 8, 11);
    const block = new WithInputs(3, [new CaluM(3, 2, { units: 2, q: PRESETS.int() }, rng), new CaluE(2, 2, { units: 2, q: defaultComplexQ() }, rng)]);
    const net = new Network([block, new CaluM(7, 2, { units: 3, q: PRESETS.int() }, rng), new CaluA(3, 2, { units: 1, q: PRESETS.int() }, rng)]);
    compareWithAutodiff(net, x, ctx({ parity: 'learned', lambda: 0.01, consistency: 0.01 }));
  });
});

describe('stacks with exponential and logarithm units', () => {
  it('reads the notation: kinds e and l, a complex Q, and + for a feature block', async () => {
    const { parseStack, describeStack } = await import('../../src/calu/stack.ts');
    const spec = parseStack('3 2:m 1:e[0,1,-1,i,-i]+ 4:m 1:a');
    expect(spec.layers.map((l) => [l.kind, l.units, l.join ?? false])).toEqual([
      ['caluM', 2, false],
      ['caluE', 1, true],
      ['caluM', 4, false],
      ['caluA', 1, false],
    ]);
    expect(spec.layers[1].cq?.im).toEqual([0, 0, 0, 1, -1]);
    expect(describeStack(spec)).toBe('3 2:m 1:e[0,1,-1,i,-i]+ 4:m 1:a');
    expect(parseStack('2:l+ 3:m 1:a').layers[0]).toMatchObject({ kind: 'caluL', join: true });
    expect(() => parseStack('2:e+ 1:l+ 1:a')).toThrow(/one feature block/);
    expect(() => parseStack('2:m 1:e+')).toThrow(/must follow/);
  });

  it('evaluates its snapped form in float64 as the tensors do', async () => {
    const { buildNetwork, parseStack } = await import('../../src/calu/stack.ts');
    const { snapNetwork } = await import('../../src/formula/snap.ts');
    const { evaluateSnapped } = await import('../../src/formula/evaluate.ts');
    const net = buildNetwork(parseStack('2:m 2:e+ 3:m 1:a'), 3, 2, PRESETS.int(), new Random(21));
    const rows = [[1.2, 0.7, 1.9], [0.6, 1.4, 1.1], [1.8, 1.3, 0.5]];
    // One-hot logits on the snapped values make the tensors compute exactly the snapped network.
    const reading = snapNetwork(net);
    const block = net.layers[0] as WithInputs;
    const [m1, e] = block.inner as [CaluM, CaluE];
    const layers = [m1, e, net.layers[1] as CaluM, net.layers[2] as CaluA];
    reading.snapped.forEach((snapped, r) => {
      layers.forEach((layer, li) => {
        const s = snapped[li];
        if (layer instanceof CaluE) {
          s.weights.forEach((row, o) => row.forEach((v, i) => layer.weight.startAt(r, o, i, [v, s.imag![o][i]], 40)));
          return;
        }
        const w = (layer as CaluM).weight;
        const data = w.logits.dataSync().slice();
        const K = w.q.values.length;
        s.weights.flat().forEach((v, idx) => {
          for (let k = 0; k < K; k++) data[(r * s.weights.flat().length + idx) * K + k] = w.q.values[k] === v ? 40 : 0;
        });
        w.logits.assign(tf.tensor(data, w.logits.shape));
      });
    });
    const again = snapNetwork(net).snapped;
    expect(again).toEqual(reading.snapped);
    expect(again[0][1].join).toBe(true);
    const x = tf.tensor2d(rows[0].map((_, j) => rows.map((row) => row[j])));
    const y = net.forward(x, ctx(), true).y.arraySync() as number[][][];
    again.forEach((snapped, r) => {
      const want = evaluateSnapped(snapped, rows).map((o) => o[0]);
      expect(relDiff(y[r][0], want)).toBeLessThan(1e-4);
    });
  });
});
