import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/engine/backend.ts';

/** Every test that touches tensors runs on the same backend the CLI picks. */
export async function backend(): Promise<typeof tf> {
  await initBackend();
  return tf;
}

/** Max |a - b| / (max |b| + tiny), over two flat arrays. */
export function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 1e-12;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return num / den;
}
