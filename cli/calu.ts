#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { CaluError } from '../src/errors.ts';
import { readCsvFile } from '../src/data/csv.ts';
import { readCsvColumns } from '../src/data/csvColumns.ts';
import { toDataset, type ColumnChoice, type Dataset } from '../src/data/dataset.ts';
import { rowsOf } from '../src/data/rows.ts';
import { DELIMITERS } from '../src/data/delimiter.ts';
import type { Language } from '../src/export/code/languages.ts';
import type { FitOptions } from '../src/fit.ts';
import { DEFAULT_MAX_SECONDS, DEFAULT_SEED } from '../src/defaults.ts';
import { formatSummary, formatText } from '../src/export/text.ts';
import { stringify, toJson } from '../src/export/json.ts';
import { plainProgress } from '../src/ui/plainProgress.ts';
import { curveRecorder } from '../src/export/trainingCurve.ts';
import type { FitEvent } from '../src/train/events.ts';
import type { FitResult } from '../src/result.ts';
import { PRESETS } from '../src/calu/qset.ts';
import { printable, printableKeeping } from '../src/util/escape.ts';
import { checkOutputPath } from './outputPaths.ts';
import { SIGNAL_EXIT, stopOnSignals, stoppedBySignal, stoppingLine } from './signals.ts';
import { briefUsageErrors } from './usage.ts';
import { endQuietlyWhenOutputCloses } from './closedOutput.ts';
import { honourNoColor } from './colour.ts';
import { addExportCommand, exportOption } from './exportCommand.ts';

/** Exit code when the fit finished but some formula is neither exact nor within noise. */
const EXIT_INEXACT = 3;

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

endQuietlyWhenOutputCloses();

const program = new Command()
  .name('calu')
  .description('Find exact closed-form formulas in CSV data with CALU networks.')
  .version(pkg.version);

program
  .command('fit')
  .description('train CALU networks on a CSV, snap them to exact values and print the formula for each target')
  .argument('<file>', 'training data as CSV with a header row, or - for standard input')
  .requiredOption('-t, --target <columns>', 'the target column, or several separated by commas', list)
  .option('-i, --inputs <columns>', 'input columns, separated by commas (default: every other column)', list)
  .option('--test <file>', 'CSV with the same columns, ideally outside the training range, to prove the formula on')
  .option('--layers <spec>', "the stack, e.g. '50:m 3:a' or '8 50:CALUm 3:CALUa' (default: calu searches)")
  .option('--q <Q>', `allowed weight values: a preset (${Object.keys(PRESETS).join(', ')}), a range like -3..3, or a list like -1,0,1,pi`)
  .option('--restarts <n>', 'restarts trained together in each batch', positiveInt)
  .option('--steps <n>', 'schedule length of each stage (default: 500, doubling each search round)', positiveInt)
  .option('--seed <n>', 'random seed: the same data and seed give the same formula', nonNegativeInt, DEFAULT_SEED)
  .option('--max-seconds <t>', 'time budget; when it runs out the best candidate is printed, marked not exact', positiveNumber, DEFAULT_MAX_SECONDS)
  .option('--workers <n>', `threads that train each stage, its restarts split across them: the fit's and N-1 worker threads (default: the number of cores, ${availableParallelism()} here); with --queue, stages in flight. The formula is the same whatever N`, positiveInt, availableParallelism())
  .option('--queue <url>', 'send the stages to `calu worker` processes through this Redis server (redis://HOST:PORT); the formulas are the same')
  .option('--json', 'print one JSON object on stdout and nothing else')
  .option('--latex', 'print the formulas as LaTeX')
  .option('--save <file>', 'save the fitted model as JSON, for calu predict')
  .option('-q, --quiet', 'no progress on stderr')
  .option('--report <file>', 'write an HTML report (formulas, pruned graph, plots, training curve) that opens offline')
  .option('--delimiter <d>', "the CSV delimiter: ',', ';' or tab (default: detected from the header)", delimiter)
  .option('--drop-missing', 'leave out rows with an empty or NaN cell in a column the fit uses (default: such a cell is an error)')
  .addOption(exportOption())
  .action(async (file: string, opts: FitCliOptions) => {
    if (opts.save) checkOutputPath(opts.save, 'model');
    if (opts.report) checkOutputPath(opts.report, 'report');
    if (opts.test === '-' && file === '-') throw new CaluError('--test cannot read standard input when the training data does');
    // Streamed into numeric columns: no row of a large file is held as text. With --drop-missing, rows are left out as they stream.
    const read = async (path: string, choice: ColumnChoice) => {
      const table = await readCsvColumns(path, { delimiter: opts.delimiter, dropMissing: opts.dropMissing ? choice : undefined });
      const data = toDataset(table, choice);
      const n = table.dropped;
      if (n > 0 && !opts.quiet) process.stderr.write(`${printable(table.source)}: left out ${n} row${n === 1 ? '' : 's'} with an empty or NaN cell\n`);
      return data;
    };
    const data = await read(file, { targets: opts.target, inputs: opts.inputs });
    const test = opts.test ? await read(opts.test, { targets: opts.target, inputs: data.inputs }) : undefined;
    const curve = curveRecorder();
    const options = { layers: opts.layers, q: opts.q, restarts: opts.restarts, steps: opts.steps, seed: opts.seed, maxSeconds: opts.maxSeconds, workers: opts.workers, queue: opts.queue };
    const live = liveScreenWanted(opts);
    // The live screen (Ink, React) and the report (KaTeX) load only when they are used: each costs start-up time.
    if (live) honourNoColor();
    const result = live
      ? await (await import('./liveFit.ts')).liveFit(data.source, data, test, options, curve.add)
      : await plainFit(data, test, options, opts.quiet ? curve.add : tee(curve.add));
    // The formulas first: whatever happens to the files after, the user has them.
    if (opts.json) process.stdout.write(stringify(toJson(result)) + '\n');
    else if (opts.export) process.stdout.write((await import('../src/export/code/exportCode.ts')).exportCode(result, opts.export));
    else if (!live) {
      // (The live screen's final screen already shows the formulas, their errors and the LaTeX.)
      process.stdout.write(formatText(result, { latex: opts.latex }));
      if (!opts.quiet) process.stderr.write(formatSummary(result));
    }
    const fits = result.outputs.every((o) => o.fit === 'exact' || o.fit === 'within-noise');
    // SIGTERM ends with its shell code, unless every formula was already exact or within noise.
    if (stoppedBySignal() === 'SIGTERM') process.exitCode = fits ? 0 : SIGNAL_EXIT.SIGTERM;
    else if (!fits) process.exitCode = EXIT_INEXACT;
    if (opts.save) (await import('../src/model.ts')).saveModel(result, opts.save);
    if (opts.report) {
      const { writeReport } = await import('../src/export/report.ts');
      writeReport(opts.report, { result, train: data, test, curve: curve.curve, source: data.source });
      if (!opts.quiet) process.stderr.write(`report written to ${printable(opts.report)}\n`);
    }
  });

program
  .command('worker')
  .description('run the stages of fits started elsewhere with --queue, one at a time, until stopped (Ctrl-C)')
  .requiredOption('--queue <url>', 'the Redis server the fits use, redis://HOST:PORT')
  .action(async (opts: { queue: string }) => {
    const { runWorker } = await import('../src/queue/worker.ts');
    const worker = await runWorker(opts.queue, (line) => process.stderr.write(printable(line) + '\n'));
    await new Promise<void>((resolve) => {
      const off = stopOnSignals((signal) => {
        process.stderr.write(`${stoppingLine(signal)}\n`);
        off();
        resolve();
      });
    });
    await worker.close();
  });

program
  .command('predict')
  .description("evaluate a saved model's formulas on new data; prints the data with one column per target")
  .argument('<model>', 'a model saved with calu fit --save (or the output of calu fit --json)')
  .argument('<file>', 'CSV holding the model\'s input columns, or - for standard input')
  .option('--json', 'print {"targets": [...], "predictions": [[...], ...]} instead of CSV')
  .option('--delimiter <d>', "the CSV delimiter: ',', ';' or tab (default: detected from the header); the output uses the same", delimiter)
  .action(async (modelPath: string, file: string, opts: { json?: boolean; delimiter?: string }) => {
    // mathjs loads with the model: it is not needed for --help or a bad command line.
    const { loadModel, predict } = await import('../src/model.ts');
    const model = loadModel(modelPath);
    const table = readCsvFile(file, { delimiter: opts.delimiter });
    const data = toDataset(table, { targets: [], inputs: model.inputs }, { allowNoTargets: true });
    const pred = predict(model, rowsOf(data).x);
    const targets = model.outputs.map((o) => o.target);
    if (opts.json) {
      process.stdout.write(stringify({ targets, predictions: pred }) + '\n');
      return;
    }
    const names = targets.map((t) => (table.header.includes(t) ? `${t}_predicted` : t));
    const d = table.delimiter;
    const cell = (s: string) => csvCell(s, d);
    const lines = [[...table.header, ...names].map(cell).join(d)];
    table.rows.forEach((row, i) => lines.push([...row.map(cell), ...pred[i].map((v) => (Number.isFinite(v) ? String(v) : 'NaN'))].join(d)));
    process.stdout.write(lines.join('\n') + '\n');
  });

addExportCommand(program);
briefUsageErrors(program);

/** Plain progress lines on stderr (unless --quiet), fit in this thread; Ctrl-C or SIGTERM aborts it early (a second one quits, see signals.ts). */
async function plainFit(data: Dataset, test: Dataset | undefined, options: Omit<FitOptions, 'onEvent' | 'shouldStop' | 'signal' | 'test'>, onEvent: (e: FitEvent) => void): Promise<FitResult> {
  const stop = new AbortController();
  const off = stopOnSignals((signal) => {
    stop.abort(signal);
    process.stderr.write(`\n${stoppingLine(signal)}\n`);
  });
  try {
    // Loaded here, not at the top: TensorFlow.js takes seconds to load and only a fit in this thread needs it.
    const { fit } = await import('../src/fit.ts');
    return await fit(data, { ...options, test, onEvent, signal: stop.signal });
  } finally {
    off();
  }
}

/** The plain progress lines on stderr, then the given sink. */
function tee(next: (e: FitEvent) => void): (e: FitEvent) => void {
  const progress = plainProgress((line) => process.stderr.write(line + '\n'));
  return (e) => {
    progress(e);
    next(e);
  };
}

/**
 * The live screen runs only for a person at a terminal: stdout a TTY, no
 * --json or --quiet, not under CI (CI=true) and not on a dumb terminal.
 * Everywhere else output is plain lines without a single escape code.
 */
function liveScreenWanted(opts: FitCliOptions): boolean {
  const ci = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== '0' && process.env.CI.toLowerCase() !== 'false';
  return Boolean(process.stdout.isTTY) && !opts.json && !opts.quiet && !ci && process.env.TERM !== 'dumb';
}

interface FitCliOptions {
  target: string[];
  inputs?: string[];
  test?: string;
  layers?: string;
  q?: string;
  restarts?: number;
  steps?: number;
  seed: number;
  maxSeconds: number;
  workers: number;
  queue?: string;
  json?: boolean;
  latex?: boolean;
  save?: string;
  quiet?: boolean;
  report?: string;
  delimiter?: string;
  dropMissing?: boolean;
  export?: Language;
}

function list(value: string): string[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('name at least one column.');
  return items;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1.');
  return n;
}

function nonNegativeInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 2 ** 32 - 1) throw new InvalidArgumentError('expected a whole number from 0 to 4294967295.');
  return Number(value);
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number greater than 0.');
  return n;
}

function delimiter(value: string): string {
  const d = value === 'tab' || value === '\\t' ? '\t' : value;
  if (!(DELIMITERS as readonly string[]).includes(d)) throw new InvalidArgumentError("expected ',', ';' or tab.");
  return d;
}

/** A cell echoed back: quoted where CSV needs it, control characters escaped (a newline inside a quoted cell is CSV's own). */
function csvCell(text: string, delimiter: string): string {
  const s = printableKeeping(text, '\n');
  return s.includes(delimiter) || /["\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CaluError) {
    process.stderr.write(`calu: ${e.message}\n`);
  } else {
    const err = e as Error;
    process.stderr.write(`calu: internal error: ${printable(err?.message ?? String(e))}${process.env.CALU_DEBUG ? `\n${err?.stack}` : ' (set CALU_DEBUG=1 for details)'}\n`);
  }
  process.exitCode = 1;
}
