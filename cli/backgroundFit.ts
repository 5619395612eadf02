import { Worker } from 'node:worker_threads';
import type { Dataset } from '../src/data/dataset.ts';
import type { FitOptions } from '../src/fit.ts';
import type { FitResult } from '../src/result.ts';
import type { FitEvent } from '../src/train/events.ts';
import { CaluError } from '../src/errors.ts';

/** What the worker needs: plain data only, as it crosses a thread boundary. */
export interface FitJob {
  data: Dataset;
  test?: Dataset;
  options: Omit<FitOptions, 'test' | 'onEvent' | 'shouldStop' | 'signal'>;
  /** One Int32: set to 1 to stop early. */
  stop: SharedArrayBuffer;
}

export type WorkerMessage =
  | { kind: 'event'; event: FitEvent }
  | { kind: 'result'; result: FitResult }
  | { kind: 'error'; message: string; stack?: string; user: boolean };

export interface BackgroundFit {
  result: Promise<FitResult>;
  /** Asks the fit to stop at its next step and return the best formulas so far. */
  stop(): void;
}

/**
 * fit() in a worker thread. Training is synchronous between stages, so in
 * the main thread it would hold off every redraw and key press until a
 * stage ended; in a worker, q and Ctrl-C reach the trainer within a step.
 */
export function fitInBackground(job: Omit<FitJob, 'stop'>, onEvent: (e: FitEvent) => void): BackgroundFit {
  const stop = new SharedArrayBuffer(4);
  const worker = new Worker(new URL('./fitWorker.js', import.meta.url), { workerData: { ...job, stop } satisfies FitJob });
  const result = new Promise<FitResult>((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'event') onEvent(m.event);
      else if (m.kind === 'result') {
        settled = true;
        resolve(m.result);
      } else {
        settled = true;
        const err = m.user ? new CaluError(m.message) : new Error(m.message);
        if (m.stack && !m.user) err.stack = m.stack;
        reject(err);
      }
    });
    worker.on('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the training thread exited with code ${code} before it finished`));
    });
  });
  return { result, stop: () => Atomics.store(new Int32Array(stop), 0, 1) };
}
