import { randomUUID } from 'node:crypto';
import { serialize } from 'node:v8';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import type { Running } from '../train/speculation.ts';
import type { ProgressEvent, StageEvent } from '../train/events.ts';
import type { StageContext, StageDone, StageRunner, StageTask } from './task.ts';
import { dataKey, KEEP_SECONDS, pack, parseQueueUrl, QUEUE, stopKey, unpack } from './connection.ts';

/** What a queued job carries: the fit's data by content hash, and the task. */
export interface QueuedStage {
  data: string;
  task: string;
}

/** What a worker reports while it runs a job (BullMQ progress). */
export interface QueuedProgress {
  worker: string;
  event: StageEvent | ProgressEvent;
}

/**
 * Stages as BullMQ jobs, for `calu worker` processes on any machine that
 * reaches the Redis server. The fit's data is stored once, by its content
 * hash; each job carries the hash and one stage task. A job cancelled
 * while it waits is removed; one already running is asked to stop through
 * a key its worker watches. A worker that dies mid-job leaves it stalled:
 * BullMQ gives it to another worker, which runs the same task again.
 */
export class QueueRunner implements StageRunner {
  private readonly fit = randomUUID();
  private next = 0;
  private readonly open = new Set<string>();
  private readonly numbers = new Map<string, number>();
  /** How each job's promise ends, by job id, until its completed or failed event. */
  private readonly waiting = new Map<string, { resolve: (r: StageDone) => void; reject: (e: Error) => void }>();

  private constructor(
    private readonly redis: Redis,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly data: string,
  ) {}

  static async open(url: string, context: StageContext, onEvent: (event: StageEvent | ProgressEvent, worker: number) => void): Promise<QueueRunner> {
    const connection = parseQueueUrl(url);
    const redis = new Redis(connection);
    const bytes = serialize(context);
    const key = dataKey(bytes);
    await redis.set(key, bytes.toString('base64'), 'EX', KEEP_SECONDS);
    const queue = new Queue(QUEUE, { connection });
    const events = new QueueEvents(QUEUE, { connection });
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    const runner = new QueueRunner(redis, queue, events, key);
    events.on('completed', ({ jobId, returnvalue }) => {
      const r = returnvalue as unknown as string;
      runner.waiting.get(jobId)?.resolve(unpack<StageDone>(r.startsWith('"') ? (JSON.parse(r) as string) : r));
      runner.waiting.delete(jobId);
    });
    events.on('failed', ({ jobId, failedReason }) => {
      runner.waiting.get(jobId)?.reject(new Error(`a worker failed a stage: ${failedReason}`));
      runner.waiting.delete(jobId);
    });
    events.on('progress', ({ jobId, data }) => {
      if (!runner.open.has(jobId)) return;
      const p = data as unknown as QueuedProgress;
      if (!runner.numbers.has(p.worker)) runner.numbers.set(p.worker, runner.numbers.size + 1);
      onEvent(p.event, runner.numbers.get(p.worker)!);
    });
    return runner;
  }

  start(task: StageTask): Running<StageDone> {
    const jobId = `${this.fit}-${++this.next}`;
    this.open.add(jobId);
    // Its result comes as an event (the job itself is removed once complete): listened for before the job exists.
    const done = new Promise<StageDone>((resolve, reject) => this.waiting.set(jobId, { resolve, reject }));
    this.queue.add('stage', { data: this.data, task: pack(task) } satisfies QueuedStage, { jobId, removeOnComplete: true, removeOnFail: true }).catch((e: Error) => {
      this.waiting.get(jobId)?.reject(e);
      this.waiting.delete(jobId);
    });
    done.finally(() => this.open.delete(jobId)).catch(() => {});
    return { done, cancel: () => void this.cancel(jobId) };
  }

  /** A waiting job is removed; a running one is asked to stop. */
  private async cancel(jobId: string): Promise<void> {
    this.open.delete(jobId);
    // Nobody waits for a cancelled job's result any more.
    this.waiting.delete(jobId);
    await this.redis.set(stopKey(jobId), '1', 'EX', KEEP_SECONDS);
    await this.queue.remove(jobId).catch(() => 0);
  }

  stopAll(): void {
    for (const jobId of [...this.open]) void this.cancel(jobId);
  }

  async close(): Promise<void> {
    await Promise.all([...this.open].map((jobId) => this.cancel(jobId)));
    await this.redis.del(this.data);
    await Promise.all([this.events.close(), this.queue.close()]);
    await this.redis.quit();
  }
}
