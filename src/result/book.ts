import type { Dataset } from '../data/dataset.ts';
import { targetRows, type Rows } from '../data/rows.ts';
import { NEAR_EXACT, readFormula, type ReadFormula } from '../formula/formula.ts';
import type { SnappedLayer } from '../formula/evaluate.ts';
import type { CandidateRow, OutputResult, StageRecord } from '../result.ts';
import type { EventSink } from '../train/events.ts';
import type { Found } from '../train/stage.ts';
import { checkFormula, checkPredictions, evaluateFormula } from '../formula/verify.ts';
import { DEFAULT_SEED } from '../defaults.ts';
import { candidateTable, shortlist, withSparser, type Entry } from './table.ts';
import { outputResult, unsolved } from './output.ts';
import { undecided, type Judged } from './decidable.ts';
import { splitRows, type Holdout } from './holdout.ts';
import { nearestNeighbours, type Neighbours } from './noise.ts';
import { NoiseJudge } from './judge.ts';
import { DEFAULT_CRITERION, type Criterion } from './selection.ts';

/** The rows the book reads formulas on, and what it needs to judge them on every row. */
export interface SearchedRows {
  /** Every training row, or the search's subsample of a large file (see subsample.ts). */
  rows: Rows;
  /** `rows` are every row of the dataset, in order: a formula's check on them is its check on the data. */
  everyRow: boolean;
  /** Distinct points of the inputs (training and test rows), counted up to `enough` (see decidable.ts). */
  distinct(enough: number): number;
}

/**
 * Training steps a formula that fits within noise must stay the preferred
 * one for before its target counts as settled, per 8 nodes of the formula
 * (at least this many): a longer formula waits longer for a simpler one
 * that later stages may find.
 */
export const PATIENCE_STEPS = 300;

/** A smaller network within this factor of the best one's error is read for the table under noise, at most MAX_ALIKE per target. */
const ALIKE = 1.5;
const MAX_ALIKE = 64;

export interface BookOptions {
  /** Seeds the validation split (holdout.ts). */
  seed?: number;
  criterion?: Criterion;
}

/**
 * The candidates of a fit, target by target: the one sink every stage hands
 * its networks to. It keeps the best network of each target (which tells the
 * search what is still open) and reads the promising ones as formulas (the
 * candidate table, PySR's equations_). A network passed the stage's screen
 * at most; only the float64 check of its printed formula makes it exact:
 * on every row of the data (in chunks, for a large file), with at least
 * as many distinct rows as it takes to decide the formula (decidable.ts).
 */
export class CandidateBook {
  /** The best candidate of each target so far, read as a formula or not. */
  private readonly best: Array<BookEntry | null>;
  /** The candidates read as formulas, per target, in the order they came. */
  private readonly trail: Entry[][];
  /** Shapes (exponents and sizes) of the networks already read, per target. */
  private readonly shapes: Array<Set<string>>;
  /** Smaller networks about as good as the best, for the table under noise (see offerAlike), and their shapes. */
  private readonly alike: Alike[][];
  private readonly alikeShapes: Array<Set<string>>;
  private readonly clock: Clock[];
  /** Per target, the offers that changed the book (the others only moved its clock): what a copy replays (see standing). */
  private readonly kept: Found[][];
  private split: { holdout: Holdout; neighbours: Neighbours } | null = null;
  /** Offers replayed from another book's standing (adopt) are not announced again. */
  private replaying = false;
  private readonly judges: Array<NoiseJudge | null>;

  constructor(
    private readonly data: Dataset,
    private readonly searched: SearchedRows,
    private readonly symbols: string[],
    /** positive[j]: input j is > 0 on every row. */
    private readonly positive: boolean[],
    private readonly emit: EventSink,
    private readonly options: BookOptions = {},
  ) {
    this.best = data.targets.map(() => null);
    this.trail = data.targets.map(() => []);
    this.shapes = data.targets.map(() => new Set());
    this.alike = data.targets.map(() => []);
    this.alikeShapes = data.targets.map(() => new Set());
    this.clock = data.targets.map(() => ({ stage: 0, step: 0, steps: 0, read: -1, leader: null, within: false, since: 0, patience: PATIENCE_STEPS }));
    this.judges = data.targets.map(() => null);
    this.kept = data.targets.map(() => []);
  }

  /** Whether target o has a formula whose printed tree fits every row: exact, or all the data can say. */
  solved(o: number): boolean {
    return this.best[o]?.fits ?? false;
  }

  allSolved(): boolean {
    return this.data.targets.every((_, o) => this.solved(o));
  }

  /**
   * A network for target o. It replaces the best when it is better (see
   * `better`), and is read as a formula (and announced) when it passed the
   * screen, or at least halves the error of the last one read, or is nearly
   * exact in a new shape (snapping its constants may prove it: data written
   * to few digits).
   */
  offer(o: number, found: Found): void {
    const c = this.clock[o];
    c.steps += found.stage === c.stage ? Math.max(0, found.step - c.step) : found.step;
    c.stage = found.stage;
    c.step = found.step;
    const alike = this.offerAlike(o, found);
    if (!better(found, this.best[o])) {
      if (alike) this.kept[o].push(found);
      return;
    }
    this.kept[o].push(found);
    const trail = this.trail[o];
    const prev = trail.at(-1)?.found;
    const shape = found.layers.map((l) => (l.kind === 'caluM' ? JSON.stringify(l.weights) : l.weights.length)).join('|');
    const near = found.error < NEAR_EXACT && !this.shapes[o].has(shape);
    if (prev && !found.screened && found.error >= prev.error / 2 && !near) {
      this.best[o] = { found, formula: null, fits: false };
      return;
    }
    this.shapes[o].add(shape);
    const formula = this.read(found.layers, o);
    const entry = { found, formula, fits: formula.train.exact || formula.undecided !== undefined };
    this.best[o] = entry;
    const same = trail.at(-1)?.formula.text === formula.text;
    trail.push(entry);
    if (!same && !this.replaying) {
      this.emit({ type: 'candidate', target: this.data.targets[o], formula: formula.text, exact: formula.train.exact, error: formula.train.metrics.maxRelError, stage: found.stage, step: found.step, network: formula.layers });
    }
  }

  /**
   * Under noise a smaller network is often about as good as the best one
   * (a quotient of long sums against sqrt of a short one), yet never better
   * by the error alone. Such a network, in a shape not seen before, is kept
   * for the table under noise (at most MAX_ALIKE per target), and read as a
   * formula only once the data look noisy (see alikeRead): reading is most
   * of what an offer costs, and on exact data it was done for nothing.
   */
  private offerAlike(o: number, found: Found): boolean {
    const best = this.best[o];
    if (!best || best.fits || found.screened || this.alike[o].length >= MAX_ALIKE) return false;
    if (!(found.error <= ALIKE * best.found.error) || liveWeights(found.layers) >= liveWeights(best.found.layers)) return false;
    const shape = found.layers.map((l) => (l.kind === 'caluM' ? JSON.stringify(l.weights) : l.weights.length)).join('|');
    if (this.alikeShapes[o].has(shape)) return false;
    this.alikeShapes[o].add(shape);
    this.alike[o].push({ found, formula: null });
    return true;
  }

  /**
   * Whether target o, with no exact formula, is done all the same: the
   * formula the selection criterion prefers fits within noise and has stayed
   * the preferred one for its patience in training steps (of any stages,
   * see PATIENCE_STEPS).
   */
  settled(o: number): boolean {
    if (this.solved(o)) return false;
    const c = this.clock[o];
    const trail = this.trail[o];
    if (c.read !== trail.length + this.alike[o].length) {
      c.read = trail.length + this.alike[o].length;
      const judge = this.judge(o);
      // Only candidates whose residuals could be noise are read under noise here: on exact data that is none.
      const noisy = trail.filter((e) => judge.plausible(e.formula));
      const plausible = noisy.length ? [...noisy, ...this.alikeRead(o).filter((e) => judge.plausible(e.formula))] : [];
      const list = plausible.length ? withSparser(plausible, this.rows(o), (layers) => this.read(layers, o)).filter((e) => judge.plausible(e.formula)) : [];
      const j = judge.judge(shortlist(list, judge, this.searched.rows.x.length).map((e) => ({ source: e, formula: e.formula })));
      const lead = j.rows[j.chosen];
      const text = lead?.reading.formula.text ?? null;
      if (text !== c.leader) {
        c.leader = text;
        c.since = c.steps;
      }
      c.within = lead?.withinNoise ?? false;
      c.patience = Math.round(PATIENCE_STEPS * Math.max(1, (lead?.reading.complexity ?? 0) / 8));
    }
    return c.within && c.steps - c.since >= c.patience;
  }

  /** Every target solved or settled. */
  allDone(): boolean {
    return this.data.targets.every((_, o) => this.solved(o) || this.settled(o));
  }

  /** Every target's chosen formula, checked on the test rows too, and the candidate table. */
  finish(stages: StageRecord[], test?: Dataset): { outputs: OutputResult[]; candidates: CandidateRow[] } {
    const outputs: OutputResult[] = [];
    const candidates: CandidateRow[] = [];
    this.data.targets.forEach((target, o) => {
      // The best network is a candidate even when it never improved enough to be read on the way.
      const b = this.best[o];
      if (b && this.trail[o].at(-1) !== b) this.trail[o].push({ found: b.found, formula: this.read(b.found.layers, o) });
      const held = targetRows(this.holdout().holdout.held, o);
      const heldOut = (r: ReadFormula) => checkPredictions(evaluateFormula(r.node, this.symbols, held.x), held.y.map((t) => t[0])).metrics.rmsRelError;
      const table = candidateTable(this.trail[o], this.alikeRead(o), this.rows(o), (layers) => this.read(layers, o), this.judge(o), heldOut);
      candidates.push(...table.rows.map((row) => ({ target, ...row })));
      outputs.push(table.chosen ? outputResult(target, table.chosen, this.symbols, stages, test) : unsolved(target));
    });
    candidates.sort((a, b) => a.target.localeCompare(b.target) || a.complexity - b.complexity);
    return { outputs, candidates };
  }

  /** Rows held out of the training rows, for every target. */
  heldOutRows(): number {
    return this.holdout().holdout.held.x.length;
  }

  /**
   * What decides target o's next answers, as plain data: where a stage in
   * another thread starts its own copy of the book (see adopt). Under noise
   * "settled?" depends on every candidate read and on the training clock,
   * so the copy gets the offers that changed the book, to read them again,
   * and the clock as it stands.
   */
  standing(o: number): Standing {
    return { kept: [...this.kept[o]], clock: { ...this.clock[o] } };
  }

  /** Takes target o's standing from another book: it then answers as that one would. */
  adopt(o: number, s: Standing): void {
    this.replaying = true;
    try {
      for (const found of s.kept) this.offer(o, found);
    } finally {
      this.replaying = false;
    }
    this.clock[o] = { ...s.clock };
  }

  /** Target o's state as it is, to undo the offers made after (see restore). */
  save(o: number): unknown {
    const saved: Saved = { best: this.best[o], trail: [...this.trail[o]], shapes: new Set(this.shapes[o]), alike: [...this.alike[o]], alikeShapes: new Set(this.alikeShapes[o]), clock: { ...this.clock[o] }, kept: [...this.kept[o]] };
    return saved;
  }

  restore(o: number, saved: unknown): void {
    const s = saved as Saved;
    this.best[o] = s.best;
    this.trail[o] = [...s.trail];
    this.shapes[o] = new Set(s.shapes);
    this.alike[o] = [...s.alike];
    this.alikeShapes[o] = new Set(s.alikeShapes);
    this.clock[o] = { ...s.clock };
    this.kept[o] = [...s.kept];
  }

  /** Target o's smaller networks about as good as the best, each read as a formula (once). */
  private alikeRead(o: number): Entry[] {
    return this.alike[o].map((a) => ({ found: a.found, formula: (a.formula ??= this.read(a.found.layers, o)) }));
  }

  private rows(o: number): Rows {
    return targetRows(this.searched.rows, o);
  }

  /** The validation split and the rows' nearest neighbours, made when first needed. */
  private holdout(): { holdout: Holdout; neighbours: Neighbours } {
    if (!this.split) {
      // On the searched rows: a large file's subsample is split, as it is what the search reads formulas on.
      const all = this.searched.rows;
      this.split = { holdout: splitRows(all, this.options.seed ?? DEFAULT_SEED), neighbours: nearestNeighbours(all.x) };
    }
    return this.split;
  }

  private judge(o: number): NoiseJudge {
    if (!this.judges[o]) {
      const { holdout, neighbours } = this.holdout();
      const ctx = { symbols: this.symbols, positive: this.positive, all: this.rows(o), holdout: { fit: targetRows(holdout.fit, o), held: targetRows(holdout.held, o) }, verify: (f: ReadFormula) => this.verified(f, o) };
      this.judges[o] = new NoiseJudge(ctx, neighbours, this.options.criterion ?? DEFAULT_CRITERION);
    }
    return this.judges[o]!;
  }

  /** A network read as a formula on the searched rows, and judged: checked on every row, and decided by the data. */
  private read(layers: SnappedLayer[], o: number): Judged {
    return this.verified(readFormula(layers, this.symbols, this.rows(o), this.positive), o);
  }

  /** A formula read on the searched rows, checked on every row (when they are a subsample) and decided by the data. */
  private verified(f: ReadFormula, o: number): Judged {
    const d = this.data;
    const train = this.searched.everyRow ? f.train : checkFormula(f.node, this.symbols, d.inputColumns, d.targetColumns[o], d.precisionColumns[o]);
    const why = train.exact ? undecided(f.layers, (enough) => this.searched.distinct(enough)) : undefined;
    return why ? { ...f, train: { ...train, exact: false }, undecided: why } : { ...f, train };
  }

}

/** What a book holds of one target that decides how it answers (see CandidateBook.standing), as plain data. */
export interface Standing {
  kept: Found[];
  clock: Clock;
}

/** Per target: training steps seen (from the offers' stage and step), and the leader under noise since when. */
interface Clock {
  stage: number;
  step: number;
  steps: number;
  read: number;
  leader: string | null;
  within: boolean;
  since: number;
  patience: number;
}

/** Target o's state, to go back to (see CandidateBook.save). */
interface Saved {
  best: BookEntry | null;
  trail: Entry[];
  shapes: Set<string>;
  alike: Alike[];
  alikeShapes: Set<string>;
  clock: Clock;
  kept: Found[];
}

/** A smaller network about as good as the best, and its formula once read. */
interface Alike {
  found: Found;
  formula: Judged | null;
}

/** The book's record of a candidate: it fits only when its formula was read and checked. */
interface BookEntry {
  found: Found;
  formula: Judged | null;
  /** Its formula fits every row: exact, or undecided by too few distinct rows. Either way the search has found what the data can say. */
  fits: boolean;
}

/** A screened network beats an unproven best; among screened ones the first is kept unless a later one is smaller. */
function better(c: Found, prev: BookEntry | null): boolean {
  if (!prev) return true;
  if (c.screened !== prev.fits) return c.screened;
  if (c.screened) return liveWeights(c.layers) < liveWeights(prev.found.layers);
  return c.error < prev.found.error;
}

function liveWeights(layers: SnappedLayer[]): number {
  return layers.reduce((n, l) => n + l.weights.flat().filter((w) => w !== 0).length, 0);
}
