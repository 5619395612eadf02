import type { Network } from '../engine/network.ts';
import { CaluA } from '../calu/caluA.ts';
import { CaluM } from '../calu/caluM.ts';
import { CaluE } from '../calu/caluE.ts';
import { CaluL } from '../calu/caluL.ts';
import { WithInputs } from '../calu/withInputs.ts';
import type { Layer } from '../engine/layer.ts';
import type { SnappedLayer } from './evaluate.ts';

export interface SnapReading {
  /** [restart][layer]: the snapped network of every restart. */
  snapped: SnappedLayer[][];
  /** Per restart, the share of weights within 0.05 of their snapped value. */
  settled: number[];
  /** [restart][layer]: the same networks with the weights as trained, before snapping (see refine.ts). */
  trained: SnappedLayer[][];
}

/** A weight counts as settled when N is this close to its value in Q. */
export const SETTLED = 0.05;

/**
 * Snaps every restart of a trained network: each quantizer's expectation N
 * is rounded to its nearest value of Q (the softmax argmax is not, see
 * docs/RECIPE.md), and phasors to +1 or -1.
 */
export function snapNetwork(net: Network): SnapReading {
  const perLayer = net.layers.flatMap(readLayer);
  const snapped: SnappedLayer[][] = [];
  const trained: SnappedLayer[][] = [];
  const settled: number[] = [];
  const layer = (l: LayerReading, weights: number[][], imag: number[][] | undefined): SnappedLayer => ({
    kind: l.kind,
    weights,
    ...(imag ? { imag } : {}),
    ...(l.join ? { join: true } : {}),
  });
  for (let r = 0; r < net.restarts; r++) {
    snapped.push(perLayer.map((l) => layer(l, l.snapped[r], l.imag?.[r])));
    trained.push(perLayer.map((l) => layer(l, l.trained[r], l.trainedImag?.[r])));
    let near = 0;
    let total = 0;
    for (const l of perLayer) {
      l.trained[r].forEach((row, o) => row.forEach((v, i) => {
        total++;
        if (Math.abs(v - l.snapped[r][o][i]) + Math.abs((l.trainedImag?.[r][o][i] ?? 0) - (l.imag?.[r][o][i] ?? 0)) < SETTLED) near++;
      }));
    }
    settled.push(total ? near / total : 1);
  }
  return { snapped, settled, trained };
}

interface LayerReading {
  kind: SnappedLayer['kind'];
  trained: number[][][];
  snapped: number[][][];
  trainedImag?: number[][][];
  imag?: number[][][];
  join?: boolean;
}

/** A layer's weights as trained and snapped, [restart][row][col]; a feature block reads as its layers, the last marked `join`. */
function readLayer(layer: Layer): LayerReading[] {
  if (layer instanceof CaluM || layer instanceof CaluA || layer instanceof CaluL) return [{ kind: layer.kind, ...layer.weight.read() }];
  if (layer instanceof CaluE) {
    const { trained, snapped } = layer.weight.read();
    const part = (w: typeof trained, k: 0 | 1) => w.map((rows) => rows.map((row) => row.map((v) => v[k])));
    return [{ kind: 'caluE', trained: part(trained, 0), snapped: part(snapped, 0), trainedImag: part(trained, 1), imag: part(snapped, 1) }];
  }
  if (layer instanceof WithInputs) {
    const inner = layer.inner.flatMap(readLayer);
    inner[inner.length - 1].join = true;
    return inner;
  }
  throw new Error(`cannot snap a ${layer.kind} layer: only CALU layers have exact values`);
}
