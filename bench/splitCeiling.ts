/**
 * The most that splitting one stage's restarts across two threads can
 * gain on this machine, training alone (no reading, no book): the time of
 * a step of R restarts on one core, against the slower of two halves of
 * R/2 trained at the same time on two cores. Each run is a process of its
 * own; the three kinds of run are interleaved, so a change of the
 * machine's speed falls on all of them. See docs/BENCHMARKS.md
 * ("The ceiling of a split stage"). Usage:
 *   npx tsx bench/splitCeiling.ts [STACK] [RESTARTS] [REPEATS] [OUTPUTS] [INPUTS]
 * e.g. npx tsx bench/splitCeiling.ts '6:m 4:a' 48 5 (the multinomial's first stage).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { initBackend } from '../src/engine/backend.ts';
import { buildNetwork, parseStack } from '../src/calu/stack.ts';
import { Trainer } from '../src/train/trainer.ts';
import { Random } from '../src/util/random.ts';
import { PRESETS } from '../src/calu/qset.ts';
import { median } from './machine.ts';

const WARM_STEPS = 500;
const TIMED_STEPS = 1500;

if (process.argv[2] === '--train') {
  const [, , , stack, restarts, outputs, inputs] = process.argv;
  await initBackend();
  console.log(trainMs(stack, Number(restarts), Number(outputs), Number(inputs)).toFixed(4));
  process.exit(0);
}

const [stack = '6:m 4:a', restarts = '48', repeats = '5', outputs = '4', inputs = '3'] = process.argv.slice(2);
const R = Number(restarts);
const run = (r: number) =>
  new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--train', stack, String(r), outputs, inputs], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(`a trainer exited with ${code}`))));
  });
const rows: Array<{ whole: number; half: number; together: number[] }> = [];
for (let k = 0; k < Number(repeats); k++) {
  const whole = await run(R);
  const half = await run(Math.ceil(R / 2));
  const together = await Promise.all([run(Math.ceil(R / 2)), run(Math.floor(R / 2))]);
  rows.push({ whole, half, together });
  console.error(`repeat ${k + 1}: ${R} restarts alone ${whole.toFixed(2)} ms/step, ${Math.ceil(R / 2)} alone ${half.toFixed(2)}, two halves at once ${together.map((t) => t.toFixed(2)).join(' and ')}`);
}
const m = (f: (r: (typeof rows)[number]) => number) => median(rows.map(f));
const ceiling = rows.map((r) => r.whole / Math.max(...r.together));
console.log(`${stack}, ${inputs} inputs, ${outputs} outputs, ${R} restarts, ${await initBackend()}, ${rows.length} repeats of ${TIMED_STEPS} steps after ${WARM_STEPS}:`);
console.log(`median ms per step: ${R} restarts alone ${m((r) => r.whole).toFixed(2)}; ${Math.ceil(R / 2)} alone ${m((r) => r.half).toFixed(2)}; the slower of two halves at once ${m((r) => Math.max(...r.together)).toFixed(2)}`);
console.log(`split ceiling (whole / slower half at once): median ${median(ceiling).toFixed(2)}x, range ${Math.min(...ceiling).toFixed(2)}x to ${Math.max(...ceiling).toFixed(2)}x; with halves that did not slow each other it would be ${m((r) => r.whole / r.half).toFixed(2)}x`);

/** Mean milliseconds per step of one trainer, after a warm-up that lets the JIT settle (the first quarter of its schedule). */
function trainMs(stackText: string, r: number, nOut: number, nIn: number): number {
  const rng = new Random(5);
  const x = Array.from({ length: nIn }, () => Array.from({ length: 1000 }, () => rng.between(-2, 2)));
  const y = Array.from({ length: nOut }, (_, k) => x[0].map((_, i) => x.reduce((s, col) => s + col[i], 0) ** k));
  const net = buildNetwork(parseStack(stackText), nIn, r, PRESETS.int(), new Random(11));
  // The schedule spans the run, so the timed steps pass through the potential's ramp and the exact parity, as a stage's do.
  const trainer = new Trainer(net, { x, y }, { steps: WARM_STEPS + TIMED_STEPS, batchSize: 128, lr: 0.05, rng: new Random(3) });
  for (let i = 0; i < WARM_STEPS; i++) trainer.run();
  const t0 = performance.now();
  for (let i = 0; i < TIMED_STEPS; i++) trainer.run();
  return (performance.now() - t0) / TIMED_STEPS;
}
