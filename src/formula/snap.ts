import type { Network } from '../engine/network.ts';
import { CaluA } from '../calu/caluA.ts';
import { CaluM } from '../calu/caluM.ts';
import type { SnappedLayer } from './evaluate.ts';

export interface SnapReading {
  /** [restart][layer]: the snapped network of every restart. */
  snapped: SnappedLayer[][];
  /** Per restart, the share of weights within 0.05 of their snapped value. */
  settled: number[];
}

/** A weight counts as settled when N is this close to its value in Q. */
export const SETTLED = 0.05;

/**
 * Snaps every restart of a trained network: each quantizer's expectation N
 * is rounded to its nearest value of Q (the softmax argmax is not, see
 * docs/RECIPE.md), and phasors to +1 or -1.
 */
export function snapNetwork(net: Network): SnapReading {
  const perLayer = net.layers.map((layer) => {
    if (layer instanceof CaluM || layer instanceof CaluA) return { kind: layer.kind, ...layer.weight.read() };
    throw new Error(`cannot snap a ${layer.kind} layer: only CALU layers have exact values`);
  });
  const snapped: SnappedLayer[][] = [];
  const settled: number[] = [];
  for (let r = 0; r < net.restarts; r++) {
    snapped.push(perLayer.map((l) => ({ kind: l.kind, weights: l.snapped[r] })));
    let near = 0;
    let total = 0;
    for (const l of perLayer) {
      l.trained[r].forEach((row, o) => row.forEach((v, i) => {
        total++;
        if (Math.abs(v - l.snapped[r][o][i]) < SETTLED) near++;
      }));
    }
    settled.push(total ? near / total : 1);
  }
  return { snapped, settled };
}
