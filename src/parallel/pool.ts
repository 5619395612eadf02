import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Dataset } from '../data/dataset.ts';
import type { ProgressEvent, StageEvent } from '../train/events.ts';
import type { FollowedRun, Offer, StageContext, StageRunner, StageTask, StageDone } from './task.ts';
import type { PoolTask } from './stageWorker.ts';

/**
 * Worker threads kept for the process, one pool per worker count: each
 * thread starts TensorFlow.js once, and later fits reuse it. Idle threads
 * do not keep the process alive.
 */
const pools = new Map<number, Piscina>();

function poolOf(workers: number): Piscina {
  let pool = pools.get(workers);
  if (!pool) {
    pool = new Piscina({
      filename: new URL('./stageWorker.js', import.meta.url).href,
      minThreads: workers,
      maxThreads: workers,
      // A stage holds its worker for seconds to minutes: no task waits for a busy worker while another is idle.
      concurrentTasksPerWorker: 1,
      idleTimeout: Infinity,
    });
    pools.set(workers, pool);
  }
  return pool;
}

let fits = 0;

/**
 * Stage workers on this machine for one fit: tasks go to the process's
 * piscina pool with the fit's context, whose columns are in shared memory
 * (a task carries them without a copy). Events and offers stream back on
 * a port per task, tagged with the worker (numbered from 1 in the order
 * they first report).
 */
export class StagePool implements StageRunner {
  private readonly pool: Piscina;
  private readonly id = `${process.pid}-${++fits}`;
  private readonly context: StageContext;
  private readonly stops = new Set<Int32Array>();
  private readonly numbers = new Map<number, number>();

  constructor(
    workers: number,
    context: StageContext,
    private readonly onEvent: (event: StageEvent | ProgressEvent, worker: number) => void,
  ) {
    this.pool = poolOf(workers);
    this.context = { ...context, data: shared(context.data), test: context.test && shared(context.test) };
  }

  start(task: StageTask): FollowedRun {
    const stopBuffer = new SharedArrayBuffer(4);
    const stop = new Int32Array(stopBuffer);
    this.stops.add(stop);
    const { port1, port2 } = new MessageChannel();
    const offers: Offer[] = [];
    let follower: ((offer: Offer) => void) | null = null;
    port1.on('message', (m: { thread: number; event?: StageEvent | ProgressEvent; offer?: Offer }) => {
      if (!this.numbers.has(m.thread)) this.numbers.set(m.thread, this.numbers.size + 1);
      if (m.event) this.onEvent(m.event, this.numbers.get(m.thread)!);
      if (m.offer) {
        offers.push(m.offer);
        follower?.(m.offer);
      }
    });
    const payload: PoolTask = { ...task, fit: this.id, context: this.context, stop: stopBuffer, port: port2 };
    const done = (this.pool.run(payload, { transferList: [port2] }) as Promise<StageDone>).finally(() => {
      this.stops.delete(stop);
      port1.close();
    });
    return {
      done,
      cancel: () => Atomics.store(stop, 0, 1),
      follow: (onOffer) => {
        offers.forEach(onOffer);
        follower = onOffer;
      },
    };
  }

  /** Asks every running stage to stop at its next step. */
  stopAll(): void {
    for (const stop of this.stops) Atomics.store(stop, 0, 1);
  }

  /** Stops the fit's stages; the threads stay for the next fit. */
  async close(): Promise<void> {
    this.stopAll();
  }
}

/** The dataset with its columns in shared memory. */
function shared(d: Dataset): Dataset {
  const copy = <T extends Float64Array | Uint32Array>(a: T): T => {
    const out = new (a.constructor as { new (b: SharedArrayBuffer): T })(new SharedArrayBuffer(a.byteLength));
    out.set(a as never);
    return out;
  };
  return { ...d, inputColumns: d.inputColumns.map(copy), targetColumns: d.targetColumns.map(copy), precisionColumns: d.precisionColumns.map(copy), lines: copy(d.lines) };
}
