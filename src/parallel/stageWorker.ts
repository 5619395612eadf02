import { threadId, type MessagePort } from 'node:worker_threads';
import { initBackend } from '../engine/backend.ts';
import { TaskRunner } from './runTask.ts';
import type { StageContext, StageDone, StageTask } from './task.ts';

/**
 * A worker thread of the stage pool (pool.ts): TensorFlow.js starts once,
 * then it runs stage tasks, of one fit after another. Events and offers go
 * back on the task's port as they happen, tagged with this thread; a stop
 * request arrives through shared memory, which the stage reads between
 * steps.
 */
export interface PoolTask extends StageTask {
  /** The fit the task is of, and its context (its columns in shared memory). */
  fit: string;
  context: StageContext;
  /** One Int32: set to 1 to stop the stage at its next step. */
  stop: SharedArrayBuffer;
  port: MessagePort;
}

/** The runner of the last fit seen: its distinct-point counts are kept between its stages. */
let last: { fit: string; runner: TaskRunner } | null = null;

export default async function runPoolTask(task: PoolTask): Promise<StageDone> {
  const stop = new Int32Array(task.stop);
  try {
    await initBackend(task.context.backend);
    if (last?.fit !== task.fit) last = { fit: task.fit, runner: new TaskRunner(task.context) };
    return await last.runner.run(
      task,
      (event) => task.port.postMessage({ thread: threadId, event }),
      () => Atomics.load(stop, 0) === 1,
      (offer) => task.port.postMessage({ thread: threadId, offer }),
    );
  } finally {
    task.port.close();
  }
}
