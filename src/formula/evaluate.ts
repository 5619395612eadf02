import type { LayerKind } from '../calu/stack.ts';

/** One layer of a snapped network: exact weights [out][in] in float64. */
export interface SnappedLayer {
  kind: LayerKind;
  weights: number[][];
}

/**
 * Evaluates a snapped network in float64, exactly as the talk defines it
 * (the real part of the complex forward): CALUm gives prod_j x_j^w_kj with
 * the phase cos(pi * sum_j w_kj [x_j<0]); CALUa gives sum_j w_kj a_j.
 * rows: [row][input]. Returns [row][output].
 */
export function evaluateSnapped(layers: SnappedLayer[], rows: number[][]): number[][] {
  return rows.map((x) => {
    let act = x;
    for (const layer of layers) act = layer.kind === 'caluM' ? monomials(layer.weights, act) : linear(layer.weights, act);
    return act;
  });
}

/** The inputs of the last layer, per row: what a least-squares refit of that layer regresses on. */
export function evaluateHidden(layers: SnappedLayer[], rows: number[][]): number[][] {
  return evaluateSnapped(layers.slice(0, -1), rows);
}

export function monomials(w: number[][], x: number[]): number[] {
  return w.map((row) => {
    let mag = 1;
    let phase = 0;
    for (let j = 0; j < row.length; j++) {
      const e = row[j];
      if (e === 0) continue;
      const xj = x[j];
      mag *= Math.pow(Math.abs(xj), e);
      if (xj < 0) phase += e;
    }
    if (phase === 0) return mag;
    // (-1)^phase for integer phase; the real part cos(pi * phase) in general.
    if (Number.isInteger(phase)) return phase % 2 === 0 ? mag : -mag;
    return mag * Math.cos(Math.PI * phase);
  });
}

/** The distinct rows of exponents (monomials), in order of first appearance. */
export function distinctMonomials(exponents: number[][]): number[][] {
  return [...new Map(exponents.map((e) => [e.join(','), e])).values()];
}

export function linear(w: number[][], x: number[]): number[] {
  return w.map((row) => {
    let s = 0;
    for (let j = 0; j < row.length; j++) if (row[j] !== 0) s += row[j] * x[j];
    return s;
  });
}
