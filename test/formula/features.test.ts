import { describe, expect, it } from 'vitest';
import { augment, blockKey, featureCount, joinFeatures, splitFeatures } from '../../src/formula/features.ts';
import { readFormula } from '../../src/formula/formula.ts';
import { unitTexts } from '../../src/formula/expression.ts';
import type { SnappedLayer } from '../../src/formula/evaluate.ts';
import { Random } from '../../src/util/random.ts';
import { networkGraphs } from '../../src/export/graph.ts';

/** r F sin(theta): theta -> exp(i theta) joins the inputs, then one monomial r F Im(e). */
const sinBlock: SnappedLayer[] = [
  { kind: 'caluM', weights: [[0, 0, 1], [0, 0, 0]] },
  { kind: 'caluE', weights: [[0, 0]], imag: [[1, 0]], join: true },
];
const torque: SnappedLayer[] = [...sinBlock, { kind: 'caluM', weights: [[1, 1, 0, 0, 1]] }, { kind: 'caluA', weights: [[1.0000000000001]] }];

function rows(n: number, ranges: Array<[number, number]>, f: (v: number[]) => number, seed = 1) {
  const rng = new Random(seed);
  const x: number[][] = [];
  const y: number[][] = [];
  for (let i = 0; i < n; i++) {
    const v = ranges.map(([lo, hi]) => rng.between(lo, hi));
    x.push(v);
    y.push([f(v)]);
  }
  return { x, y, precision: y.map(() => [0]) };
}

describe('a feature block', () => {
  it('splits off and joins back, and adds its outputs to the inputs', () => {
    const { block, tail } = splitFeatures(torque);
    expect(block).toHaveLength(2);
    expect(tail).toHaveLength(2);
    expect(joinFeatures(block, tail)).toEqual(torque);
    expect(splitFeatures(tail)).toEqual({ block: [], tail });
    expect(featureCount(block)).toBe(2);
    const [row] = augment(block, [[2, 3, 0.5]]);
    expect(row.slice(0, 3)).toEqual([2, 3, 0.5]);
    expect(row[3]).toBeCloseTo(Math.cos(0.5), 15);
    expect(row[4]).toBeCloseTo(Math.sin(0.5), 15);
    expect(blockKey(block)).toBe(blockKey(JSON.parse(JSON.stringify(block))));
  });

  it('names what each unit computes', () => {
    expect(unitTexts(torque, ['r', 'F', 'theta'])).toEqual([['theta', '1'], ['cos(theta)', 'sin(theta)'], ['r * F * sin(theta)'], ['1.0000000000001 * r * F * sin(theta)']]);
  });
});

describe('reading formulas with exp, log, sin and cos', () => {
  it('reads r F sin(theta) with its refitted coefficient made exact', () => {
    const data = rows(200, [[1, 5], [1, 5], [0, 5]], ([r, F, t]) => r * F * Math.sin(t));
    const f = readFormula(torque, ['r', 'F', 'theta'], data, [true, true, false]);
    expect(f.text).toBe('r * F * sin(theta)');
    expect(f.train.exact).toBe(true);
    // The block keeps only the unit the formula reads: theta -> exp(i theta).
    expect(f.layers.slice(0, 2)).toEqual([{ kind: 'caluM', weights: [[0, 0, 1]] }, { kind: 'caluE', weights: [[0]], imag: [[1]], join: true }]);
  });

  it('writes a square of a sine of half an argument', () => {
    const data = rows(200, [[1, 5], [1, 5], [1, 5]], ([U, k, d]) => 2 * U * (1 - Math.cos(k * d)));
    const net: SnappedLayer[] = [
      { kind: 'caluM', weights: [[0, 1, 1]] },
      { kind: 'caluE', weights: [[0]], imag: [[0.5]], join: true },
      { kind: 'caluM', weights: [[1, 0, 0, 0, 2]] },
      { kind: 'caluA', weights: [[4.0000000001]] },
    ];
    const f = readFormula(net, ['U', 'k', 'd'], data, [true, true, true]);
    expect(f.text).toBe('4 * U * sin(k * d / 2)^2');
    expect(f.train.exact).toBe(true);
  });

  it('reads a fit of log y back through exp, logarithms leaving it as powers', () => {
    const data = rows(200, [[1, 5], [1, 5], [1, 5], [1, 5], [1, 5], [1, 5]], ([n0, m, x, T, g, kb]) => n0 * Math.exp((-m * g * x) / (kb * T)));
    const net: SnappedLayer[] = [
      { kind: 'caluL', weights: [[1, 0, 0, 0, 0, 0]], join: true },
      { kind: 'caluM', weights: [[0, 1, 1, -1, 1, -1, 0], [0, 0, 0, 0, 0, 0, 1]] },
      { kind: 'caluA', weights: [[-1, 1]] },
      { kind: 'fn', weights: [], fn: 'exp' },
    ];
    const f = readFormula(net, ['n_0', 'm', 'x', 'T', 'g', 'kb'], data, new Array(6).fill(true));
    expect(f.text).toBe('n_0 * exp(-m * x * g / (T * kb))');
    expect(f.train.exact).toBe(true);
  });

  it('moves a constant out of an exp, where it takes its exact form', () => {
    const data = rows(200, [[1, 3]], ([t]) => Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI));
    const net: SnappedLayer[] = [
      { kind: 'caluM', weights: [[2], [0]] },
      { kind: 'caluA', weights: [[-0.5, -0.9189385332046727]] },
      { kind: 'fn', weights: [], fn: 'exp' },
    ];
    const f = readFormula(net, ['theta'], data, [true]);
    expect(f.text).toBe('sqrt(1 / (2 * pi)) * exp(-theta^2 / 2)');
    expect(f.train.exact).toBe(true);
  });

  it('reads asin of a fitted sine', () => {
    const data = rows(200, [[0, 1], [1, 5]], ([n, t]) => Math.asin(n * Math.sin(t)));
    const net: SnappedLayer[] = [
      { kind: 'caluM', weights: [[0, 1], [0, 0]] },
      { kind: 'caluE', weights: [[0, 0]], imag: [[1, 0]], join: true },
      { kind: 'caluM', weights: [[1, 0, 0, 1]] },
      { kind: 'caluA', weights: [[1]] },
      { kind: 'fn', weights: [], fn: 'asin' },
    ];
    const f = readFormula(net, ['n', 'theta2'], data, [true, true]);
    expect(f.text).toBe('asin(n * sin(theta2))');
    expect(f.train.exact).toBe(true);
  });

  it('draws the units of a feature network, labelled by what they compute', () => {
    // Drawn from the network as read, with the units the formula does not use pruned.
    const read = readFormula(torque, ['r', 'F', 'theta'], rows(50, [[1, 5], [1, 5], [0, 5]], ([r, F, t]) => r * F * Math.sin(t)), [true, true, false]);
    const [graph] = networkGraphs({ symbols: ['r', 'F', 'theta'], outputs: [{ target: 'tau', formula: read.text, network: read.layers }] });
    expect(graph.shape).toBe('m → e → m → a');
    expect(graph.columns.map((c) => c.nodes.map((n) => n.label))).toEqual([['r', 'F', 'θ'], ['θ'], ['sin(θ)', 'cos(θ)'], ['r·F·sin(θ)'], ['tau']]);
    expect(graph.edges.find((e) => e.to === graph.columns[2].nodes[0].id)?.label).toBe('i');
  });
});
