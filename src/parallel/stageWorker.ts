import type { MessagePort } from 'node:worker_threads';
import { initBackend, type BackendName } from '../engine/backend.ts';
import { trainShare, type Range, type ShareControl, type ShareSnapshot } from '../train/shares.ts';
import type { StageJob } from '../train/stage.ts';
import type { TrainerState } from '../train/trainer.ts';

/**
 * A worker thread of the share pool (pool.ts): TensorFlow.js starts once,
 * then it trains shares of stages, of one fit after another. Snapshots go
 * back on the task's port as they are taken, then an end mark; a stop
 * request, and how far the fit's thread has read, arrive through shared
 * memory, read between steps.
 */
export interface ShareTask {
  job: StageJob;
  range: Range;
  backend: BackendName;
  /** Two Int32s: [STOP] set to 1 stops the share at its next step; [GATHERED], the last snap the fit's thread asked for. */
  control: SharedArrayBuffer;
  /** How many steps the share may train past GATHERED. */
  lookahead: number;
  /** Where the restarts stand when the stage's thread trained them so far (see SharedTraining.handOver). */
  from?: TrainerState;
  port: MessagePort;
}

/** The words of ShareTask.control. */
export const STOP = 0;
export const GATHERED = 1;

/** Longest wait between two looks at the stop word (a stop also wakes the share). */
const WAIT_MS = 200;

/** A snapshot, or the end of the share (with the error that ended it, if one did). */
export type ShareMessage = ShareSnapshot | { end: true; error?: string };

/** Loads TensorFlow.js and nothing else: sent once per thread when a pool starts (see SharePool.ready). */
export interface WarmTask {
  warm: BackendName;
}

export default async function runShareTask(task: ShareTask | WarmTask): Promise<void> {
  if ('warm' in task) {
    await initBackend(task.warm);
    return;
  }
  const words = new Int32Array(task.control);
  const control: ShareControl = {
    stopped: () => Atomics.load(words, STOP) === 1,
    waitFor: (step) => {
      for (let gathered = Atomics.load(words, GATHERED); step > gathered + task.lookahead && !control.stopped(); gathered = Atomics.load(words, GATHERED)) {
        Atomics.wait(words, GATHERED, gathered, WAIT_MS);
      }
    },
  };
  let end: ShareMessage = { end: true };
  try {
    await initBackend(task.backend);
    trainShare(task.job, task.range, (s) => task.port.postMessage(s satisfies ShareMessage), control, task.from);
  } catch (e) {
    end = { end: true, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  } finally {
    task.port.postMessage(end);
    task.port.close();
  }
}
