// Regenerates the bundled samples: for every talk task, a training file
// (inputs in [-2, 2]) and a test file (inputs in [-6,-2] U [2,6]).
// Run: npm run samples
import { writeFileSync } from 'node:fs';
import { Random } from '../src/util/random.ts';
import { TALK_TASKS, drawRows, toCsv } from '../src/bench/talkTasks.ts';

const dir = new URL('.', import.meta.url);
const rng = new Random(2019);
for (const task of TALK_TASKS) {
  for (const [range, n] of [['train', 1000], ['test', 500]] as const) {
    const { x, y } = drawRows(task, range, n, rng.fork());
    const file = new URL(`${task.name}-${range}.csv`, dir);
    writeFileSync(file, toCsv([...task.inputs, ...task.targets], x.map((r, i) => [...r, ...y[i]])));
    console.log(`wrote samples/${task.name}-${range}.csv (${n} rows)`);
  }
}
