import type { Penalties } from './stack.ts';

/**
 * Training settings of each baseline as its paper (or the benchmark code
 * that reproduces it) gives them. Schedules are in fractions of the run
 * length S, so they keep their shape when a benchmark shortens the run.
 */
export interface Recipe {
  lr: number;
  penalties: Penalties;
}

/** Plain MLPs: Adam at the usual 1e-3, no regulariser. */
export const MLP_RECIPE: Recipe = { lr: 1e-3, penalties: {} };

/** NALU (Trask et al. 2018): Adam, no regulariser. */
export const NALU_RECIPE: Recipe = { lr: 1e-3, penalties: {} };

/**
 * NAU and NMU (Madsen & Johansen, ICLR 2020): Adam 1e-3, sparsity
 * regulariser ramped in between 40% and 70% of the run (their 20k-35k of
 * 50k steps in Mistry et al.'s single-layer runs), lambda = 10 in the paper's
 * two-layer experiments; Mistry et al. use 0.01 for a lone NAU.
 */
export function nauNmuRecipe(scale = 10): Recipe {
  const sparsity = { kind: 'sparsity' as const, scale, start: 0.4, end: 0.7 };
  return { lr: 1e-3, penalties: { nau: sparsity, nmu: sparsity } };
}

/**
 * NPU and RealNPU (Heim et al., NeurIPS 2020), with Mistry et al.'s
 * single-layer settings: Adam 5e-3, L1 on every parameter with beta grown
 * tenfold every 20% of the run, 1e-7 -> 1e-5 (1e-9 -> 1e-7 for division).
 * The NAU after an NPU shares that L1 penalty (the paper regularises the whole model).
 */
export function npuRecipe(betaStart = 1e-7, betaEnd = 1e-5): Recipe {
  const l1 = { kind: 'l1' as const, betaStart, betaEnd, every: 0.2, growth: 10 };
  return { lr: 5e-3, penalties: { npu: l1, realnpu: l1, nau: l1 } };
}
