import { describeStack, parseStack, type StackSpec } from '../calu/stack.ts';
import { parseQ, PRESETS, type QSet } from '../calu/qset.ts';
import { PLAIN, resolveTransform, transformApplies, transformName, type TransformSpec } from './transform.ts';
import { transcendentalStages } from './transcendental.ts';
import { readRoundOrRefit, type SnapshotReader } from './snapshot.ts';
import { readRational } from './rational.ts';

/**
 * The search plan, as data: the stages calu tries, simplest first, when the
 * user names no stack; what each kind of stage trains and how it is read;
 * and when a stage applies to a target. fit.ts runs the plan round by round
 * (rounds.ts), each round with twice the steps of the one before; stage.ts
 * trains one stage. docs/RECIPE.md records the runs behind these numbers.
 */

/** One stage: an architecture, what it fits for each target, and how it is trained and read. */
export interface StageSpec {
  kind: StageKindName;
  stack: StackSpec;
  q: QSet;
  restarts: number;
  /** Nominal schedule length S (the run stops earlier once every target is exact). */
  steps: number;
  batchSize: number;
  lr: number;
  /** Snap and verify every this many steps. */
  snapEvery: number;
  /** What the stage fits for each target, Y = T(y), read back through the inverse (see transform.ts). */
  transform: TransformSpec;
  /** The stack is the user's: its last layer is theirs, so it trains every target, solved or not. */
  trainsAll?: boolean;
  /**
   * Restarts start their feature block on hypotheses (see hypotheses.ts):
   * 'arguments' for a block that trains on from there, 'turns' for a frozen
   * block giving cos and sin of one input per restart, 'exponentials' and 'phases'
   * for a frozen block giving exp(c u), or cos(c u) and sin(c u), of a
   * ranked monomial u per restart (see rankedArguments.ts).
   */
  hypotheses?: 'arguments' | 'turns' | 'exponentials' | 'phases';
  /** At its first snap the stage also reads sums over the cosine and sine of one argument, for y and its powers (see sumReading.ts). */
  readsSums?: boolean;
}

/** What a kind of stage trains, and how one restart's snapshot is read. */
export interface StageKind {
  /** The normalized MSE on Y, or the ratio loss of N and D (see loss.ts). */
  loss: 'mse' | 'ratio';
  /** Units of the last layer for each target the stage trains. */
  unitsPerTarget: number;
  /** Trains on what the best m -> a network of its transform so far (the base) leaves over (see residual.ts). */
  needsBase: boolean;
  /** Its m -> a networks may become the bases of residual stages. */
  seedsBases: boolean;
  /** How the stage's label says what it fits. */
  label(stack: string, target: string): string;
  read: SnapshotReader;
}

/** Every kind of stage. A new kind is one entry here and one reader. */
export const STAGE_KINDS = {
  /** The stack fits Y; its restarts are read as snapped and with the last layer refitted. */
  plain: {
    loss: 'mse',
    unitsPerTarget: 1,
    needsBase: false,
    seedsBases: true,
    label: (stack, target) => (target === 'y' ? stack : `${stack} on ${target}`),
    read: readRoundOrRefit,
  },
  /** An m -> a stack fits what the base leaves; its monomials join the base's. */
  residual: {
    loss: 'mse',
    unitsPerTarget: 1,
    needsBase: true,
    seedsBases: false,
    label: (stack, target) => `${stack} on what the best sum for ${target} leaves`,
    read: readRoundOrRefit,
  },
  /** An m -> a stack gives N and D per target, Y = N/D, read by the sparsest null vector. */
  rational: {
    loss: 'ratio',
    unitsPerTarget: 2,
    needsBase: false,
    seedsBases: false,
    label: (stack, target) => `${stack} as N, D with ${target} = N/D`,
    read: readRational,
  },
} satisfies Record<string, StageKind>;

export type StageKindName = keyof typeof STAGE_KINDS;

export function stageKind(spec: StageSpec): StageKind {
  return STAGE_KINDS[spec.kind];
}

/** What the plan knows of one target when it decides whether a stage applies. */
export interface TargetState {
  /** It has an exact formula already. */
  solved: boolean;
  /** Its dominant monomial (see powerLaw.ts), or null. */
  dominant: number[] | null;
  /** Whether a base for the stage's transform exists (see residual.ts). */
  hasBase: boolean;
  /** Its column, and the inputs: the stage's transform must be defined and one-to-one on them. */
  y: number[];
  x: number[][];
}

/** Whether a stage trains for a target: one still open, that has what the stage needs. */
export function stageApplies(stage: StageSpec, target: TargetState): boolean {
  if (target.solved) return false;
  const t = resolveTransform(stage.transform, target.dominant);
  if (!t) return false;
  if (stageKind(stage).needsBase && !target.hasBase) return false;
  return transformApplies(t, target.y, target.x);
}

/** How a stage is named: its stack (with the inputs it reads) and what it fits. */
export function stageLabel(spec: StageSpec, inputs: number): string {
  const note = { turns: ' (cos, sin of one input per restart)', exponentials: ' (exp of a ranked monomial per restart)', phases: ' (cos, sin of a ranked monomial per restart)', arguments: '' };
  const stack = describeStack(spec.stack, inputs) + (spec.hypotheses ? note[spec.hypotheses] : '');
  return stageKind(spec).label(stack, transformName(spec.transform));
}

/** A default stage trains only the open targets: its last layer shrinks to match. */
export function forTargets(spec: StageSpec, targets: number): StageSpec {
  if (spec.trainsAll) return spec;
  const units = stageKind(spec).unitsPerTarget * targets;
  const layers = spec.stack.layers.map((l, i, all) => (i === all.length - 1 ? { ...l, units } : l));
  return { ...spec, stack: { ...spec.stack, layers } };
}

/** What the user may fix of the plan. */
export interface PlanOptions {
  layers?: string;
  q?: string;
  steps?: number;
  restarts?: number;
}

/**
 * The stages of one round: the user's stack, or the default stages, with the
 * round's schedule length. A stack the user fixed has rounds of its own: its
 * schedule doubles up to the longest (or is the --steps given, once), then
 * the plan is empty and the search ends with the best candidate.
 */
export function planRound(round: number, inputs: number, outputs: number, options: PlanOptions): StageSpec[] {
  const steps = options.steps ?? stepsForRound(round);
  if (options.layers) return round <= (options.steps ? 0 : LONGEST_ROUND) ? [userStage(options.layers, options.q, inputs, steps, options.restarts)] : [];
  return defaultStages(inputs, outputs, steps, options.restarts).map((s) => (options.q ? { ...s, q: parseQ(options.q) } : s));
}

/**
 * The default search: the architectures calu tries, simplest first, when
 * the user names none. Each later stage trains only for the targets that
 * are still without an exact formula.
 */
export function defaultStages(inputs: number, outputs: number, steps: number, restartsOverride?: number): StageSpec[] {
  const base = { batchSize: inputs > 2 ? 128 : 256, lr: 0.05, snapEvery: 50, steps, q: PRESETS.int() };
  const small = Math.max(4, outputs + 2);
  const medium = Math.max(8, outputs + 4);
  const wide = monomialWidth(inputs, outputs);
  const power = (p: number, byDominant = false): TransformSpec => ({ kind: 'power', power: p, byDominant });
  const monomials = (hidden: number, layerQ = '', transform = PLAIN): StageSpec => ({
    ...base,
    kind: 'plain',
    stack: parseStack(`${hidden}:m${layerQ} ${outputs}:a`),
    restarts: restartsOverride ?? restartsFor(inputs, hidden, outputs),
    transform,
  });
  // A residual stage runs only once a stage of the same target transform has left a base.
  const residual = (stage: StageSpec): StageSpec => ({ ...stage, kind: 'residual' });
  const rational = (hidden: number, transform: TransformSpec): StageSpec => ({
    ...base,
    kind: 'rational',
    stack: parseStack(`${hidden}:m ${2 * outputs}:a`),
    restarts: restartsOverride ?? restartsFor(inputs, hidden, 2 * outputs),
    transform,
  });
  return [
    // A few signed monomials, exponents -2..2 (narrow networks find a single monomial fastest).
    monomials(small),
    // Sums of many monomials.
    monomials(wide),
    // What the best sum of monomials so far leaves over: a small term beside large ones.
    residual(monomials(small)),
    // Integer powers of sums, e.g. (x1+x2+x3)^3: a -> m -> a, exponents 0..3.
    {
      ...base,
      kind: 'plain',
      stack: parseStack(`${inputs + 1}:a ${Math.max(4, 2 * outputs)}:m[pow3] ${outputs}:a`),
      restarts: restartsOverride ?? 32,
      transform: PLAIN,
    },
    // A dominant monomial times a sum, and times the inverse of a sum: y = M0 S and y = M0 / S,
    // fitting y/M0 and (y/M0)^-1 (the dominant monomial of y is its best power law, see powerLaw.ts).
    monomials(small, '', power(1, true)),
    residual(monomials(small, '', power(1, true))),
    monomials(small, '', power(-1, true)),
    // Quotients of sums, y = N/D and y = M0 N/D, and their square roots (N or D may be one term).
    rational(medium, power(1)),
    rational(medium, power(1, true)),
    rational(medium, power(2)),
    rational(medium, power(2, true)),
    // Powers of a sum alone or times M0: y = S^-1, S^(-1/2), S^(1/2), S^-2.
    monomials(medium, '', power(-1)),
    monomials(small, '', power(-2, true)),
    residual(monomials(small, '', power(-2, true))),
    monomials(small, '', power(2, true)),
    monomials(medium, '', power(2)),
    residual(monomials(small, '', power(2))),
    monomials(medium, '', power(-2)),
    monomials(small, '', power(-0.5, true)),
    // Wider exponents, -3..3, and half-integer exponents.
    monomials(wide, '[int3]'),
    residual(monomials(small)),
    monomials(medium, '[half]'),
    // Transcendental formulas, after every algebraic stage (see transcendental.ts).
    ...transcendentalStages(inputs, outputs, base, restartsOverride),
  ];
}

/** A stage for a stack and Q the user named. */
export function userStage(layers: string, q: string | undefined, inputs: number, steps: number, restarts?: number): StageSpec {
  const spec = parseStack(layers);
  const hidden = spec.layers.slice(0, -1).reduce((m, l) => Math.max(m, l.units), 1);
  const outputs = spec.layers[spec.layers.length - 1].units;
  return {
    kind: 'plain',
    stack: spec,
    q: q ? parseQ(q) : PRESETS.int(),
    restarts: restarts ?? restartsFor(inputs, hidden, outputs),
    steps,
    batchSize: inputs > 2 ? 128 : 256,
    lr: 0.05,
    snapEvery: 50,
    transform: PLAIN,
    trainsAll: true,
    // A feature block of the user's starts on argument hypotheses too: that is how its units find their arguments.
    ...(spec.layers.some((l) => l.join) ? { hypotheses: 'arguments' as const } : {}),
  };
}

/**
 * The schedule length S of each search round. Difficulty is unknown in
 * advance, so every round tries every stage with twice the steps of the
 * round before: easy targets are done in the first short round, and no
 * stage that cannot fit holds up the ones after it for long.
 */
export function stepsForRound(round: number): number {
  return 500 * 2 ** Math.min(round, LONGEST_ROUND);
}

/** The round from which every round has the longest schedule. */
const LONGEST_ROUND = 4;

/** Hidden CALUm units for an m -> a stack: room for every monomial, with spares. */
export function monomialWidth(inputs: number, outputs: number): number {
  return Math.min(64, Math.max(5, 4 * inputs + 2 * outputs));
}

/** Restarts per batch: many when a restart is cheap, fewer when it is large. */
export function restartsFor(inputs: number, hidden: number, outputs: number): number {
  const size = hidden * (inputs + outputs);
  if (size <= 40) return 64;
  if (size <= 200) return 48;
  return 32;
}
