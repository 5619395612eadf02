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
  .option('--json', 'print one JSON object on stdout');

program.parse(process.argv);
const opts = program.opts<{ suite: string; seeds?: number; tasks?: string[]; maxSeconds?: number; quick?: boolean; json?: boolean; file?: string; runs?: number; workers?: number }>();
const suite = SUITES[opts.suite];
if (!suite) {
  process.stderr.write(`calu-bench: no suite "${opts.suite}" (suites: ${Object.keys(SUITES).join(', ')})\n`);
  process.exit(1);
}
const backend = await initBackend();
const started = performance.now();
const result = await suite({ seeds: opts.seeds, tasks: opts.tasks, maxSeconds: opts.maxSeconds, quick: opts.quick, file: opts.file, runs: opts.runs, workers: opts.workers });
const seconds = (performance.now() - started) / 1000;
if (opts.json) {
  process.stdout.write(JSON.stringify(result.json) + '\n');
} else {
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`;
  process.stdout.write(`Command: \`${command}\`  \nMachine: ${machine(backend)}  \nDate: ${today()}, ${seconds.toFixed(0)} s\n\n${result.table}\n`);
}
