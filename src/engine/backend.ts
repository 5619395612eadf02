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
    if (await tryBackend(name)) return name;
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
