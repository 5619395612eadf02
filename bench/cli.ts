import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { SUITES } from './suites/index.ts';
import { machine, today } from './machine.ts';
import { initBackend } from '../src/engine/backend.ts';

const program = new Command()
  .name('calu-bench')
  .description('calu benchmarks: each suite prints a markdown table for docs/BENCHMARKS.md, or one JSON object with --json')
  .requiredOption('--suite <name>', `one of: ${Object.keys(SUITES).join(', ')}`)
  .option('--seeds <n>', 'seeds per task', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1.');
    return n;
  })
  .option('--tasks <names>', 'only these tasks, separated by commas', (v) => v.split(','))
  .option('--runs <n>', 'timed runs of each command (startup)', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1.');
    return n;
  })
  .option('--workers <n>', 'the worker count compared with 1 (workers), or of every fit (feynman; default 1)', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1.');
    return n;
  })
  .option('--max-seconds <t>', 'time budget of each fit', Number)
  .option('--quick', 'a short smoke run')
  .option('--file <path>', 'the equations file of the feynman suite (default: ../shared/benchmarks/feynman-dev.tsv)')
  .option('--noise <levels>', "feynman: SRBench's noise levels on the training target, e.g. 0.001,0.01,0.1", (v) =>
    v.split(',').map((s) => {
      const n = Number(s);
      if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected noise levels such as 0.001,0.01,0.1.');
      return n;
    }),
  )
  .option('--json', 'print one JSON object on stdout')
  .option('--save <path>', 'also write the JSON object to a file (the raw output beside the table)');

program.parse(process.argv);
const opts = program.opts<{ suite: string; seeds?: number; tasks?: string[]; maxSeconds?: number; quick?: boolean; json?: boolean; file?: string; runs?: number; noise?: number[]; save?: string; workers?: number }>();
const suite = SUITES[opts.suite];
if (!suite) {
  process.stderr.write(`calu-bench: no suite "${opts.suite}" (suites: ${Object.keys(SUITES).join(', ')})\n`);
  process.exit(1);
}
const backend = await initBackend();
const started = performance.now();
const result = await suite({ seeds: opts.seeds, tasks: opts.tasks, maxSeconds: opts.maxSeconds, quick: opts.quick, file: opts.file, runs: opts.runs, noise: opts.noise, workers: opts.workers });
const seconds = (performance.now() - started) / 1000;
if (opts.save) writeFileSync(opts.save, JSON.stringify({ command: `npm run bench -- ${process.argv.slice(2).join(' ')}`, seconds, ...(result.json as object) }) + '\n');
if (opts.json) {
  process.stdout.write(JSON.stringify(result.json) + '\n');
} else {
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`;
  const load = loadavg().map((v) => v.toFixed(2)).join(', ');
  process.stdout.write(`Command: \`${command}\`  \nMachine: ${machine(backend)}  \nDate: ${today()}, ${seconds.toFixed(0)} s, load average at the end ${load}\n\n${result.table}\n`);
}
