import * as tf from '@tensorflow/tfjs';
import { fit } from '../../src/fit.ts';
import { initBackend } from '../../src/engine/backend.ts';
import { TALK_TASKS, drawRows } from '../../src/bench/talkTasks.ts';
import type { Dataset } from '../../src/data/dataset.ts';
import { Random } from '../../src/util/random.ts';
import { buildNetwork, parseStack } from '../../src/calu/stack.ts';
import { PRESETS } from '../../src/calu/qset.ts';
import { Trainer } from '../../src/train/trainer.ts';
import { datasetOfRows, transpose } from '../../src/data/rows.ts';
import { inverseMeanSquare } from '../../src/train/loss.ts';
import { PlainCaluStep } from '../plainLoop.ts';
import { machine, markdownTable, median, progress, today } from '../machine.ts';
import type { SuiteArgs, SuiteResult } from './index.ts';

/**
 * Issue #2's targets: wall time to an exact formula and the share of seeds
 * that reach one, per talk task, on data drawn afresh for every seed
 * (not the bundled samples); and the cost of one batched training step per
 * restart against a plain float64 loop, measured in the same run.
 */
export async function speedSuite(args: SuiteArgs): Promise<SuiteResult> {
  const backend = await initBackend();
  const seeds = args.seeds ?? 10;
  const tasks = args.tasks ? TALK_TASKS.filter((t) => args.tasks!.includes(t.name)) : TALK_TASKS;
  const recovery = [];
  for (const task of tasks) {
    const times: number[] = [];
    let exact = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const rng = new Random(1000 * seed + task.name.length);
      const train = dataset(task.name, task.inputs, task.targets, drawRows(task, 'train', 1000, rng.fork()));
      const test = dataset(task.name, task.inputs, task.targets, drawRows(task, 'test', 500, rng.fork()));
      const t0 = performance.now();
      const result = await fit(train, { seed, test, maxSeconds: args.maxSeconds ?? 120 });
      const seconds = (performance.now() - t0) / 1000;
      const ok = result.outputs.every((o) => o.exact);
      if (ok) exact++;
      times.push(seconds);
      progress(`speed ${task.name} seed ${seed}: ${ok ? 'exact' : 'NOT exact'} in ${seconds.toFixed(2)} s`);
    }
    recovery.push({ task: task.name, seeds, exact, medianSeconds: median(times), maxSeconds: Math.max(...times) });
  }
  const steps = stepCost(args.quick ? 100 : 300);
  const json = { suite: 'speed', machine: machine(backend), date: today(), recovery, stepCost: steps };
  const table = [
    `Wall time to an exact formula (in-process \`fit\`, default search, fresh data per seed), ${seeds} seeds:`,
    '',
    markdownTable(
      ['task', 'exact', 'median s', 'max s'],
      recovery.map((r) => [r.task, `${r.exact}/${r.seeds}`, r.medianSeconds.toFixed(2), r.maxSeconds.toFixed(2)]),
    ),
    '',
    'One training step (m -> a, 2 inputs, 4 hidden units, 1 output, batch 256, learned parity, Adam), per restart:',
    '',
    markdownTable(
      ['engine', 'restarts', 'ms per step', 'ms per step per restart'],
      steps.map((s) => [s.engine, s.restarts, s.msPerStep.toFixed(3), s.msPerRestart.toFixed(4)]),
    ),
  ].join('\n');
  return { json, table };
}

function dataset(name: string, inputs: string[], targets: string[], rows: { x: number[][]; y: number[][] }): Dataset {
  return datasetOfRows(name, inputs, targets, rows);
}

interface StepCost {
  engine: string;
  restarts: number;
  msPerStep: number;
  msPerRestart: number;
}

function stepCost(steps: number): StepCost[] {
  const rng = new Random(7);
  const x = Array.from({ length: 1000 }, () => [rng.between(-2, 2), rng.between(-2, 2)]);
  const y = x.map((r) => [r[0] * r[1]]);
  const out: StepCost[] = [];
  for (const R of [1, 32, 128, 256]) {
    const net = buildNetwork(parseStack('4:m 1:a'), 2, R, PRESETS.int(), rng.fork());
    // A long nominal schedule keeps every measured step in the learned-parity phase, as in the plain loop.
    const trainer = new Trainer(net, { x: transpose(x), y: transpose(y) }, { steps: 100 * steps, batchSize: 256, lr: 0.05, rng: rng.fork() });
    for (let i = 0; i < 20; i++) trainer.run();
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) trainer.run();
    const ms = (performance.now() - t0) / steps;
    trainer.dispose();
    net.dispose();
    out.push({ engine: `tfjs ${tf.getBackend()}, batched`, restarts: R, msPerStep: ms, msPerRestart: ms / R });
    progress(`step cost: ${R} restarts, ${ms.toFixed(3)} ms per step`);
  }
  const plain = new PlainCaluStep(2, 4, 1, rng.fork());
  const inv = inverseMeanSquare(transpose(y));
  const batch = () => {
    const idx = Array.from({ length: 256 }, () => rng.int(x.length));
    return { xb: idx.map((i) => x[i]), yb: idx.map((i) => y[i]) };
  };
  for (let i = 0; i < 20; i++) {
    const { xb, yb } = batch();
    plain.step(xb, yb, inv);
  }
  let ms = 0;
  for (let i = 0; i < steps; i++) {
    const { xb, yb } = batch();
    const t0 = performance.now();
    plain.step(xb, yb, inv);
    ms += performance.now() - t0;
  }
  out.push({ engine: 'plain float64 loop, hand-written gradient', restarts: 1, msPerStep: ms / steps, msPerRestart: ms / steps });
  return out;
}
