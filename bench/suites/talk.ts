import { TALK_TASKS, drawRows, type TalkTask } from '../../src/bench/talkTasks.ts';
import { initBackend } from '../../src/engine/backend.ts';
import { Random } from '../../src/util/random.ts';
import { runBaseline, type RowSet } from '../baselineRun.ts';
import { runCalu } from '../caluRun.ts';
import { machine, markdownTable, progress, today } from '../machine.ts';
import { summarize, type Summary } from '../rows.ts';
import { orderOfMagnitude, sci } from '../stats.ts';
import { talkSolution } from '../talkSolutions.ts';
import { EPSILON, solutionThreshold } from '../threshold.ts';
import { TALK_MODELS, TALK_PUBLISHED, talkRecipe, talkStack, type TalkModel } from '../talkModels.ts';
import type { SuiteArgs, SuiteResult } from './index.ts';

/**
 * Training steps per baseline run. The budget that keeps `--seeds 3` under
 * 45 minutes on 2 cores: the MLPs cost ~10-20 ms a step (batched 100x100
 * matMuls on wasm), the arithmetic units ~1-3 ms. Schedules of the
 * regularisers scale with the run (src/baselines/recipes.ts).
 */
const MLP_STEPS = 3000;
const UNIT_STEPS = 10000;
const BATCH = 128;
const ROWS = 1000;
const CHECKPOINTS = 20;

interface TalkRow extends Summary {
  task: string;
  model: TalkModel;
  seconds: number;
  stack: string;
  steps: number | null;
  threshold: number;
  perSeed: object[];
}

/**
 * The talk's tables, rerun: every talk task against every model. One data
 * draw per task (1000 training rows from [-2,2], 1000 held-out rows from
 * the same range, 1000 extrapolation rows from [-6,-2] U [2,6]) is shared
 * by every model and seed; seeds vary the initialisation.
 */
export async function talkSuite(args: SuiteArgs): Promise<SuiteResult> {
  const backend = await initBackend();
  const seeds = Array.from({ length: args.seeds ?? 3 }, (_, i) => i + 1);
  const tasks = args.tasks ? TALK_TASKS.filter((t) => args.tasks!.includes(t.name)) : TALK_TASKS;
  const scale = args.quick ? 0.1 : 1;
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  const rows: TalkRow[] = [];
  for (const task of tasks) {
    const sets = drawSets(task);
    const threshold = solutionThreshold(talkSolution(task), sets.extrap.x);
    for (const model of TALK_MODELS) {
      if (model === 'calu') {
        const outs = [];
        for (const seed of seeds) {
          progress(`talk calu ${task.name} seed ${seed}: fitting (${elapsed()} elapsed)`);
          const o = await runCalu(task.inputs, task.targets, sets, seed, args.maxSeconds);
          progress(`talk calu ${task.name} seed ${seed}: ${o.success ? 'exact' : 'NOT exact'} in ${o.seconds.toFixed(1)} s: ${o.formulas.join('; ')}`);
          outs.push(o);
        }
        const seconds = outs.reduce((s, o) => s + o.seconds, 0);
        rows.push({ task: task.name, model, ...summarize(outs), seconds, stack: 'fit() default search', steps: null, threshold, perSeed: outs });
        continue;
      }
      const stack = talkStack(model, task);
      const steps = Math.round((model === 'tanh' || model === 'relu' ? MLP_STEPS : UNIT_STEPS) * scale);
      progress(`talk ${model} ${task.name} seeds ${seeds.join(',')}: ${stack}, ${steps} steps (${elapsed()} elapsed)`);
      const run = runBaseline({ label: `talk ${model} ${task.name}`, stack, recipe: talkRecipe(model), steps, batchSize: BATCH, ...sets, threshold, seeds, checkpoints: CHECKPOINTS });
      rows.push({ task: task.name, model, ...summarize(run.seeds), seconds: run.seconds, stack, steps, threshold, perSeed: run.seeds });
    }
  }
  const json = { suite: 'talk', machine: machine(backend), date: today(), epsilon: EPSILON, rows };
  return { json, table: talkTables(rows, seeds.length) };
}

function drawSets(task: TalkTask): { train: RowSet; interp: RowSet; extrap: RowSet } {
  const rng = new Random(4242 + task.name.length * 101 + task.inputs.length);
  return { train: drawRows(task, 'train', ROWS, rng.fork()), interp: drawRows(task, 'train', ROWS, rng.fork()), extrap: drawRows(task, 'test', ROWS, rng.fork()) };
}

export function talkTables(rows: TalkRow[], seeds: number): string {
  const main = markdownTable(
    ['task', 'model', 'stack', 'success', 'interp. MSE median / worst', 'extrap. MSE median / worst', 'threshold', 'solved at step', 'seconds'],
    rows.map((r) => [
      r.task,
      r.model,
      `\`${r.stack}\``,
      `${Math.round(r.success * r.seeds)}/${r.seeds}`,
      `${sci(r.interpMse.median)} / ${sci(r.interpMse.max)}`,
      `${sci(r.extrapMse.median)} / ${sci(r.extrapMse.max)}`,
      sci(r.threshold),
      r.solvedAtStep === null ? '-' : String(r.solvedAtStep),
      r.seconds.toFixed(1),
    ]),
  );
  const taskNames = [...new Set(rows.map((r) => r.task))];
  const models = TALK_MODELS.filter((m) => rows.some((r) => r.model === m));
  const layout = (which: 0 | 1) =>
    markdownTable(
      ['task', ...models],
      taskNames.map((t) => [
        t,
        ...models.map((m) => {
          const r = rows.find((x) => x.task === t && x.model === m);
          const ours = r ? orderOfMagnitude(which === 0 ? r.interpMse.median : r.extrapMse.median) : '-';
          const talk = TALK_PUBLISHED[t]?.[m];
          return talk ? `${ours} (talk < 1e${talk[which]})` : ours;
        }),
      ]),
    );
  return [
    `Every talk task against every model, ${seeds} seed${seeds === 1 ? '' : 's'} each. Success: CALU's snapped formula is exact in float64; a baseline's extrapolation MSE (at its checkpoint with the lowest interpolation MSE) is below the MSE of the correct solution with every weight off by ε = ${EPSILON.toExponential(0)}.`,
    '',
    main,
    '',
    "In the talk's layout: median MSE over seeds as the power of ten it stays below, ours (the talk's published figure).",
    '',
    'Interpolation:',
    '',
    layout(0),
    '',
    'Extrapolation:',
    '',
    layout(1),
  ].join('\n');
}
