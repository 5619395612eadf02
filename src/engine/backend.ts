import * as tf from '@tensorflow/tfjs';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

let chosen: Promise<BackendName> | null = null;

/**
 * Picks the fastest backend that loads: tfjs-node when it is installed (it
 * is optional and cannot install on machines without network access to
 * its binaries), else WebAssembly, else the plain JS cpu backend.
 * Nothing here writes to stdout: tfjs' own "install the node backend"
 * banner is silenced by production mode.
 */
export function initBackend(prefer?: BackendName): Promise<BackendName> {
  chosen ??= choose(prefer);
  return chosen;
}

async function choose(prefer?: BackendName): Promise<BackendName> {
  tf.enableProdMode();
  const order: BackendName[] = prefer ? [prefer, 'tensorflow', 'wasm', 'cpu'] : ['tensorflow', 'wasm', 'cpu'];
  for (const name of order) {
    if (await withoutNewProcessHandlers(() => tryBackend(name))) return name;
  }
  throw new Error('no TensorFlow.js backend could be initialised');
}

async function tryBackend(name: BackendName): Promise<boolean> {
  try {
    if (name === 'tensorflow') {
      // A variable specifier keeps bundlers and tsc from requiring the optional package.
      const optional = '@tensorflow/tfjs-node';
      await import(optional);
    } else if (name === 'wasm') {
      await import('@tensorflow/tfjs-backend-wasm');
    }
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/**
 * The WebAssembly backend's glue (Emscripten) installs process handlers
 * that rethrow every uncaught exception and unhandled rejection, so that
 * any later error, even a closed pipe, dies printing the glue's whole
 * minified source and exits 7. calu reports its own errors: whatever
 * handlers a backend adds while it loads are removed again.
 */
async function withoutNewProcessHandlers<T>(load: () => Promise<T>): Promise<T> {
  const events = ['uncaughtException', 'unhandledRejection'];
  const listeners = (e: string) => process.listeners(e as 'uncaughtException') as Array<(...args: unknown[]) => void>;
  const before = events.map((e) => new Set(listeners(e)));
  try {
    return await load();
  } finally {
    events.forEach((e, i) => {
      for (const listener of listeners(e)) if (!before[i].has(listener)) process.off(e, listener);
    });
  }
}
