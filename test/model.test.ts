import { describe, expect, it } from 'vitest';
import { rowsOf } from '../src/data/rows.ts';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fit } from '../src/fit.ts';
import { loadModel, predict, saveModel } from '../src/model.ts';
import { sample } from './helpers/samples.ts';

describe('a saved model', () => {
  it('loads back as everything --save wrote, candidate table included, and predicts as the fit does', async () => {
    const { train, test } = sample('div');
    const result = await fit(train, { seed: 2, test });
    const path = join(mkdtempSync(join(tmpdir(), 'calu-model-')), 'm.json');
    saveModel(result, path);
    const model = loadModel(path);
    expect(model).toEqual(JSON.parse(readFileSync(path, 'utf8')));
    expect(Object.keys(model).sort()).toEqual(['backend', 'calu', 'candidates', 'inputs', 'outputs', 'rows', 'seconds', 'seed', 'stages', 'stoppedBy', 'symbols']);
    expect(model.candidates.length).toBeGreaterThan(0);
    expect(model.candidates.filter((c) => c.chosen).map((c) => c.formula)).toEqual(['x1 / x2']);
    expect(model.outputs[0]).toMatchObject({ target: 'y', formula: 'x1 / x2', latex: '\\frac{x_{1}}{x_{2}}', exact: true, complexity: result.outputs[0].complexity });
    expect(model.outputs[0].metrics.test?.rows).toBe(test.rows);
    expect(model.stages.map((s) => s.stack)).toEqual(result.stages.map((s) => s.stack));
    const { x } = rowsOf(test);
    expect(predict(model, x)).toEqual(predict(result, x));
  });
});
