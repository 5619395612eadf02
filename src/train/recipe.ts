import { parseStack } from '../calu/stack.ts';
import { parseQ, PRESETS } from '../calu/qset.ts';
import type { StageSpec } from './stage.ts';
import { PLAIN } from './transform.ts';

/**
 * The default search: the architectures calu tries, simplest first, when
 * the user names none. Each later stage trains only for the targets that
 * are still without an exact formula. docs/RECIPE.md records the runs
 * behind these numbers.
 */
export function defaultStages(inputs: number, outputs: number, steps: number, restartsOverride?: number): StageSpec[] {
  const base = { batchSize: inputs > 2 ? 128 : 256, lr: 0.05, snapEvery: 50, steps };
  const small = Math.max(4, outputs + 2);
  const medium = Math.max(8, outputs + 4);
  const wide = monomialWidth(inputs, outputs);
  const monomials = (hidden: number, layerQ = '', power = 1, byDominant = false): StageSpec => ({
    ...base,
    stack: parseStack(`${hidden}:m${layerQ} ${outputs}:a`),
    q: PRESETS.int(),
    restarts: restartsOverride ?? restartsFor(inputs, hidden, outputs),
    transform: { kind: 'power', power, byDominant },
  });
  // A residual stage runs only once a stage of the same target transform has left a base.
  const residual = (stage: StageSpec): StageSpec => ({ ...stage, residual: true });
  const rational = (hidden: number, power: number, byDominant: boolean): StageSpec => ({
    ...base,
    stack: parseStack(`${hidden}:m ${2 * outputs}:a`),
    q: PRESETS.int(),
    restarts: restartsOverride ?? restartsFor(inputs, hidden, 2 * outputs),
    transform: { kind: 'power', power, byDominant },
    rational: true,
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
      stack: parseStack(`${inputs + 1}:a ${Math.max(4, 2 * outputs)}:m[pow3] ${outputs}:a`),
      q: PRESETS.int(),
      restarts: restartsOverride ?? 32,
      transform: PLAIN,
    },
    // A dominant monomial times a sum, and times the inverse of a sum: y = M0 S and y = M0 / S,
    // fitting y/M0 and (y/M0)^-1 (the dominant monomial of y is its best power law, see transform.ts).
    monomials(small, '', 1, true),
    residual(monomials(small, '', 1, true)),
    monomials(small, '', -1, true),
    // Quotients of sums, y = N/D and y = M0 N/D, and their square roots (N or D may be one term).
    rational(medium, 1, false),
    rational(medium, 1, true),
    rational(medium, 2, false),
    rational(medium, 2, true),
    // Powers of a sum alone or times M0: y = S^-1, S^(-1/2), S^(1/2), S^-2.
    monomials(medium, '', -1),
    monomials(small, '', -2, true),
    residual(monomials(small, '', -2, true)),
    monomials(small, '', 2, true),
    monomials(medium, '', 2),
    residual(monomials(small, '', 2)),
    monomials(medium, '', -2),
    monomials(small, '', -0.5, true),
    // Wider exponents, -3..3, and half-integer exponents.
    monomials(wide, '[int3]'),
    residual(monomials(small)),
    monomials(medium, '[half]'),
  ];
}

/** A stage for a stack and Q the user named. */
export function userStage(layers: string, q: string | undefined, inputs: number, steps: number, restarts?: number): StageSpec {
  const spec = parseStack(layers);
  const hidden = spec.layers.slice(0, -1).reduce((m, l) => Math.max(m, l.units), 1);
  const outputs = spec.layers[spec.layers.length - 1].units;
  return {
    stack: spec,
    q: q ? parseQ(q) : PRESETS.int(),
    restarts: restarts ?? restartsFor(inputs, hidden, outputs),
    steps,
    batchSize: inputs > 2 ? 128 : 256,
    lr: 0.05,
    snapEvery: 50,
    transform: PLAIN,
  };
}

/**
 * The schedule length S of each search round. Difficulty is unknown in
 * advance, so every round tries every stage with twice the steps of the
 * round before: easy targets are done in the first short round, and no
 * stage that cannot fit holds up the ones after it for long.
 */
export function stepsForRound(round: number): number {
  return 500 * 2 ** Math.min(round, 4);
}

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

