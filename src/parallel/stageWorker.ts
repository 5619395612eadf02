import type { MessagePort } from 'node:worker_threads';
import { initBackend, type BackendName } from '../engine/backend.ts';
import { trainShare, type Range, type ShareSnapshot } from '../train/shares.ts';
import type { StageJob } from '../train/stage.ts';

/**
 * A worker thread of the share pool (pool.ts): TensorFlow.js starts once,
 * then it trains shares of stages, of one fit after another. Snapshots go
 * back on the task's port as they are taken, then an end mark; a stop
 * request arrives through shared memory, read between steps.
 */
export interface ShareTask {
  job: StageJob;
  range: Range;
  backend: BackendName;
  /** One Int32: set to 1 to stop the share at its next step. */
  stop: SharedArrayBuffer;
  port: MessagePort;
}

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
  const stop = new Int32Array(task.stop);
  let end: ShareMessage = { end: true };
  try {
    await initBackend(task.backend);
    trainShare(task.job, task.range, (s) => task.port.postMessage(s satisfies ShareMessage), () => Atomics.load(stop, 0) === 1);
  } catch (e) {
    end = { end: true, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  } finally {
    task.port.postMessage(end);
    task.port.close();
  }
}
