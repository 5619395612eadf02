import { initBackend } from '../../src/engine/backend.ts';
import { restartRate, type RateExperiment } from '../restartRate.ts';
import { machine, markdownTable, progress, today } from '../machine.ts';
import type { SuiteArgs, SuiteResult } from './index.ts';

/**
 * The measurements behind docs/RECIPE.md: how often a single restart
 * reaches an exact formula, read by rounding or by refit, and when pooling
 * every restart's monomials does, for the cases that shaped the search.
 */
const EXPERIMENTS: RateExperiment[] = [
  { name: 'x1*x2, both signs', formula: 'x1*x2', variables: 'x1:-2:2 x2:-2:2', layers: '5:m 1:a', steps: 2000, restarts: 64, batch: 256 },
  { name: 'x1/x2, both signs', formula: 'x1/x2', variables: 'x1:-2:2 x2:-2:2', layers: '5:m 1:a', steps: 2000, restarts: 64, batch: 256 },
  { name: 'I/(2 pi eps c^2 r), narrow', formula: 'I/(2*pi*epsilon*c^2*r)', variables: 'epsilon:1:5 c:1:5 I:1:5 r:1:5', layers: '4:m 1:a', steps: 1000, restarts: 64 },
  { name: 'I/(2 pi eps c^2 r), wide', formula: 'I/(2*pi*epsilon*c^2*r)', variables: 'epsilon:1:5 c:1:5 I:1:5 r:1:5', layers: '18:m 1:a', steps: 1000, restarts: 48 },
  { name: 'quadratic, x in [-2,2]', formula: 'x1^2+x2^2+x3^2-2*x1*x2+3*x1*x3', variables: 'x1:-2:2 x2:-2:2 x3:-2:2', layers: '14:m 1:a', steps: 2000, restarts: 48 },
  { name: 'quadratic, x in [0,2]', formula: 'x1^2+x2^2+x3^2-2*x1*x2+3*x1*x3', variables: 'x1:0:2 x2:0:2 x3:0:2', layers: '14:m 1:a', steps: 2000, restarts: 48 },
  { name: 'quadratic, x in [1,5]', formula: 'x1^2+x2^2+x3^2-2*x1*x2+3*x1*x3', variables: 'x1:1:5 x2:1:5 x3:1:5', layers: '14:m 1:a', steps: 2000, restarts: 48 },
  { name: '1 - v^2/c^2, v in [1,5], c in [1,5]', formula: '1-v^2/c^2', variables: 'v:1:5 c:1:5', layers: '4:m 1:a', steps: 1000, restarts: 64 },
  { name: '1 - v^2/c^2, v in [1,2], c in [3,10]', formula: '1-v^2/c^2', variables: 'v:1:2 c:3:10', layers: '4:m 1:a', steps: 1000, restarts: 64 },
  { name: '(1 - v^2/c^2)/m0^2 (I.10.7 as y^-2)', formula: '(1-v^2/c^2)/m_0^2', variables: 'm_0:1:5 v:1:2 c:3:10', layers: '4:m 1:a', steps: 2000, restarts: 64 },
];

export async function recipeSuite(args: SuiteArgs): Promise<SuiteResult> {
  const backend = await initBackend();
  const chosen = args.tasks ? EXPERIMENTS.filter((e) => args.tasks!.some((t) => e.name.includes(t))) : EXPERIMENTS;
  const results = chosen.map((e) => {
    const t0 = performance.now();
    const r = restartRate(args.quick ? { ...e, steps: Math.min(e.steps, 300) } : e);
    progress(`recipe ${e.name}: refit ${r.refit}/${r.restarts}, pool at ${r.poolStep ?? '-'} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    return r;
  });
  const table = markdownTable(
    ['case', 'stack', 'steps', 'restarts exact (round)', 'restarts exact (refit)', 'median step', 'pooled: exact at step'],
    results.map((r) => [r.name, `\`${r.layers}\``, r.steps, `${r.round}/${r.restarts}`, `${r.refit}/${r.restarts}`, r.medianStep ?? '-', r.poolStep ?? 'never']),
  );
  return { json: { suite: 'recipe', machine: machine(backend), date: today(), results }, table };
}
