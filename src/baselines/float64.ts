import type * as tf from '@tensorflow/tfjs';
import type { Layer } from '../engine/layer.ts';
import type { Network } from '../engine/network.ts';

/**
 * Float64 evaluation of trained baselines. tfjs computes in float32 only,
 * so every error a benchmark reports is recomputed here, in plain
 * float64 TypeScript, from one restart's trained weights.
 */

/** Activations by unit: m[unit][row]. */
export type Columns = Float64Array[];

/** One restart's weights: one flat array per variable, in `variables` order. */
export type Weights64 = Float64Array[];

/** A layer that can also run its forward pass in float64 on one restart's weights. */
export interface Float64Layer extends Layer {
  forward64(w: Weights64, x: Columns): Columns;
}

export function isFloat64Layer(layer: Layer): layer is Float64Layer {
  return typeof (layer as Partial<Float64Layer>).forward64 === 'function';
}

/** Restart r's slice of every variable of a layer, as float64. */
export function restartWeights(layer: Layer, r: number): Weights64 {
  return layer.variables.map((v) => sliceRestart(v, r));
}

export function sliceRestart(v: tf.Variable, r: number): Float64Array {
  const size = v.size / v.shape[0];
  return Float64Array.from((v.dataSync() as Float32Array).subarray(r * size, (r + 1) * size));
}

/** A whole network's weights for one restart: per layer, per variable. */
export function networkWeights(net: Network, r: number): Weights64[] {
  return net.layers.map((l) => restartWeights(l, r));
}

/** Runs a network of float64-capable layers on rows [row][input]; returns columns [output][row]. */
export function predict64(net: Network, weights: Weights64[], rows: number[][]): Columns {
  let act: Columns = Array.from({ length: net.inputSize }, (_, j) => Float64Array.from(rows, (row) => row[j]));
  net.layers.forEach((layer, i) => {
    if (!isFloat64Layer(layer)) throw new Error(`layer ${layer.kind} has no float64 forward`);
    act = layer.forward64(weights[i], act);
  });
  return act;
}

/** y[o][b] = sum_i W[o*in + i] x[i][b]: a dense contraction with a row-major [out, in] weight. */
export function matVec64(w: ArrayLike<number>, out: number, x: Columns): Columns {
  const inn = x.length;
  const B = x[0]?.length ?? 0;
  const y: Columns = Array.from({ length: out }, () => new Float64Array(B));
  for (let o = 0; o < out; o++) {
    const yo = y[o];
    for (let i = 0; i < inn; i++) {
      const wi = w[o * inn + i];
      if (wi === 0) continue;
      const xi = x[i];
      for (let b = 0; b < B; b++) yo[b] += wi * xi[b];
    }
  }
  return y;
}

/** Applies f elementwise to every column. */
export function map64(x: Columns, f: (v: number) => number): Columns {
  return x.map((col) => col.map(f));
}
