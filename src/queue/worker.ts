import { hostname } from 'node:os';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { initBackend } from '../engine/backend.ts';
import { TaskRunner } from './runTask.ts';
import type { StageContext, StageTask } from './task.ts';
import { pack, parseQueueUrl, QUEUE, stopKey, unpack } from './connection.ts';
import type { QueuedProgress, QueuedStage } from './queueRunner.ts';

/** How often a running job looks whether its fit asked it to stop. */
const STOP_POLL_MS = 250;
/** At most one progress report a second reaches Redis (stage starts always do). */
const PROGRESS_MS = 1000;

/**
 * `calu worker --queue redis://HOST:PORT`: takes stage jobs from the queue,
 * one at a time, until it is told to close. A fit's data is fetched once by
 * its hash and kept for its next jobs. The lock of a running job is short,
 * so a worker that dies leaves a stalled job that another takes up soon.
 */
export async function runWorker(url: string, log: (line: string) => void): Promise<{ close(): Promise<void> }> {
  const connection = parseQueueUrl(url);
  const backend = await initBackend();
  const redis = new Redis(connection);
  const name = `${hostname()}:${process.pid}`;
  const runners = new Map<string, TaskRunner>();
  const runnerFor = async (key: string): Promise<TaskRunner> => {
    const known = runners.get(key);
    if (known) return known;
    const text = await redis.get(key);
    if (text === null) throw new Error(`the fit's data (${key}) is gone from Redis`);
    // One fit at a time is the usual case: keep the last data only.
    runners.clear();
    const runner = new TaskRunner(unpack<StageContext>(text));
    runners.set(key, runner);
    return runner;
  };
  const worker = new Worker(
    QUEUE,
    async (job) => {
      const { data, task } = job.data as QueuedStage;
      const runner = await runnerFor(data);
      const stage = unpack<StageTask>(task);
      log(`${name}: job ${job.id}: stage ${stage.job.description.index} (${stage.job.description.stack})`);
      let stop = false;
      const poll = setInterval(() => {
        redis.exists(stopKey(job.id!)).then((n) => (stop ||= n === 1), () => {});
      }, STOP_POLL_MS);
      let last = 0;
      try {
        const done = await runner.run(
          stage,
          (event) => {
            const now = performance.now();
            if (event.type === 'progress' && now - last < PROGRESS_MS) return;
            last = now;
            job.updateProgress({ worker: name, event } satisfies QueuedProgress as object).catch(() => {});
          },
          () => stop,
        );
        return pack(done);
      } finally {
        clearInterval(poll);
      }
    },
    { connection, concurrency: 1, lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 10 },
  );
  await worker.waitUntilReady();
  log(`${name}: waiting for stage jobs on ${url} (backend ${backend})`);
  return {
    close: async () => {
      await worker.close(true);
      await redis.quit();
    },
  };
}
