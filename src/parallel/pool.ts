import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Running } from '../train/speculation.ts';
import type { ProgressEvent, StageEvent } from '../train/events.ts';
import type { StageContext, StageDone, StageRunner, StageTask } from './task.ts';
import type { PoolTask } from './stageWorker.ts';

/**
 * Stage workers on this machine: a piscina pool of worker threads, each
 * with its own TensorFlow.js, sharing the fit's context (sent once, as the
 * workers' data). Events stream back on a port per task, tagged with the
 * worker (numbered from 1 in the order they first report).
 */
export class StagePool implements StageRunner {
  private readonly pool: Piscina;
  private readonly stops = new Set<Int32Array>();
  private readonly numbers = new Map<number, number>();

  constructor(
    workers: number,
    context: StageContext,
    private readonly onEvent: (event: StageEvent | ProgressEvent, worker: number) => void,
  ) {
    this.pool = new Piscina({
      filename: new URL('./stageWorker.js', import.meta.url).href,
      minThreads: workers,
      maxThreads: workers,
      workerData: context,
      // A stage holds its worker for seconds to minutes: no task waits for a busy worker while another is idle.
      concurrentTasksPerWorker: 1,
      idleTimeout: Infinity,
    });
  }

  start(task: StageTask): Running<StageDone> {
    const stopBuffer = new SharedArrayBuffer(4);
    const stop = new Int32Array(stopBuffer);
    this.stops.add(stop);
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (m: { thread: number; event: StageEvent | ProgressEvent }) => {
      if (!this.numbers.has(m.thread)) this.numbers.set(m.thread, this.numbers.size + 1);
      this.onEvent(m.event, this.numbers.get(m.thread)!);
    });
    const payload: PoolTask = { ...task, stop: stopBuffer, port: port2 };
    const done = (this.pool.run(payload, { transferList: [port2] }) as Promise<StageDone>).finally(() => {
      this.stops.delete(stop);
      port1.close();
    });
    return { done, cancel: () => Atomics.store(stop, 0, 1) };
  }

  /** Asks every running stage to stop at its next step. */
  stopAll(): void {
    for (const stop of this.stops) Atomics.store(stop, 0, 1);
  }

  async close(): Promise<void> {
    this.stopAll();
    await this.pool.destroy();
  }
}
