import { threadId, workerData, type MessagePort } from 'node:worker_threads';
import { initBackend } from '../engine/backend.ts';
import { TaskRunner } from './runTask.ts';
import type { StageContext, StageDone, StageTask } from './task.ts';

/**
 * A worker thread of the stage pool (pool.ts): TensorFlow.js starts once,
 * then it runs stage tasks. Events go back on the task's port as they
 * happen, tagged with this thread; a stop request arrives through shared
 * memory, which the stage reads between steps.
 */
const context = workerData as StageContext;
await initBackend(context.backend);
const runner = new TaskRunner(context);

export interface PoolTask extends StageTask {
  /** One Int32: set to 1 to stop the stage at its next step. */
  stop: SharedArrayBuffer;
  port: MessagePort;
}

export default async function runPoolTask(task: PoolTask): Promise<StageDone> {
  const stop = new Int32Array(task.stop);
  try {
    return await runner.run(task, (event) => task.port.postMessage({ thread: threadId, event }), () => Atomics.load(stop, 0) === 1);
  } finally {
    task.port.close();
  }
}
