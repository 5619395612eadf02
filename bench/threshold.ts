import { evaluateSnapped, type SnappedLayer } from '../src/formula/evaluate.ts';

/**
 * Madsen & Johansen's success threshold, generalised: the extrapolation
 * MSE of the correct solution with every weight off by eps. The solution is
 * a CALU-style network (monomial exponents, then coefficients), evaluated
 * exactly as the talk defines it; every nonzero weight moves eps toward 0
 * and every zero weight becomes eps, which is Madsen & Johansen's
 * (1 - eps, eps) perturbation for weights in {0, 1}.
 */
export const EPSILON = 1e-5;

export function perturb(layers: SnappedLayer[], eps: number): SnappedLayer[] {
  return layers.map((l) => ({ ...l, weights: l.weights.map((row) => row.map((w) => (w === 0 ? eps : w - Math.sign(w) * eps))) }));
}

/** MSE over every output and row between the perturbed and the exact solution. */
export function solutionThreshold(solution: SnappedLayer[], rows: number[][], eps = EPSILON): number {
  const exact = evaluateSnapped(solution, rows);
  const off = evaluateSnapped(perturb(solution, eps), rows);
  let s = 0;
  let n = 0;
  exact.forEach((row, i) =>
    row.forEach((v, o) => {
      s += (off[i][o] - v) ** 2;
      n++;
    }),
  );
  return s / Math.max(1, n);
}
