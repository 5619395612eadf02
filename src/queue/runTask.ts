import { distinctPoints } from '../data/dataset.ts';
import { CandidateBook } from '../result/book.ts';
import { runStage } from '../train/stage.ts';
import type { ProgressEvent, StageEvent } from '../train/events.ts';
import type { Offer, StageContext, StageDone, StageTask } from './task.ts';

/**
 * Runs one stage task away from the fit's candidate book: against a copy of
 * the book that starts where the fit's stood for the stage's targets, so
 * the stage stops and pools exactly as it would beside the real one. Every
 * offer is recorded for the fit to replay, with what the copy answered.
 */
export class TaskRunner {
  /** Distinct points counted once per number asked for (see decidable.ts). */
  private readonly counted = new Map<number, number>();

  constructor(private readonly context: StageContext) {}

  async run(task: StageTask, emit: (e: StageEvent | ProgressEvent) => void, shouldStop: () => boolean, onOffer: (offer: Offer) => void = () => {}): Promise<StageDone> {
    const c = this.context;
    const distinct = (enough: number) => this.counted.get(enough) ?? this.counted.set(enough, distinctPoints(c.test ? [c.data, c.test] : [c.data], enough)).get(enough)!;
    const book = new CandidateBook(c.data, { rows: c.rows.all, everyRow: c.everyRow, distinct }, c.symbols, c.positive, () => {}, c.book);
    const job = { ...task.job, rows: c.rows };
    job.outputs.forEach((o, k) => book.adopt(o, task.standing[k]));
    const startSolved = job.outputs.map((o) => book.solved(o));
    const offers: Offer[] = [];
    const t0 = performance.now();
    const outcome = await runStage(job, {
      offer: (output, found) => {
        book.offer(output, found);
        const offer = { output, found, solved: book.solved(output) };
        offers.push(offer);
        onOffer(offer);
      },
      solved: (o) => book.solved(o),
      settled: (output) => {
        const offer = { output, settled: book.settled(output) };
        offers.push(offer);
        onOffer(offer);
        return offer.settled;
      },
      emit,
      shouldStop,
    });
    return { ...outcome, startSolved, offers, seconds: (performance.now() - t0) / 1000 };
  }
}
