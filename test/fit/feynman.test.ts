import { describe, expect, it } from 'vitest';
import { datasetOfRows } from '../../src/data/rows.ts';
import { fit } from '../../src/fit.ts';
import { printedPrecision } from '../../src/data/dataset.ts';
import { Random } from '../../src/util/random.ts';
import { equation, recover } from '../helpers/equations.ts';

describe('formulas beyond sums of monomials', () => {
  it('recovers m0/sqrt(1 - v^2/c^2) with a deep stack', async () => {
    const { out, agrees } = await recover(equation('I.10.7', 'm_0/sqrt(1-v^2/c^2)', 'm_0:1:5 v:1:2 c:3:10'));
    expect(out.exact).toBe(true);
    expect(agrees).toBe(true);
    expect(out.formula).toBe('m_0 / sqrt(1 - v^2 / c^2)');
    // The network behind it is a deep stack: m -> a -> m -> a.
    expect(out.network.map((l) => l.kind)).toEqual(['caluM', 'caluA', 'caluM', 'caluA']);
  });

  it('recovers a quotient of sums', async () => {
    const { out, agrees } = await recover(equation('I.18.4', '(m1*r1+m2*r2)/(m1+m2)', 'm1:1:5 m2:1:5 r1:1:5 r2:1:5'));
    expect(out.exact).toBe(true);
    expect(agrees).toBe(true);
    expect(out.formula).toBe('(m1 * r1 + m2 * r2) / (m1 + m2)');
  });

  it('prints exact constants such as 1/(4 pi)', async () => {
    const { out, agrees } = await recover(equation('II.4.23', 'q/(4*pi*epsilon*r)', 'q:1:5 epsilon:1:5 r:1:5'));
    expect(out.exact).toBe(true);
    expect(agrees).toBe(true);
    expect(out.formula).toBe('q / (4 * pi * epsilon * r)');
    expect(out.latex).toBe('\\frac{q}{4 \\pi \\epsilon r}');
  });

  it('finds a small term beside a large one', async () => {
    const { out, agrees } = await recover(equation('small', '8*pi*G*rho/3 - alpha*c^2/d^2', 'G:1:3 rho:1:3 alpha:1:2 c:1:2 d:1:3'));
    expect(out.exact).toBe(true);
    expect(agrees).toBe(true);
    expect(out.formula).toBe('8 * pi * G * rho / 3 - alpha * c^2 / d^2');
  });

  it('proves a formula on data written to six significant digits, to that precision', async () => {
    const rng = new Random(4);
    const rows = Array.from({ length: 300 }, () => [1, 2, 3].map(() => Math.round(rng.between(1, 5) * 1000) / 1000));
    const text = rows.map(([a, b, c]) => ((a * b) / (4 * Math.PI * c)).toPrecision(6));
    const train = datasetOfRows('rounded', ['a', 'b', 'c'], ['y'], { x: rows, y: text.map((t) => [Number(t)]), precision: text.map((t) => [printedPrecision(t)]) });
    const result = await fit(train, { seed: 1, maxSeconds: 60 });
    expect(result.outputs[0].formula).toBe('a * b / (4 * pi * c)');
    expect(result.outputs[0].exact).toBe(true);
    // Exact to the data's precision only: the error is at the sixth digit, not at float64 rounding.
    expect(result.outputs[0].metrics.train.maxRelError).toBeGreaterThan(1e-7);
  });

  it('lists the chosen formula and rejected candidates in its candidate table', async () => {
    const { result, out } = await recover(equation('I.34.1', 'omega_0/(1-v/c)', 'c:3:10 v:1:2 omega_0:1:5'));
    const rows = result.candidates.filter((c) => c.target === 'y');
    expect(rows.filter((c) => c.chosen).map((c) => c.formula)).toEqual([out.formula]);
    expect(rows.some((c) => !c.chosen && !c.exact)).toBe(true);
    for (const c of rows) expect(c.complexity).toBeGreaterThan(0);
  });
});
