import { NALU_RECIPE, nauNmuRecipe, npuRecipe, type Recipe } from '../src/baselines/recipes.ts';
import type { NalmOp } from './nalmProtocol.ts';

export type NalmModel = 'nau' | 'nmu' | 'nalu' | 'npu' | 'realnpu' | 'calu';

/** The modules Mistry et al. benchmark on each operation (plus CALU on all four). */
export const NALM_MODELS: Record<NalmOp, NalmModel[]> = {
  add: ['nau', 'nalu', 'calu'],
  sub: ['nau', 'nalu', 'calu'],
  mul: ['nmu', 'nalu', 'npu', 'realnpu', 'calu'],
  div: ['nalu', 'npu', 'realnpu', 'calu'],
};

/**
 * Mistry et al.'s single-layer settings: a lone NAU with lambda 0.01, a lone
 * NMU with lambda 10, NALU plain, the NPUs with L1 1e-7 -> 1e-5 on
 * multiplication and 1e-9 -> 1e-7 on division.
 */
export function nalmRecipe(model: Exclude<NalmModel, 'calu'>, op: NalmOp): Recipe {
  switch (model) {
    case 'nau':
      return nauNmuRecipe(0.01);
    case 'nmu':
      return nauNmuRecipe(10);
    case 'nalu':
      return NALU_RECIPE;
    case 'npu':
    case 'realnpu':
      return op === 'div' ? npuRecipe(1e-9, 1e-7) : npuRecipe(1e-7, 1e-5);
  }
}
