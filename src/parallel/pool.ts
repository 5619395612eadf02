import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { BackendName } from '../engine/backend.ts';
import type { StageJob } from '../train/stage.ts';
import type { TrainerState } from '../train/trainer.ts';
import { LOOKAHEAD_SNAPS, type Range, type RemoteShare, type ShareRunner, type ShareSnapshot } from '../train/shares.ts';
import { GATHERED, STOP, type ShareTask, type ShareMessage, type WarmTask } from './stageWorker.ts';

/**
 * Worker threads kept for the process, one pool per thread count: each
 * thread starts TensorFlow.js once, and later fits reuse it. Idle threads
 * do not keep the process alive.
 */
const pools = new Map<number, Entry>();

/** A pool, and whether its threads have started. */
interface Entry {
  pool: Piscina;
  ready: boolean;
  /** Settles once every thread has started. */
  started: Promise<void>;
}

/** The pool of that many threads, started (each thread loading TensorFlow.js) if it was not. */
function poolOf(threads: number, backend: BackendName): Entry {
  let entry = pools.get(threads);
  if (!entry) {
    const pool = new Piscina({
      filename: new URL('./stageWorker.js', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      // A share holds its thread for a whole stage: no share waits for a busy thread while another is idle.
      concurrentTasksPerWorker: 1,
      idleTimeout: Infinity,
    });
    const warm: WarmTask = { warm: backend };
    const made: Entry = {
      pool,
      ready: false,
      started: Promise.all(Array.from({ length: threads }, () => pool.run(warm))).then(
        () => void (made.ready = true),
        () => {},
      ),
    };
    entry = made;
    pools.set(threads, made);
  }
  return entry;
}

/** Starts the pool a fit with --workers N uses, and settles once its threads have started (for a caller that wants every stage split). */
export function startPool(workers: number, backend: BackendName): Promise<void> {
  return poolOf(workers, backend).started;
}

/**
 * The threads that train shares of a fit's stages (--workers N: N
 * threads; the fit's own reads what they train). A share's snapshots
 * stream back on a port of its own; the snap the fit's thread has come
 * to, and a stop request, go through shared memory, which the
 * share reads between steps.
 */
export class SharePool implements ShareRunner {
  private readonly entry: Entry;

  constructor(
    readonly threads: number,
    private readonly rows: StageJob['rows'],
    private readonly backend: BackendName,
  ) {
    this.entry = poolOf(threads, backend);
  }

  /**
   * Whether every thread has TensorFlow.js loaded. Until then stages are
   * not split: a stage would wait for a thread still starting (half a
   * second to more than a second here), longer than many a first stage
   * takes. Splitting or not changes the speed only.
   */
  get ready(): boolean {
    return this.entry.ready;
  }

  start(job: Omit<StageJob, 'rows'>, range: Range, from?: TrainerState): RemoteShare {
    const controlBuffer = new SharedArrayBuffer(8);
    const control = new Int32Array(controlBuffer);
    control[GATHERED] = from?.step ?? 0;
    const { port1, port2 } = new MessageChannel();
    const arrived = new Map<number, ShareSnapshot>();
    const waiting = new Map<number, { resolve: (s: ShareSnapshot | null) => void; reject: (e: unknown) => void }>();
    let ended = false;
    let failure: unknown = null;
    const end = () => {
      ended = true;
      port1.close();
      for (const w of waiting.values()) (failure ? w.reject(failure) : w.resolve(null));
      waiting.clear();
    };
    port1.on('message', (m: ShareMessage) => {
      if ('end' in m) {
        if (m.error) failure = new Error(`a share of stage ${job.description.index} failed in its worker thread: ${m.error}`);
        return end();
      }
      const w = waiting.get(m.step);
      if (w) {
        waiting.delete(m.step);
        w.resolve(m);
      } else arrived.set(m.step, m);
    });
    const task: ShareTask = { job: { ...job, rows: this.rows }, range, backend: this.backend, control: controlBuffer, lookahead: LOOKAHEAD_SNAPS * job.spec.snapEvery, from, port: port2 };
    this.entry.pool.run(task, { transferList: [port2] }).catch((e: unknown) => {
      failure = e;
      end();
    });
    return {
      at: (step) => {
        Atomics.store(control, GATHERED, step);
        Atomics.notify(control, GATHERED);
        const s = arrived.get(step);
        if (s) {
          arrived.delete(step);
          return Promise.resolve(s);
        }
        if (failure) return Promise.reject(failure);
        if (ended) return Promise.resolve(null);
        return new Promise((resolve, reject) => waiting.set(step, { resolve, reject }));
      },
      stop: () => {
        Atomics.store(control, STOP, 1);
        Atomics.notify(control, GATHERED);
      },
    };
  }
}
