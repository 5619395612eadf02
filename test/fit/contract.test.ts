import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { fit } from '../../src/fit.ts';
import { initBackend } from '../../src/engine/backend.ts';
import { toJson, stringify } from '../../src/export/json.ts';
import type { FitEvent } from '../../src/train/events.ts';
import { sample } from '../helpers/samples.ts';

describe('a fit', () => {
  it('gives the same formulas, byte for byte, for the same data and seed', async () => {
    const { train } = sample('lorentz');
    const a = await fit(train, { seed: 11, maxSeconds: 200 });
    const b = await fit(train, { seed: 11, maxSeconds: 200 });
    const formulas = (r: typeof a) => stringify(r.outputs.map((o) => [o.formula, o.latex, o.expression, o.network, o.source]));
    expect(formulas(a)).toBe(formulas(b));
    expect(stringify(a.candidates)).toBe(stringify(b.candidates));
  });

  it('leaks no tensors', async () => {
    await initBackend();
    const { train } = sample('mul');
    await fit(train, { seed: 1, maxSeconds: 100 }); // the first fit may build kernels and caches
    const before = tf.memory().numTensors;
    await fit(train, { seed: 2, maxSeconds: 100 });
    await fit(sample('multinomial').train, { seed: 2, maxSeconds: 100 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports its progress as events: start, stage, progress, candidate, done', async () => {
    const events: FitEvent[] = [];
    await fit(sample('add').train, { seed: 1, onEvent: (e) => events.push(e) });
    const types = new Set(events.map((e) => e.type));
    expect([...types].sort()).toEqual(['candidate', 'done', 'progress', 'stage', 'start']);
    expect(events[0].type).toBe('start');
    expect(events.at(-1)).toMatchObject({ type: 'done', exact: true, stoppedBy: 'solved' });
    expect(events.filter((e) => e.type === 'candidate' && e.exact).map((e) => (e as { formula: string }).formula)).toContain('x1 + x2');
  });

  it('returns the best candidate, marked not exact, when the time runs out', async () => {
    const { train } = sample('multinomial');
    const result = await fit(train, { seed: 1, maxSeconds: 0.5, layers: '5:m 4:a' });
    expect(result.stoppedBy).toBe('time');
    expect(result.outputs.some((o) => !o.exact)).toBe(true);
    for (const o of result.outputs) if (o.formula) expect(o.metrics.train.rows).toBe(train.rows);
  });

  it('stops when asked and keeps the best formula so far', async () => {
    let steps = 0;
    const result = await fit(sample('lorentz').train, {
      seed: 1,
      onEvent: (e) => {
        if (e.type === 'progress') steps = e.step;
      },
      shouldStop: () => steps >= 20,
    });
    expect(result.stoppedBy).toBe('stopped');
    expect(result.outputs).toHaveLength(3);
  });

  it('fills the JSON contract', async () => {
    const { train, test } = sample('mul');
    const json = JSON.parse(stringify(toJson(await fit(train, { seed: 3, test }))));
    expect(json.inputs).toEqual(['x1', 'x2']);
    expect(json.seed).toBe(3);
    expect(typeof json.seconds).toBe('number');
    expect(json.outputs[0]).toMatchObject({ target: 'y', formula: 'x1 * x2', latex: 'x_{1} x_{2}', exact: true });
    expect(json.outputs[0].metrics.train).toMatchObject({ mse: 0, maxAbsError: 0 });
    expect(json.outputs[0].metrics.test).toMatchObject({ mse: 0, maxAbsError: 0 });
    expect(json.outputs[0].expression.mathjs).toBe('OperatorNode');
    expect(json.candidates.some((c: { chosen: boolean }) => c.chosen)).toBe(true);
  });
});
