import type { LayerKind } from '../calu/stack.ts';

/** One layer of a snapped network: exact weights [out][in] in float64. */
export interface SnappedLayer {
  kind: LayerKind;
  weights: number[][];
  /** CALUe: the imaginary parts of the weights (the real parts are `weights`). */
  imag?: number[][];
  /** The block up to this layer gives features that join the stack's inputs: the next layer sees [x; outputs]. */
  join?: boolean;
  /** 'fn': the function applied to each of the layer's inputs (one output per input; `weights` is empty). */
  fn?: OuterFunction;
}

/** Functions an outer 'fn' layer applies: the inverses of the target transforms. */
export type OuterFunction = 'exp' | 'log' | 'sin' | 'cos' | 'asin' | 'acos' | 'tanh' | 'atanh';

const OUTER: Record<OuterFunction, (v: number) => number> = {
  exp: Math.exp,
  log: Math.log,
  sin: Math.sin,
  cos: Math.cos,
  asin: Math.asin,
  acos: Math.acos,
  tanh: Math.tanh,
  atanh: Math.atanh,
};

/**
 * Evaluates a snapped network in float64, exactly as the talk defines it
 * (the real part of the complex forward): CALUm gives prod_j x_j^w_kj with
 * the phase cos(pi * sum_j w_kj [x_j<0]); CALUa gives sum_j w_kj a_j; CALUe
 * gives [Re e; Im e] with e_k = exp(sum_j w_kj z_j), w complex; CALUl gives
 * sum_j w_kj ln|z_j|. A layer marked `join` is followed by [x; its outputs].
 * rows: [row][input]. Returns [row][output].
 */
export function evaluateSnapped(layers: SnappedLayer[], rows: number[][]): number[][] {
  return rows.map((x) => {
    let act = x;
    for (const layer of layers) {
      act = evaluateLayer(layer, act);
      if (layer.join) act = [...x, ...act];
    }
    return act;
  });
}

export function evaluateLayer(layer: SnappedLayer, act: number[]): number[] {
  switch (layer.kind) {
    case 'caluM':
      return monomials(layer.weights, act);
    case 'caluA':
      return linear(layer.weights, act);
    case 'caluE':
      return exponentials(layer.weights, layer.imag ?? [], act);
    case 'caluL':
      return logarithms(layer.weights, act);
    case 'fn':
      return act.map(OUTER[layer.fn!]);
  }
}

/** [Re e_1..Re e_k, Im e_1..Im e_k] with e_k = exp(sum_j (re_kj + i im_kj) z_j). */
export function exponentials(re: number[][], im: number[][], z: number[]): number[] {
  const real: number[] = [];
  const imag: number[] = [];
  re.forEach((row, k) => {
    let a = 0;
    let b = 0;
    for (let j = 0; j < row.length; j++) {
      if (row[j] !== 0) a += row[j] * z[j];
      const w = im[k]?.[j] ?? 0;
      if (w !== 0) b += w * z[j];
    }
    const mag = Math.exp(a);
    real.push(b === 0 ? mag : mag * Math.cos(b));
    imag.push(b === 0 ? 0 : mag * Math.sin(b));
  });
  return [...real, ...imag];
}

export function logarithms(w: number[][], z: number[]): number[] {
  return w.map((row) => {
    let s = 0;
    for (let j = 0; j < row.length; j++) if (row[j] !== 0) s += row[j] * Math.log(Math.abs(z[j]));
    return s;
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
