import { compile, parse } from 'mathjs';
import { fit } from '../../src/fit.ts';
import { startPool } from '../../src/parallel/pool.ts';
import { initBackend } from '../../src/engine/backend.ts';
import { feynmanRows, readFeynman, type FeynmanEquation } from '../../src/bench/feynman.ts';
import type { Dataset } from '../../src/data/dataset.ts';
import { datasetOfRows, rowsOf } from '../../src/data/rows.ts';
import { checkPredictions, evaluateFormula } from '../../src/formula/verify.ts';
import { Random } from '../../src/util/random.ts';
import { machine, markdownTable, median, progress, today } from '../machine.ts';
import type { SuiteArgs, SuiteResult } from './index.ts';
import { feynmanNoiseSuite } from './feynmanNoise.ts';

/** The development set the issue names; `--file` points the suite at another (e.g. bench/data/feynman-heldout.tsv). */
export const FEYNMAN_DEV = new URL('../../../shared/benchmarks/feynman-dev.tsv', import.meta.url);
const CLASSES = ['A', 'B', 'C', 'D-sum', 'T'];

/**
 * Issue #5: the full default fit on every equation of a Feynman file, with
 * training data inside the given ranges and test data just beyond them.
 * An equation is recovered when calu marks its formula exact and the
 * formula, evaluated in float64, agrees with the true one on every test
 * row at rounding level (checked here independently of calu's own flag).
 */
export async function feynmanSuite(args: SuiteArgs): Promise<SuiteResult> {
  const file = args.file ?? FEYNMAN_DEV;
  if (args.noise) return feynmanNoiseSuite({ ...args, file: typeof file === 'string' ? file : file.pathname, levels: args.noise });
  const backend = await initBackend();
  const all = readFeynman(typeof file === 'string' ? file : file.pathname);
  const equations = args.tasks ? all.filter((e) => args.tasks!.includes(e.id) || args.tasks!.includes(e.kind)) : all;
  const budget = args.maxSeconds ?? 60;
  const seeds = args.seeds ?? 1;
  // The pool's threads start once for the run, as in a process that fits many files: until they have, stages train whole.
  if ((args.workers ?? 1) > 1) await startPool(args.workers!, backend);
  const rows: Array<{ id: string; kind: string; seed: number; recovered: boolean; flagged: boolean; seconds: number; featureSeconds: number; stage: string; formula: string; truth: string }> = [];
  for (const eq of equations) {
    for (let seed = 1; seed <= seeds; seed++) {
      const rng = new Random(7919 * seed + eq.id.length);
      const train = dataset(eq, 'train', args.quick ? 300 : 1000, rng.fork());
      const test = dataset(eq, 'test', args.quick ? 200 : 500, rng.fork());
      const t0 = performance.now();
      const result = await fit(train, { seed, test, maxSeconds: budget, workers: args.workers });
      const seconds = (performance.now() - t0) / 1000;
      const out = result.outputs[0];
      const recovered = out.exact && agreesOnTest(out.formula, result.symbols, eq, test);
      // Time in the stages with exp, log, sin and cos units (a feature block, `e+` or `l+`): what algebraic data pays for them.
      const featureSeconds = result.stages.filter((s) => /[el]\+/.test(s.stack)).reduce((t, s) => t + s.seconds, 0);
      const stage = out.source?.stack ?? '';
      rows.push({ id: eq.id, kind: eq.kind, seed, recovered, flagged: out.exact, seconds, featureSeconds, stage, formula: out.formula, truth: eq.formula });
      progress(`feynman ${eq.id} (${eq.kind}) seed ${seed}: ${recovered ? 'recovered' : 'NOT recovered'} in ${seconds.toFixed(1)} s: ${out.formula.slice(0, 100)}`);
    }
  }
  const classes = CLASSES.map((kind) => {
    const mine = rows.filter((r) => r.kind === kind);
    const times = mine.map((r) => r.seconds);
    return { kind, runs: mine.length, recovered: mine.filter((r) => r.recovered).length, medianSeconds: median(times), worstSeconds: times.length ? Math.max(...times) : NaN };
  }).filter((c) => c.runs > 0);
  const json = { suite: 'feynman', workers: args.workers ?? 1, file: String(typeof file === 'string' ? file : file.pathname), machine: machine(backend), date: today(), maxSeconds: budget, seeds, classes, rows };
  const table = [
    `Recovery per class (budget ${budget} s per fit, ${seeds} seed${seeds === 1 ? '' : 's'}, ${args.workers ?? 1} worker${(args.workers ?? 1) === 1 ? '' : 's'}):`,
    '',
    markdownTable(
      ['class', 'recovered', 'rate', 'median s', 'worst s'],
      classes.map((c) => [c.kind, `${c.recovered}/${c.runs}`, `${Math.round((100 * c.recovered) / c.runs)}%`, c.medianSeconds.toFixed(1), c.worstSeconds.toFixed(1)]),
    ),
    '',
    'Per equation:',
    '',
    markdownTable(
      ['id', 'class', 'recovered', 's', 'of which transcendental stages, s', 'formula found'],
      rows.map((r) => [r.id, r.kind, r.recovered ? 'yes' : 'no', r.seconds.toFixed(1), r.featureSeconds.toFixed(1), `\`${r.formula.length > 90 ? `${r.formula.slice(0, 87)}...` : r.formula}\``]),
    ),
  ].join('\n');
  return { json, table };
}

function dataset(eq: FeynmanEquation, range: 'train' | 'test', n: number, rng: Random): Dataset {
  const { x, y } = feynmanRows(eq, range, n, rng);
  return datasetOfRows(eq.id, eq.variables.map((v) => v.name), ['y'], { x, y: y.map((v) => [v]) });
}

/** The found formula against the true one on the test rows, in float64. */
function agreesOnTest(formula: string, symbols: string[], eq: FeynmanEquation, test: Dataset): boolean {
  if (!formula) return false;
  const truth = compile(eq.formula);
  const { x } = rowsOf(test);
  const want = x.map((row) => truth.evaluate(Object.fromEntries(eq.variables.map((v, j) => [v.name, row[j]]))) as number);
  const got = evaluateFormula(parse(formula), symbols, x);
  return checkPredictions(got, want).exact;
}
