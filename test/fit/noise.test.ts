import { describe, expect, it } from 'vitest';
import { fit } from '../../src/fit.ts';
import { fromArrays } from '../../src/data/fromArrays.ts';
import { Random } from '../../src/util/random.ts';

/** 300 rows of x1, x2, x3 in [1, 3] and y = f plus SRBench's noise: Gaussian, std = level * RMS(f). */
function noisy(f: (x1: number, x2: number, x3: number) => number, level: number) {
  const rng = new Random(11);
  const cols = { x1: [] as number[], x2: [] as number[], x3: [] as number[] };
  for (let i = 0; i < 300; i++) for (const c of Object.values(cols)) c.push(rng.between(1, 3));
  const clean = cols.x1.map((_, i) => f(cols.x1[i], cols.x2[i], cols.x3[i]));
  const rms = Math.sqrt(clean.reduce((s, v) => s + v * v, 0) / clean.length);
  return fromArrays({ ...cols, y: clean.map((v) => v + level * rms * rng.normal()) }, { targets: ['y'] });
}

describe('noisy data, 1% noise, seed 1', () => {
  it('recovers a monomial with its exact coefficient, within noise, and stops once it stops improving', async () => {
    const r = await fit(noisy((a, b) => a * b, 0.01), { seed: 1, maxSeconds: 60 });
    const o = r.outputs[0];
    expect(o).toMatchObject({ formula: 'x1 * x2', exact: false, fit: 'within-noise' });
    expect(o.noise!.relative).toBeGreaterThan(0.008);
    expect(o.noise!.relative).toBeLessThan(0.012);
    expect(o.constants).toMatchObject([{ exact: '1' }]);
    // The early stop: the first stage ends short of its 500 steps, and the search with it.
    expect(r.stoppedBy).toBe('noise');
    expect(r.stages.map((s) => s.end)).toEqual(['noise']);
    expect(r.rows).toEqual({ train: 300, heldOut: 60, test: undefined });
    expect(r.candidates.find((c) => c.chosen)).toMatchObject({ formula: 'x1 * x2', withinNoise: true });
  });

  it('recovers a sum', async () => {
    const r = await fit(noisy((a, b, c) => a * b - c, 0.01), { seed: 1, maxSeconds: 60 });
    expect(r.outputs[0]).toMatchObject({ formula: 'x1 * x2 - x3', fit: 'within-noise' });
    expect(r.stoppedBy).toBe('noise');
  });

  it('recovers a quotient', async () => {
    const r = await fit(noisy((a, b) => a / b, 0.01), { seed: 1, maxSeconds: 60 });
    expect(r.outputs[0]).toMatchObject({ formula: 'x1 / x2', fit: 'within-noise' });
    expect(r.stoppedBy).toBe('noise');
  });

  it('calls a formula that misses more than the noise best-effort', async () => {
    // exp(x1) is no short sum of powers: a sum of 4 monomials misses it by far more than 0.1% noise, so the
    // search does not stop on the noise but runs its one round of the fixed stack (--steps) to the end.
    const r = await fit(noisy((a) => Math.exp(a), 0.001), { seed: 1, layers: '3 4:m 1:a', steps: 300, maxSeconds: 30 });
    expect(r.outputs[0].fit).toBe('best-effort');
    expect(r.stoppedBy).toBe('exhausted');
  });
});
