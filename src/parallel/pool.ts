import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { BackendName } from '../engine/backend.ts';
import type { StageJob } from '../train/stage.ts';
import type { Range, RemoteShare, ShareRunner, ShareSnapshot } from '../train/shares.ts';
import type { ShareTask, ShareMessage, WarmTask } from './stageWorker.ts';

/**
 * Worker threads kept for the process, one pool per thread count: each
 * thread starts TensorFlow.js once, and later fits reuse it. Idle threads
 * do not keep the process alive.
 */
const pools = new Map<number, { pool: Piscina; ready: boolean }>();

/** The pool of that many threads, started (each thread loading TensorFlow.js) if it was not. */
function poolOf(threads: number, backend: BackendName): { pool: Piscina; ready: boolean } {
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
    const started = { pool, ready: false };
    entry = started;
    pools.set(threads, started);
    const warm: WarmTask = { warm: backend };
    void Promise.all(Array.from({ length: threads }, () => pool.run(warm))).then(
      () => (started.ready = true),
      () => {},
    );
  }
  return entry;
}

/**
 * The threads that train shares of a fit's stages (--workers N: N - 1
 * threads besides the fit's own). A share's snapshots stream back on a
 * port of its own; a stop request goes through shared memory, which the
 * share reads between steps.
 */
export class SharePool implements ShareRunner {
  private readonly entry: { pool: Piscina; ready: boolean };

  constructor(
    readonly threads: number,
    private readonly rows: StageJob['rows'],
    private readonly backend: BackendName,
  ) {
    this.entry = poolOf(threads, backend);
  }

  /**
   * Whether every thread has TensorFlow.js loaded. Until then stages are
   * not split: a stage would wait for a thread still starting (about half
   * a second), longer than a small fit takes. Splitting or not changes
   * the speed only.
   */
  get ready(): boolean {
    return this.entry.ready;
  }

  start(job: Omit<StageJob, 'rows'>, range: Range): RemoteShare {
    const stopBuffer = new SharedArrayBuffer(4);
    const stop = new Int32Array(stopBuffer);
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
    const task: ShareTask = { job: { ...job, rows: this.rows }, range, backend: this.backend, stop: stopBuffer, port: port2 };
    this.entry.pool.run(task, { transferList: [port2] }).catch((e: unknown) => {
      failure = e;
      end();
    });
    return {
      at: (step) => {
        const s = arrived.get(step);
        if (s) {
          arrived.delete(step);
          return Promise.resolve(s);
        }
        if (failure) return Promise.reject(failure);
        if (ended) return Promise.resolve(null);
        return new Promise((resolve, reject) => waiting.set(step, { resolve, reject }));
      },
      stop: () => Atomics.store(stop, 0, 1),
    };
  }
}
