import type { TalkTask } from '../src/bench/talkTasks.ts';
import { MLP_RECIPE, NALU_RECIPE, nauNmuRecipe, npuRecipe, type Recipe } from '../src/baselines/recipes.ts';

/** The models of the talk suite, in table order; `calu` is the library's own fit(). */
export const TALK_MODELS = ['tanh', 'relu', 'nalu', 'nau-nmu', 'nmu-nau', 'npu', 'realnpu', 'calu'] as const;
export type TalkModel = (typeof TALK_MODELS)[number];

/** The talk's tables group add, sub, mul and div as "elementary arithmetic operations". */
const ARITHMETIC = ['add', 'sub', 'mul', 'div'];

/**
 * Hidden width per task, from the talk's layer-structure tables: 5 units for
 * the arithmetic operations, 100 for the multinomial, 50 otherwise.
 */
export function talkWidth(task: TalkTask): number {
  if (ARITHMETIC.includes(task.name)) return 5;
  return task.name === 'multinomial' ? 100 : 50;
}

/**
 * A baseline's stack on a task. The MLPs and NALU follow the talk's tables
 * (`DIM(X) 100:TANH 100:TANH DIM(Y):IDENTITY`; `5:NALU DIM(Y):NALU` for the
 * arithmetic operations and `h:NALUm DIM(Y):NALUa` otherwise). The newer
 * units get the talk's width in the same two-layer shape: NAU -> NMU,
 * NMU -> NAU, and Heim et al.'s NPU -> NAU.
 */
export function talkStack(model: Exclude<TalkModel, 'calu'>, task: TalkTask): string {
  const out = task.targets.length;
  const h = talkWidth(task);
  switch (model) {
    case 'tanh':
    case 'relu':
      return `100:${model} 100:${model} ${out}:identity`;
    case 'nalu':
      return ARITHMETIC.includes(task.name) ? `${h}:nalu ${out}:nalu` : `${h}:nalum ${out}:nalua`;
    case 'nau-nmu':
      return `${h}:nau ${out}:nmu`;
    case 'nmu-nau':
      return `${h}:nmu ${out}:nau`;
    case 'npu':
      return `${h}:npu ${out}:nau`;
    case 'realnpu':
      return `${h}:realnpu ${out}:nau`;
  }
}

export function talkRecipe(model: Exclude<TalkModel, 'calu'>): Recipe {
  switch (model) {
    case 'tanh':
    case 'relu':
      return MLP_RECIPE;
    case 'nalu':
      return NALU_RECIPE;
    case 'nau-nmu':
    case 'nmu-nau':
      return nauNmuRecipe(10);
    case 'npu':
    case 'realnpu':
      return npuRecipe();
  }
}

/**
 * The talk's published errors as the powers of ten it printed ("< O(10^k)"),
 * interpolation then extrapolation, for the models it ran.
 */
export const TALK_PUBLISHED: Record<string, Partial<Record<TalkModel, [number, number]>>> = {
  constant: { tanh: [-6, 3], relu: [-6, 3], nalu: [-6, -4], calu: [-25, -21] },
  identity: { tanh: [-6, 3], relu: [-6, 3], nalu: [-6, -4], calu: [-25, -21] },
  add: { tanh: [-6, 3], relu: [-6, 3], nalu: [-6, -2], calu: [-20, -17] },
  sub: { tanh: [-6, 3], relu: [-6, 3], nalu: [-6, -2], calu: [-20, -17] },
  mul: { tanh: [-6, 3], relu: [-6, 6], nalu: [-2, 6], calu: [-16, -14] },
  div: { tanh: [-6, 3], relu: [-6, 7], nalu: [1, 3], calu: [-16, -15] },
  multinomial: { tanh: [-6, 3], relu: [-6, 6], nalu: [-2, 6], calu: [-25, -20] },
  lorentz: { tanh: [-6, 3], relu: [-6, 6], nalu: [-2, 6], calu: [-20, -16] },
};
