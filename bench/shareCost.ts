/**
 * What a step of one stack costs for a number of restarts (the fixed part
 * of a thread's step that bounds splitting a stage across threads; see
 * docs/RECIPE.md, "Stages on several workers"). Usage:
 *   npx tsx bench/shareCost.ts STACK RESTARTS OUTPUTS INPUTS
 * e.g. npx tsx bench/shareCost.ts '5:m 3:a' 24 3 8 (the Lorentz stack at 24 restarts).
 */
import { initBackend } from '../src/engine/backend.ts';
import { buildNetwork, parseStack } from '../src/calu/stack.ts';
import { Trainer } from '../src/train/trainer.ts';
import { Random } from '../src/util/random.ts';
import { PRESETS } from '../src/calu/qset.ts';

const [stack = '6:m 4:a', restarts = '48', outputs = '4', inputs = '3'] = process.argv.slice(2);
const backend = await initBackend();
const rng = new Random(5);
const x = Array.from({ length: Number(inputs) }, () => Array.from({ length: 1000 }, () => rng.between(-2, 2)));
const y = Array.from({ length: Number(outputs) }, (_, k) => x[0].map((_, i) => x.reduce((s, col) => s + col[i], 0) ** k));
const net = buildNetwork(parseStack(stack), Number(inputs), Number(restarts), PRESETS.int(), new Random(11));
const trainer = new Trainer(net, { x, y }, { steps: 1000, batchSize: 128, lr: 0.05, rng: new Random(3) });
for (let i = 0; i < 20; i++) trainer.run();
const t0 = performance.now();
for (let i = 0; i < 200; i++) trainer.run();
console.log(`${stack}, ${inputs} inputs, ${outputs} outputs, ${restarts} restarts, ${backend}: ${((performance.now() - t0) / 200).toFixed(2)} ms per step (mean of 200 steps after 20)`);
