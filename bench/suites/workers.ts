import { compile, parse } from 'mathjs';
import { fit } from '../../src/fit.ts';
import { initBackend } from '../../src/engine/backend.ts';
import { startPool } from '../../src/parallel/pool.ts';
import { TALK_TASKS, drawRows } from '../../src/bench/talkTasks.ts';
import { feynmanRows, readFeynman } from '../../src/bench/feynman.ts';
import type { Dataset } from '../../src/data/dataset.ts';
import { datasetOfRows, rowsOf } from '../../src/data/rows.ts';
import { checkPredictions, evaluateFormula } from '../../src/formula/verify.ts';
import { Random } from '../../src/util/random.ts';
import { machine, markdownTable, median, progress, today } from '../machine.ts';
import { FEYNMAN_DEV } from './feynman.ts';
import type { SuiteArgs, SuiteResult } from './index.ts';

/**
 * Issue #13: the same fits with 1 and with N workers, in the same run, on
 * the same data and seed: time to the exact formula, and whether it was
 * reached. Tasks are talk tasks (fresh data per seed, as the speed suite)
 * or equations of a Feynman file (by id or class, as the feynman suite).
 * For each seed the two runs go one after the other, the order swapped
 * from seed to seed, so a change of load on a shared machine falls on both.
 */
export async function workersSuite(args: SuiteArgs): Promise<SuiteResult> {
  const backend = await initBackend();
  const seeds = args.seeds ?? 5;
  const budget = args.maxSeconds ?? 120;
  const counts = [1, args.workers ?? 2];
  const jobs = [...talkJobs(args.tasks ?? ['multinomial']), ...feynmanJobs(args)];
  // The worker threads start (and load TensorFlow.js) once per process, and a first, untimed fit warms this thread up: the timed fits all split their stages.
  await startPool(counts[1], backend);
  await fit(datasetOfRows('warm-up', ['x1', 'x2'], ['y'], { x: Array.from({ length: 16 }, (_, v) => [v + 1, (v * v) % 7]), y: Array.from({ length: 16 }, (_, v) => [(v + 1) * ((v * v) % 7)]) }), { workers: counts[1], maxSeconds: 10 });
  const rows: Array<{ task: string; seed: number; workers: number; exact: boolean; seconds: number; same: boolean; formulas: string }> = [];
  for (const job of jobs) {
    for (let seed = 1; seed <= seeds; seed++) {
      const { train, check } = job.data(seed);
      const order = seed % 2 === 1 ? counts : [...counts].reverse();
      const formulas = new Map<number, string>();
      for (const workers of order) {
        const t0 = performance.now();
        const result = await fit(train, { seed, maxSeconds: budget, workers });
        const seconds = (performance.now() - t0) / 1000;
        const exact = result.outputs.every((o) => o.exact) && check(result.outputs.map((o) => o.formula), result.symbols);
        formulas.set(workers, result.outputs.map((o) => o.formula).join('; '));
        rows.push({ task: job.name, seed, workers, exact, seconds, same: true, formulas: formulas.get(workers)! });
        progress(`workers ${job.name} seed ${seed} --workers ${workers}: ${exact ? 'exact' : 'NOT exact'} in ${seconds.toFixed(2)} s`);
      }
      // Under the same seed the formulas must agree whatever the workers (unless a budget cut one short).
      const same = formulas.get(counts[0]) === formulas.get(counts[1]);
      rows.filter((r) => r.task === job.name && r.seed === seed).forEach((r) => (r.same = same));
    }
  }
  const summary = jobs.map((job) => {
    const of = (w: number) => rows.filter((r) => r.task === job.name && r.workers === w);
    const [one, many] = counts.map((w) => of(w));
    const m1 = median(one.map((r) => r.seconds));
    const mn = median(many.map((r) => r.seconds));
    return { task: job.name, seeds: one.length, exact: counts.map((w) => of(w).filter((r) => r.exact).length), medianSeconds: [m1, mn], speedup: m1 / mn, same: one.filter((r) => r.same).length };
  });
  const exactTotal = counts.map((w) => rows.filter((r) => r.workers === w && r.exact).length);
  const runs = rows.length / 2;
  const json = { suite: 'workers', machine: machine(backend), date: today(), maxSeconds: budget, seeds, workers: counts, summary, rows };
  const table = [
    `Time to the exact formula with --workers ${counts[0]} and ${counts[1]} (in-process \`fit\`, default search, budget ${budget} s, ${seeds} seed${seeds === 1 ? '' : 's'}; a run that is not exact counts with its full time):`,
    '',
    markdownTable(
      ['task', `exact (${counts[0]})`, `exact (${counts[1]})`, `median s (${counts[0]})`, `median s (${counts[1]})`, 'speed-up', 'same formulas'],
      summary.map((s) => [s.task, `${s.exact[0]}/${s.seeds}`, `${s.exact[1]}/${s.seeds}`, s.medianSeconds[0].toFixed(2), s.medianSeconds[1].toFixed(2), `${s.speedup.toFixed(2)}x`, `${s.same}/${s.seeds}`]),
    ),
    '',
    `In all: ${exactTotal[0]}/${runs} exact with ${counts[0]} worker, ${exactTotal[1]}/${runs} with ${counts[1]}.`,
  ].join('\n');
  return { json, table };
}

interface Job {
  name: string;
  /** The training data of a seed, and a check of the formulas found, independent of calu's own flag. */
  data(seed: number): { train: Dataset; check: (formulas: string[], symbols: string[]) => boolean };
}

function talkJobs(names: string[]): Job[] {
  return TALK_TASKS.filter((t) => names.includes(t.name)).map((task) => ({
    name: task.name,
    data: (seed) => {
      const rng = new Random(1000 * seed + task.name.length);
      const train = datasetOfRows(task.name, task.inputs, task.targets, drawRows(task, 'train', 1000, rng.fork()));
      const test = drawRows(task, 'test', 500, rng.fork());
      const check = (formulas: string[], symbols: string[]) =>
        formulas.every((f, k) => f !== '' && checkPredictions(evaluateFormula(parse(f), symbols, test.x), test.y.map((t) => t[k])).exact);
      return { train, check };
    },
  }));
}

/** Equations of --file (the Feynman dev set by default) named in --tasks by id or class. */
function feynmanJobs(args: SuiteArgs): Job[] {
  // Only when --tasks names more than talk tasks: the file may not be there otherwise.
  if (!args.tasks || args.tasks.every((t) => TALK_TASKS.some((k) => k.name === t))) return [];
  const file = args.file ?? FEYNMAN_DEV.pathname;
  return readFeynman(file)
    .filter((e) => args.tasks!.includes(e.id) || args.tasks!.includes(e.kind))
    .map((eq) => ({
      name: `${eq.id} (${eq.kind})`,
      data: (seed) => {
        const rng = new Random(7919 * seed + eq.id.length);
        const { x, y } = feynmanRows(eq, 'train', 1000, rng.fork());
        const train = datasetOfRows(eq.id, eq.variables.map((v) => v.name), ['y'], { x, y: y.map((v) => [v]) });
        const test = feynmanRows(eq, 'test', 500, rng.fork());
        const truth = compile(eq.formula);
        const check = ([f]: string[], symbols: string[]) => {
          if (!f) return false;
          const want = test.x.map((row) => truth.evaluate(Object.fromEntries(eq.variables.map((v, j) => [v.name, row[j]]))) as number);
          return checkPredictions(evaluateFormula(parse(f), symbols, test.x), want).exact;
        };
        return { train, check };
      },
    }));
}
