import { describe, expect, it } from 'vitest';
import { equation, recover } from '../helpers/equations.ts';

/** The kinds of the units a network uses, in order. */
const kinds = (network: Array<{ kind: string }>) => network.map((l) => l.kind);

describe('formulas with exp, log, sin and cos', () => {
  it('recovers x1 * cos(x2 * x3), the cosine of a product, with a feature block', async () => {
    const { out, agrees } = await recover(equation('cos', 'U*cos(k*d)', 'U:1:5 k:1:5 d:1:5'), 60, { layers: '2:m 1:e+ 6:m 1:a' });
    expect(out.exact).toBe(true);
    expect(agrees).toBe(true);
    expect(out.formula).toBe('U * cos(k * d)');
    expect(kinds(out.network)).toEqual(['caluM', 'caluE', 'caluM', 'caluA']);
  });

  it('recovers x1 * exp(-x2 / x3), an exponential decay, with a feature block', async () => {
    const { out, agrees } = await recover(equation('decay', 'a*exp(-b/c)', 'a:1:5 b:1:5 c:1:5'), 60, { layers: '2:m 1:e+ 6:m 1:a' });
    expect(out.exact).toBe(true);
    expect(agrees).toBe(true);
    expect(out.formula).toBe('a * exp(-b / c)');
  });

  it('recovers x1 * log(x2 / x3) with one logarithm unit', async () => {
    const { out, agrees } = await recover(equation('log', 'n*log(V2/V1)', 'n:1:5 V1:1:5 V2:1:5'), 60, { layers: '1:l+ 6:m 1:a' });
    expect(out.exact).toBe(true);
    expect(agrees).toBe(true);
    expect(out.formula).toMatch(/^(n \* log\(V2 \/ V1\)|-n \* log\(V1 \/ V2\))$/);
    expect(out.network[0]).toMatchObject({ kind: 'caluL', join: true });
  });

  it('finds an exponential decay in the default search, after the algebraic stages', async () => {
    const { out, agrees, result } = await recover(equation('decay', 'a*exp(-b/c)', 'a:1:5 b:1:5 c:1:5'));
    expect(out.exact).toBe(true);
    expect(agrees).toBe(true);
    expect(out.formula).toBe('a * exp(-b / c)');
    // Every algebraic stage of the first round ran before the one that found it.
    const finder = result.stages.findIndex((s) => s.index === out.source!.stage);
    expect(result.stages.slice(0, finder).filter((s) => !/[el]\+/.test(s.stack)).length).toBeGreaterThanOrEqual(13);
  });

  it('finds a damped oscillation, a product over two arguments, in the default search', async () => {
    const { out, agrees } = await recover(equation('damped', 'a*exp(-t/tau)*cos(w*t)', 'a:1:5 t:1:5 tau:1:5 w:1:2'));
    expect(out.exact).toBe(true);
    expect(agrees).toBe(true);
    expect(out.formula).toBe('a * cos(t * w) * exp(-t / tau)');
  });

  it('still reads algebraic data as an algebraic formula, before any transcendental stage', async () => {
    const { out, result } = await recover(equation('I.34.8', 'q*v*B/p', 'q:1:5 v:1:5 B:1:5 p:1:5'));
    expect(out.formula).toBe('q * v * B / p');
    expect(kinds(out.network).every((k) => k === 'caluM' || k === 'caluA')).toBe(true);
    expect(result.stages.every((s) => !/[el]\+/.test(s.stack))).toBe(true);
  });
});
