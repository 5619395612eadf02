import type { Dataset } from '../data/dataset.ts';
import { readFormula, type ReadFormula } from '../formula/formula.ts';
import { checkPredictions, evaluateFormula } from '../formula/verify.ts';
import { toLatex } from '../export/latex.ts';
import type { CandidateRow, OutputResult, StageRecord } from '../result.ts';
import type { EventSink } from './events.ts';
import type { Rows } from './screen.ts';
import type { Found } from './stage.ts';
import { chooseCandidate, constantBaseline, rankCandidates } from './pareto.ts';
import { isMonomialSum, sparserVariants } from './residual.ts';

/**
 * The candidates of a fit, target by target: the best network so far (which
 * the stages read to know what is still open), and every marked improvement
 * read as a formula (the candidate table, PySR's equations_).
 */
export class CandidateBook {
  /** The best network of each target so far. */
  readonly best: Array<Found | null>;
  private readonly trail: Array<Array<{ f: Found; r: ReadFormula }>>;
  /** Shapes (exponents and sizes) of the networks already read, per target. */
  private readonly shapes: Array<Set<string>>;

  constructor(
    private readonly data: Dataset,
    private readonly symbols: string[],
    /** positive[j]: input j is > 0 on every row. */
    private readonly positive: boolean[],
    private readonly emit: EventSink,
  ) {
    this.best = data.targets.map(() => null);
    this.trail = data.targets.map(() => []);
    this.shapes = data.targets.map(() => new Set());
  }

  private rows(o: number): Rows {
    return { x: this.data.x, y: this.data.y.map((t) => [t[o]]), precision: this.data.precision.map((p) => [p[o]]) };
  }

  /**
   * A better network for target o. It is read as a formula (and announced)
   * when it is exact or at least halves the error of the last one read.
   */
  improve(o: number, found: Found): void {
    const trail = this.trail[o];
    const prev = trail.at(-1)?.f;
    // A nearly exact network of a new shape is read too: snapping its constants may prove it (data written to few digits).
    const shape = found.layers.map((l) => (l.kind === 'caluM' ? JSON.stringify(l.weights) : l.weights.length)).join('|');
    const near = found.error < NEAR_EXACT && !this.shapes[o].has(shape);
    if (prev && !found.exact && found.error >= prev.error / 2 && !near) {
      this.best[o] = found;
      return;
    }
    this.shapes[o].add(shape);
    const r = readFormula(found.layers, this.symbols, this.rows(o), this.positive);
    // The formula as printed is what counts, either way: its text is exact or it is not.
    const f = found.exact === r.train.exact ? found : { ...found, exact: r.train.exact };
    this.best[o] = f;
    const same = trail.at(-1)?.r.text === r.text;
    trail.push({ f, r });
    if (!same) {
      this.emit({ type: 'candidate', target: this.data.targets[o], formula: r.text, exact: r.train.exact, error: r.train.metrics.maxRelError, stage: f.stage, step: f.step, network: r.layers });
    }
  }

  /** Every target's chosen formula, checked on the test rows too, and the candidate table. */
  finish(stages: StageRecord[], test?: Dataset): { outputs: OutputResult[]; candidates: CandidateRow[] } {
    const outputs: OutputResult[] = [];
    const candidates: CandidateRow[] = [];
    this.data.targets.forEach((target, o) => {
      // The best network is a candidate even when it never improved enough to be read on the way.
      const b = this.best[o];
      if (b && this.trail[o].at(-1)?.f !== b) this.trail[o].push({ f: b, r: readFormula(b.layers, this.symbols, this.rows(o), this.positive) });
      // With no exact formula (noisy data, say), sparser versions of the best sum give the simpler candidates.
      const sums = this.trail[o].filter((c) => isMonomialSum(c.r.layers)).sort((p, q) => p.r.train.metrics.rmsRelError - q.r.train.metrics.rmsRelError);
      if (sums.length && !this.trail[o].some((c) => c.r.train.exact)) {
        const s = sums[0];
        for (const layers of sparserVariants(s.r.layers, this.rows(o), 0)) {
          this.trail[o].push({ f: { ...s.f, layers, extractor: 'refit' }, r: readFormula(layers, this.symbols, this.rows(o), this.positive) });
        }
      }
      const distinct = new Map<string, { f: Found; r: ReadFormula }>();
      for (const c of this.trail[o]) if (!distinct.has(c.r.text)) distinct.set(c.r.text, c);
      const list = [...distinct.values()];
      const scored = list.map(({ r }) => ({ complexity: r.complexity, loss: r.train.exact ? 0 : r.train.metrics.rmsRelError, exact: r.train.exact }));
      const baseline = constantBaseline(this.rows(o).y.map((t) => t[0]));
      const ranks = rankCandidates(scored, baseline);
      const chosen = list[chooseCandidate(scored, baseline)];
      list.forEach(({ f, r }, i) => {
        candidates.push({
          target,
          formula: r.text,
          complexity: r.complexity,
          error: r.train.metrics.maxRelError,
          rmsError: r.train.metrics.rmsRelError,
          exact: r.train.exact,
          pareto: ranks[i].pareto,
          score: ranks[i].score,
          chosen: r === chosen?.r,
          stage: f.stage,
          step: f.step,
        });
      });
      outputs.push(chosen ? this.output(target, chosen.f, chosen.r, stages, test) : unsolved(target));
    });
    candidates.sort((a, b) => a.target.localeCompare(b.target) || a.complexity - b.complexity);
    return { outputs, candidates };
  }

  private output(target: string, f: Found, r: ReadFormula, stages: StageRecord[], test?: Dataset): OutputResult {
    let testCheck;
    if (test) {
      const to = test.targets.indexOf(target);
      testCheck = checkPredictions(evaluateFormula(r.node, this.symbols, test.x), test.y.map((t) => t[to]), test.precision.map((p) => p[to]));
    }
    return {
      target,
      formula: r.text,
      latex: toLatex(r.node, this.symbols),
      expression: JSON.parse(JSON.stringify(r.node)),
      exact: r.train.exact && (testCheck?.exact ?? true),
      complexity: r.complexity,
      metrics: { train: r.train.metrics, ...(testCheck ? { test: testCheck.metrics } : {}) },
      source: { stage: f.stage, stack: stages[f.stage - 1]?.stack ?? '', step: f.step, restart: f.restart, extractor: f.extractor },
      network: r.layers,
    };
  }
}

/** Relative RMS error under which a network is read even if it does not halve the last one's error. */
const NEAR_EXACT = 1e-4;

function unsolved(target: string): OutputResult {
  return {
    target,
    formula: '',
    latex: '',
    expression: null,
    exact: false,
    complexity: 0,
    metrics: { train: { rows: 0, mse: NaN, maxAbsError: NaN, maxRelError: NaN, rmsRelError: NaN } },
    source: null,
    network: [],
  };
}
