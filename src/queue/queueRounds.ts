import type { Dataset } from '../data/dataset.ts';
import type { BackendName } from '../engine/backend.ts';
import type { CandidateBook } from '../result/book.ts';
import type { StageRecord } from '../result.ts';
import { describeQ } from '../calu/qset.ts';
import { DEFAULT_SEED } from '../defaults.ts';
import { forTargets, stageApplies, stageKind, stageLabel, type StageSpec } from '../train/recipe.ts';
import { runSpeculatively } from '../train/speculation.ts';
import { resolveTransform, transformName } from '../train/transform.ts';
import type { Base, StageJob } from '../train/stage.ts';
import type { EventSink } from '../train/events.ts';
import type { StopReason } from '../train/rounds.ts';
import type { FitOptions, Search } from '../fit.ts';
import { planRound } from '../train/recipe.ts';
import type { Offer, StageContext, StageDone, StageRunner } from './task.ts';
import type { ProgressEvent, StageEvent } from '../train/events.ts';

/** A stage as prepared for a worker: its job, and the open targets it was prepared for. */
interface Job {
  job: Omit<StageJob, 'rows'>;
  open: number[];
  /** Per trained target, whether the book held it solved when the stage started (its copy starts so). */
  startSolved?: boolean[];
}

/**
 * The fit's rounds on the workers of a queue (fit.ts's rounds, for
 * --queue): the same stages, jobs and commits, run speculatively
 * (speculation.ts), --workers of them at once. The candidate book and the
 * residual bases stay here; a worker gets a copy of the book's standing
 * for the stage's targets.
 */
export async function queueRounds(
  data: Dataset,
  options: FitOptions,
  search: Search,
  book: CandidateBook,
  emit: EventSink,
  backend: BackendName,
): Promise<{ stages: StageRecord[]; stoppedBy: StopReason }> {
  // As many stages in flight as --workers says, on the machines that serve the queue.
  const workers = options.workers ?? 1;
  const targets = data.targets.map((_, o) => o);
  // The best m -> a network so far per transform (by name) and dataset target, and how often it changed.
  const bases = new Map<string, Array<Base | null>>();
  const baseChanges = new Map<string, number>();
  const baseOf = (spec: StageSpec, o: number) => bases.get(transformName(spec.transform))?.[o] ?? null;
  // The k-th stage run takes the k-th seed of the search's stream, as when stages run one by one.
  const seeds: number[] = [];
  const seedAt = (index: number) => {
    while (seeds.length < index) seeds.push(search.rng.nextU32());
    return seeds[index - 1];
  };
  const stages: StageRecord[] = [];
  const stopped = () => options.signal?.aborted === true || options.shouldStop?.() === true;
  const applies = (spec: StageSpec, o: number, hasBase: boolean) =>
    stageApplies(spec, { solved: book.solved(o) || book.settled(o), dominant: search.dominant[o], hasBase, y: search.columns[o], x: search.rows.all.x });
  const seedsBasesFor = (spec: StageSpec, key: string) =>
    stageKind(spec).seedsBases && spec.stack.layers.length === 2 && spec.stack.layers[0].kind === 'caluM' && transformName(spec.transform) === key;

  const context: StageContext = { data, test: options.test, rows: search.rows, everyRow: search.everyRow, symbols: search.symbols, positive: search.positive, book: { seed: options.seed ?? DEFAULT_SEED, criterion: options.criterion }, backend };
  const onEvent = (event: StageEvent | ProgressEvent, worker: number) => emit({ ...event, worker });
  const pool: StageRunner = await (await import('./queueRunner.ts')).QueueRunner.open(options.queue!, context, onEvent);
  const watch = setInterval(() => stopped() && pool.stopAll(), 50);
  try {
    const stoppedBy = await runSpeculatively<Job, StageDone>({
      plan: (round) => planRound(round, data.inputs.length, data.targets.length, options),
      open: (spec) => targets.filter((o) => applies(spec, o, baseOf(spec, o) !== null)),
      expected: (spec, ahead) => {
        const key = transformName(spec.transform);
        const seeded = ahead.some((a) => seedsBasesFor(a, key));
        return targets.some((o) => applies(spec, o, seeded || baseOf(spec, o) !== null));
      },
      mayStartAhead: (spec, ahead) => !stageKind(spec).needsBase || !ahead.some((a) => seedsBasesFor(a, transformName(spec.transform))),
      prepare: (spec, open, index) => {
        const stage = forTargets(spec, open.length);
        const outputs = stage.trainsAll ? targets : open;
        const residual = stageKind(stage).needsBase;
        const key = transformName(stage.transform);
        const seed = seedAt(index);
        const description = { index, stack: stageLabel(stage, data.inputs.length), q: describeQ(stage.q), restarts: stage.restarts, steps: stage.steps, targets: outputs.map((o) => data.targets[o]) };
        const job: Omit<StageJob, 'rows'> = {
          description,
          spec: stage,
          seed,
          outputs,
          transforms: outputs.map((o) => resolveTransform(stage.transform, search.dominant[o])!),
          // Only a residual stage builds on the bases; the others' own best bases are merged at commit (the same as comparing as they go).
          bases: outputs.map((o) => (residual ? baseOf(stage, o) : null)),
          deadline: search.deadline,
        };
        return { job: { job, open }, key: `${index}|${seed}|${outputs.join(',')}|${open.join(',')}|${residual ? (baseChanges.get(key) ?? 0) : ''}` };
      },
      start: (j) => {
        const standing = j.job.outputs.map((o) => book.standing(o));
        j.startSolved = j.job.outputs.map((o) => book.solved(o));
        return pool.start({ job: j.job, standing });
      },
      commit: (j, done) => {
        const { job, open } = j;
        if (!sameStart(book, job.outputs, j.startSolved!) || !replay(book, job.outputs, done.offers, job.outputs.map((o) => book.save(o)))) return false;
        const key = transformName(job.spec.transform);
        if (!bases.has(key)) bases.set(key, data.targets.map(() => null));
        const kept = bases.get(key)!;
        done.bases.forEach((b, k) => {
          const o = job.outputs[k];
          if (b && b !== kept[o] && (!kept[o] || b.error < kept[o]!.error)) {
            kept[o] = b;
            baseChanges.set(key, (baseChanges.get(key) ?? 0) + 1);
          }
        });
        stages.push({ ...job.description, targets: open.map((o) => data.targets[o]), end: done.end, seconds: done.seconds });
        return true;
      },
      solved: () => book.allSolved(),
      settled: () => book.allDone(),
      deadline: search.deadline,
      workers,
      stopped,
    });
    return { stages, stoppedBy };
  } finally {
    clearInterval(watch);
    await pool.close();
  }
}

/** Whether the book holds the stage's targets solved as its copy did when it started. */
function sameStart(book: CandidateBook, outputs: number[], startSolved: boolean[]): boolean {
  return outputs.every((o, k) => book.solved(o) === startSolved[k]);
}

/**
 * A stage's offers, into the book in order. The stage ran against a copy
 * of the book: if the book answers "solved?" otherwise than the copy did
 * at any point, the stage would have run differently here, so the book
 * goes back to `saved` and false is returned (the stage runs again).
 */
function replay(book: CandidateBook, outputs: number[], offers: Offer[], saved: unknown[]): boolean {
  const same = offers.every((offer) => answers(book, offer));
  if (!same) outputs.forEach((o, k) => book.restore(o, saved[k]));
  return same;
}

/** Makes the stage's offer to the book, or asks it what the stage asked its copy: whether the book answers as the copy did. */
function answers(book: CandidateBook, offer: Offer): boolean {
  if (!('found' in offer)) return book.settled(offer.output) === offer.settled;
  book.offer(offer.output, offer.found);
  return book.solved(offer.output) === offer.solved;
}
