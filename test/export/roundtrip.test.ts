import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/data/rows.ts';
import fc from 'fast-check';
import { create, all, parse, type MathNode } from 'mathjs';
import katex from 'katex';
import { outputText } from '../../src/formula/expression.ts';
import { toLatex, symbolLatex } from '../../src/export/latex.ts';
import type { SnappedLayer } from '../../src/formula/evaluate.ts';
import { fit } from '../../src/fit.ts';
import { predict, saveModel, loadModel } from '../../src/model.ts';
import { sample } from '../helpers/samples.ts';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const math = create(all);
const NAMES = ['x1', 'p0', 'omega_0', 'm', 'Ef', 'n_rho'];

/** Random snapped m -> a networks (and a -> m -> a ones), as training can leave them. */
const network = fc.oneof(
  fc.record({
    m: fc.array(fc.array(fc.constantFrom(-2, -1, 0, 0, 1, 2, 0.5), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }),
    a: fc.array(fc.constantFrom(-2, -1, 0, 1, 2, 0.5, 1 / (4 * Math.PI)), { minLength: 5, maxLength: 5 }),
  }).map(({ m, a }): SnappedLayer[] => [{ kind: 'caluM', weights: m }, { kind: 'caluA', weights: [a.slice(0, m.length)] }]),
  fc.record({
    inner: fc.array(fc.array(fc.constantFrom(-1, 0, 1, 2), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 2 }),
    pow: fc.array(fc.array(fc.constantFrom(0, 1, 2, 3, -1), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 2 }),
    out: fc.array(fc.constantFrom(-1, 1, 2), { minLength: 2, maxLength: 2 }),
  }).map(({ inner, pow, out }): SnappedLayer[] => [
    { kind: 'caluA', weights: inner },
    { kind: 'caluM', weights: pow },
    { kind: 'caluA', weights: [out.slice(0, pow.length)] },
  ]),
);

describe('every export comes from the one formula tree', () => {
  it('the text parses back to the same tree', () => {
    fc.assert(
      fc.property(network, fc.shuffledSubarray(NAMES, { minLength: 3, maxLength: 3 }), (layers, names) => {
        const node = parse(outputText(layers, 0, names));
        expect(parse(node.toString()).equals(node)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('katex accepts the LaTeX', () => {
    fc.assert(
      fc.property(network, fc.shuffledSubarray(NAMES, { minLength: 3, maxLength: 3 }), (layers, names) => {
        const tex = toLatex(parse(outputText(layers, 0, names)));
        expect(() => katex.renderToString(tex, { throwOnError: true, output: 'html' })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('the JSON revives to the same tree', () => {
    fc.assert(
      fc.property(network, (layers) => {
        const node = parse(outputText(layers, 0, ['a', 'b', 'c']));
        const back = JSON.parse(JSON.stringify(node), math.reviver) as MathNode;
        expect(back.equals(node)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('writes indexed names with subscripts', () => {
    expect(symbolLatex('p0')).toBe('p_{0}');
    expect(symbolLatex('omega_0')).toBe('\\omega_{0}');
    expect(symbolLatex('n_rho')).toBe('n_{\\rho}');
    expect(symbolLatex('Ef')).toBe('\\mathit{Ef}');
    expect(toLatex(parse('p0^2 - p1^2'))).toBe('p_{0}^{2}-p_{1}^{2}');
  });
});

describe('a saved model', () => {
  it('loads back and predicts exactly what the fitted result predicts', async () => {
    const { train, test } = sample('multinomial');
    const result = await fit(train, { seed: 3, test });
    const path = join(mkdtempSync(join(tmpdir(), 'calu-model-')), 'model.json');
    saveModel(result, path);
    const loaded = loadModel(path);
    expect(loaded.outputs.map((o) => o.formula)).toEqual(result.outputs.map((o) => o.formula));
    const rows = rowsOf(test);
    const a = predict(result, rows.x);
    const b = predict(loaded, rows.x);
    expect(b).toEqual(a);
    a.forEach((row, i) => row.forEach((v, k) => expect(Math.abs(v - rows.y[i][k])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(rows.y[i][k])))));
  });

  it('refuses a file that is not a calu model', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calu-model-'));
    expect(() => loadModel(join(dir, 'none.json'))).toThrow(`${join(dir, 'none.json')}: no such file`);
  });
});
