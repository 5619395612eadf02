import { compile, parse } from 'mathjs';
import { loadavg } from 'node:os';
import { fit } from '../../src/fit.ts';
import { initBackend } from '../../src/engine/backend.ts';
import { feynmanRows, readFeynman, type FeynmanEquation } from '../../src/bench/feynman.ts';
import type { Dataset } from '../../src/data/dataset.ts';
import { datasetOfRows, rowsOf } from '../../src/data/rows.ts';
import { evaluateFormula } from '../../src/formula/verify.ts';
import { CRITERIA, DEFAULT_CRITERION, type Criterion } from '../../src/result/selection.ts';
import { Random } from '../../src/util/random.ts';
import { machine, markdownTable, median, progress, today } from '../machine.ts';
import type { SuiteArgs, SuiteResult } from './index.ts';

const CLASSES = ['A', 'B', 'C', 'D-sum', 'T'];

/**
 * Issue #10: the Feynman equations with SRBench's noise on the training
 * target only (Gaussian, std = level * RMS(y)), judged on clean test rows
 * drawn beyond the training box:
 *   symbolic  model/truth or model - truth is constant: the ratio (or the
 *             difference) varies by less than 1e-6 of its size over the test rows
 *   accuracy  R^2 > 0.999 on the test rows
 *   time      seconds to the answer, and why the search ended
 * The formula each selection criterion would have reported from the same
 * candidates is judged too, so the criteria are compared on equal terms.
 */
export async function feynmanNoiseSuite(args: SuiteArgs & { file: string; levels: number[] }): Promise<SuiteResult> {
  const backend = await initBackend();
  const all = readFeynman(args.file);
  const equations = args.tasks ? all.filter((e) => args.tasks!.includes(e.id) || args.tasks!.includes(e.kind)) : all;
  const budget = args.maxSeconds ?? 60;
  const seeds = args.seeds ?? 1;
  const rows: NoisyRun[] = [];
  for (const level of args.levels) {
    for (const eq of equations) {
      for (let seed = 1; seed <= seeds; seed++) {
        const rng = new Random(7919 * seed + eq.id.length);
        const clean = dataset(eq, 'train', args.quick ? 300 : 1000, rng.fork());
        const test = dataset(eq, 'test', args.quick ? 200 : 500, rng.fork());
        const train = withNoise(clean, level, rng.fork());
        const t0 = performance.now();
        const result = await fit(train, { seed, maxSeconds: budget });
        const seconds = (performance.now() - t0) / 1000;
        const out = result.outputs[0];
        const judge = (formula: string) => judged(formula, result.symbols, eq, test);
        const verdict = judge(out.formula);
        const alternatives = Object.fromEntries(CRITERIA.map((c) => [c, out.alternatives?.[c] !== undefined ? judge(out.alternatives[c]!).symbolic : verdict.symbolic])) as Record<Criterion, boolean>;
        rows.push({ id: eq.id, kind: eq.kind, level, seed, ...verdict, alternatives, fit: out.fit, seconds, stoppedBy: result.stoppedBy, noise: out.noise?.relative ?? null, formula: out.formula, truth: eq.formula, load: loadavg()[0] });
        progress(
          `noise ${level} ${eq.id} (${eq.kind}) seed ${seed}: ${verdict.symbolic ? 'symbolic' : verdict.accurate ? 'accurate' : 'neither'}, ${out.fit}, ${result.stoppedBy} in ${seconds.toFixed(1)} s (load ${loadavg()[0].toFixed(2)}): ${out.formula.slice(0, 100)}`,
        );
      }
    }
  }
  const groups = args.levels.flatMap((level) =>
    [...CLASSES, 'all'].map((kind) => {
      const mine = rows.filter((r) => r.level === level && (kind === 'all' || r.kind === kind));
      const times = mine.map((r) => r.seconds);
      return {
        level,
        kind,
        runs: mine.length,
        symbolic: mine.filter((r) => r.symbolic).length,
        accurate: mine.filter((r) => r.accurate).length,
        withinNoise: mine.filter((r) => r.fit !== 'best-effort').length,
        byCriterion: Object.fromEntries(CRITERIA.map((c) => [c, mine.filter((r) => r.alternatives[c]).length])),
        medianSeconds: median(times),
        worstSeconds: times.length ? Math.max(...times) : NaN,
      };
    }).filter((g) => g.runs > 0),
  );
  const pct = (k: number, n: number) => `${k}/${n} (${Math.round((100 * k) / n)}%)`;
  const json = { suite: 'feynman-noise', file: args.file, machine: machine(backend), date: today(), maxSeconds: budget, seeds, levels: args.levels, criterion: DEFAULT_CRITERION, loadAverage: loadavg(), groups, rows };
  const table = [
    `Noisy targets (SRBench: Gaussian, std = level x RMS(y), on the training target only), judged on clean test rows beyond the training box; budget ${budget} s per fit, ${seeds} seed${seeds === 1 ? '' : 's'}, selection \`${DEFAULT_CRITERION}\`:`,
    '',
    markdownTable(
      ['noise', 'class', 'symbolic', 'R² > 0.999', 'within noise', 'median s', 'worst s'],
      groups.map((g) => [g.level, g.kind, pct(g.symbolic, g.runs), pct(g.accurate, g.runs), pct(g.withinNoise, g.runs), g.medianSeconds.toFixed(1), g.worstSeconds.toFixed(1)]),
    ),
    '',
    'Symbolic solutions by selection criterion, from the same candidate tables:',
    '',
    markdownTable(
      ['noise', 'class', ...CRITERIA],
      groups.map((g) => [g.level, g.kind, ...CRITERIA.map((c) => pct(g.byCriterion[c], g.runs))]),
    ),
    '',
    'Per equation:',
    '',
    markdownTable(
      ['noise', 'id', 'class', 'symbolic', 'R²', 'fit', 'ended', 's', 'load', 'formula found'],
      rows.map((r) => [r.level, r.id, r.kind, r.symbolic ? 'yes' : 'no', r.r2.toFixed(4), r.fit, r.stoppedBy, r.seconds.toFixed(1), r.load.toFixed(1), `\`${r.formula.length > 80 ? `${r.formula.slice(0, 77)}...` : r.formula}\``]),
    ),
  ].join('\n');
  return { json, table };
}

interface NoisyRun {
  id: string;
  kind: string;
  level: number;
  seed: number;
  symbolic: boolean;
  accurate: boolean;
  r2: number;
  alternatives: Record<Criterion, boolean>;
  fit: string;
  seconds: number;
  stoppedBy: string;
  noise: number | null;
  formula: string;
  truth: string;
  /** The machine's 1-minute load average when the fit ended. */
  load: number;
}

function dataset(eq: FeynmanEquation, range: 'train' | 'test', n: number, rng: Random): Dataset {
  const { x, y } = feynmanRows(eq, range, n, rng);
  return datasetOfRows(eq.id, eq.variables.map((v) => v.name), ['y'], { x, y: y.map((v) => [v]) });
}

/** SRBench's noise: Gaussian with std = level * RMS(y), added to the target. */
export function withNoise(data: Dataset, level: number, rng: Random): Dataset {
  if (level === 0) return data;
  const y = data.targetColumns[0];
  const rms = Math.sqrt(y.reduce((s, v) => s + v * v, 0) / y.length);
  return { ...data, targetColumns: [y.map((v) => v + level * rms * rng.normal())] };
}

/** The found formula against the truth on the clean test rows. */
function judged(formula: string, symbols: string[], eq: FeynmanEquation, test: Dataset): { symbolic: boolean; accurate: boolean; r2: number } {
  if (!formula) return { symbolic: false, accurate: false, r2: NaN };
  const truth = compile(eq.formula);
  const x = rowsOf(test).x;
  const want = x.map((row) => truth.evaluate(Object.fromEntries(eq.variables.map((v, j) => [v.name, row[j]]))) as number);
  const got = Array.from(evaluateFormula(parse(formula), symbols, x));
  return { symbolic: symbolicSolution(got, want), ...accuracy(got, want) };
}

/** model/truth or model - truth constant on the rows: its spread under 1e-6 of its size (the ratio's median, or the truth's RMS). */
export function symbolicSolution(model: number[], truth: number[]): boolean {
  if (model.some((v) => !Number.isFinite(v))) return false;
  const spread = (v: number[]) => Math.max(...v) - Math.min(...v);
  const ratio = model.map((m, i) => m / truth[i]);
  const mid = median(ratio);
  if (ratio.every(Number.isFinite) && mid !== 0 && spread(ratio) <= 1e-6 * Math.abs(mid)) return true;
  const rms = Math.sqrt(truth.reduce((s, v) => s + v * v, 0) / truth.length);
  return spread(model.map((m, i) => m - truth[i])) <= 1e-6 * rms;
}

function accuracy(model: number[], truth: number[]): { accurate: boolean; r2: number } {
  const mean = truth.reduce((s, v) => s + v, 0) / truth.length;
  const ssTot = truth.reduce((s, v) => s + (v - mean) ** 2, 0);
  const ssRes = truth.reduce((s, v, i) => s + (v - model[i]) ** 2, 0);
  const r2 = 1 - ssRes / ssTot;
  return { accurate: Number.isFinite(r2) && r2 > 0.999, r2: Number.isFinite(r2) ? r2 : NaN };
}
