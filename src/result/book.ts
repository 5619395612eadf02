import type { Dataset } from '../data/dataset.ts';
import { targetRows, type Rows } from '../data/rows.ts';
import { NEAR_EXACT, readFormula } from '../formula/formula.ts';
import type { SnappedLayer } from '../formula/evaluate.ts';
import { checkFormula } from '../formula/verify.ts';
import type { CandidateRow, OutputResult, StageRecord } from '../result.ts';
import type { EventSink } from '../train/events.ts';
import type { Found } from '../train/stage.ts';
import { candidateTable, type Entry } from './table.ts';
import { outputResult, unsolved } from './output.ts';
import { undecided, type Judged } from './decidable.ts';

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

  constructor(
    private readonly data: Dataset,
    private readonly searched: SearchedRows,
    private readonly symbols: string[],
    /** positive[j]: input j is > 0 on every row. */
    private readonly positive: boolean[],
    private readonly emit: EventSink,
  ) {
    this.best = data.targets.map(() => null);
    this.trail = data.targets.map(() => []);
    this.shapes = data.targets.map(() => new Set());
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
    if (!better(found, this.best[o])) return;
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
    if (!same) {
      this.emit({ type: 'candidate', target: this.data.targets[o], formula: formula.text, exact: formula.train.exact, error: formula.train.metrics.maxRelError, stage: found.stage, step: found.step, network: formula.layers });
    }
  }

  /** Every target's chosen formula, checked on the test rows too, and the candidate table. */
  finish(stages: StageRecord[], test?: Dataset): { outputs: OutputResult[]; candidates: CandidateRow[] } {
    const outputs: OutputResult[] = [];
    const candidates: CandidateRow[] = [];
    this.data.targets.forEach((target, o) => {
      // The best network is a candidate even when it never improved enough to be read on the way.
      const b = this.best[o];
      if (b && this.trail[o].at(-1) !== b) this.trail[o].push({ found: b.found, formula: this.read(b.found.layers, o) });
      const table = candidateTable(this.trail[o], this.rows(o), (layers) => this.read(layers, o));
      candidates.push(...table.rows.map((row) => ({ target, ...row })));
      outputs.push(table.chosen ? outputResult(target, table.chosen, this.symbols, stages, test) : unsolved(target));
    });
    candidates.sort((a, b) => a.target.localeCompare(b.target) || a.complexity - b.complexity);
    return { outputs, candidates };
  }

  /** What decides target o's next offers, as plain data: where a stage in another thread starts its own copy of the book (see adopt). */
  standing(o: number): Standing {
    const b = this.best[o];
    return { best: b && { found: b.found, fits: b.fits }, last: this.trail[o].at(-1)?.found ?? null, shapes: [...this.shapes[o]] };
  }

  /** Takes target o's standing from another book: offers then go as they would there. */
  adopt(o: number, s: Standing): void {
    this.best[o] = s.best && { found: s.best.found, formula: null, fits: s.best.fits };
    this.trail[o] = s.last ? [{ found: s.last, formula: this.read(s.last.layers, o) }] : [];
    this.shapes[o] = new Set(s.shapes);
  }

  /** Target o's state as it is, to undo the offers made after (see restore). */
  save(o: number): unknown {
    return { best: this.best[o], trail: [...this.trail[o]], shapes: new Set(this.shapes[o]) };
  }

  restore(o: number, saved: unknown): void {
    const s = saved as { best: BookEntry | null; trail: Entry[]; shapes: Set<string> };
    this.best[o] = s.best;
    this.trail[o] = [...s.trail];
    this.shapes[o] = new Set(s.shapes);
  }

  private rows(o: number): Rows {
    return targetRows(this.searched.rows, o);
  }

  /** A network read as a formula on the searched rows, and judged: checked on every row, and decided by the data. */
  private read(layers: SnappedLayer[], o: number): Judged {
    const f = readFormula(layers, this.symbols, this.rows(o), this.positive);
    const d = this.data;
    const train = this.searched.everyRow ? f.train : checkFormula(f.node, this.symbols, d.inputColumns, d.targetColumns[o], d.precisionColumns[o]);
    const why = train.exact ? undecided(f.layers, (enough) => this.searched.distinct(enough)) : undefined;
    return why ? { ...f, train: { ...train, exact: false }, undecided: why } : { ...f, train };
  }
}

/** What a book holds of one target that decides how it takes the next offers (its best, the last candidate read, the shapes read), as plain data. */
export interface Standing {
  best: { found: Found; fits: boolean } | null;
  last: Found | null;
  shapes: string[];
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
