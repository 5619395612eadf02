import { parentPort, workerData } from 'node:worker_threads';
import { fit } from '../src/fit.ts';
import { CaluError } from '../src/errors.ts';
import type { FitJob, WorkerMessage } from './backgroundFit.ts';

/**
 * Runs one fit off the main thread, so the live screen keeps drawing and
 * reading keys while training holds this thread. Events and the result go
 * back as messages; a stop request arrives through shared memory, which
 * fit's shouldStop reads between steps.
 */
const job = workerData as FitJob;
const stop = new Int32Array(job.stop);
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
try {
  const result = await fit(job.data, {
    ...job.options,
    test: job.test,
    onEvent: (event) => post({ kind: 'event', event }),
    shouldStop: () => Atomics.load(stop, 0) === 1,
  });
  post({ kind: 'result', result });
} catch (e) {
  const err = e as Error;
  post({ kind: 'error', message: err?.message ?? String(e), stack: err?.stack, user: e instanceof CaluError });
}
