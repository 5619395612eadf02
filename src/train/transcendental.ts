import { parseStack } from '../calu/stack.ts';
import { PLAIN, targetFunction, type TransformSpec } from './transform.ts';
import { rankedQ } from './rankedArguments.ts';
import type { StageKindName, StageSpec } from './recipe.ts';

/**
 * Stages for formulas with exp, log, sin and cos. Each opens with a feature
 * block whose units join the inputs, and its restarts start on argument
 * hypotheses (hypotheses.ts): a sine or cosine of one input or of a product
 * of two, an exponential or a logarithm of a small monomial. Behind the
 * block, an ordinary m -> a stack (or a quotient N/D) over [x; features],
 * fitting y or a function of it:
 *   y = r F sin(theta), 2 U (1 - cos(k d)), n kb T log(V2/V1)    sums over [x; e] or [x; l]
 *   log y = log(n0) - m g x/(kb T)                            log(y) over [x; l]
 *   sin y = n sin(theta2), cos y = N/D over [x; cos(theta2)]   asin, acos read back
 *   1/y = (exp(u) - 1)/(h omega)                               y^-1 over [x; exp(c u)], u ranked
 *   y = n mom (exp(2u) - 1)/(exp(2u) + 1)                      quotients over [x; exp(c u)]
 *   y = sin(2 pi E t/h)^2                                      sums over [x; cos(c u), sin(c u)], u ranked
 *   y = N/D over [x; cos(theta)]                              quotients, as the algebraic rational stages
 */
export function transcendentalStages(inputs: number, outputs: number, base: Omit<StageSpec, 'kind' | 'stack' | 'restarts' | 'transform'>, restartsOverride?: number): StageSpec[] {
  const stage = (stack: string, transform: TransformSpec, kind: StageKindName = 'plain', restarts = inputs > 4 ? 96 : 64): StageSpec => ({
    ...base,
    kind,
    stack: parseStack(stack),
    restarts: restartsOverride ?? restarts,
    transform,
    hypotheses: 'arguments',
  });
  const e = (tail: string, transform: TransformSpec = PLAIN, kind: StageKindName = 'plain') => stage(`2:m 1:e+ ${tail}`, transform, kind);
  // An algebraic stage over [x; cos x_j, sin x_j], one input j per restart: the block is frozen, the rest trains and pools as usual.
  const trig = (hidden: number, tail: string, transform: TransformSpec = PLAIN, kind: StageKindName = 'plain'): StageSpec => {
    const stack = parseStack(`1:m 1:e+ ${hidden}:${tail}`);
    stack.layers[1].frozen = true;
    // About a dozen restarts per input: the tail over a mixed-sign feature trains less surely than over positive inputs.
    return { ...base, kind, stack, restarts: restartsOverride ?? Math.max(32, 12 * inputs), transform, hypotheses: 'turns' };
  };
  // An algebraic stage over [x; exp(c u)] or [x; cos(c u), sin(c u)], u a monomial ranked on the data (rankedArguments.ts), one per restart: frozen as trig's.
  const ranked = (fn: 'exp' | 'turn') => (hidden: number, tail: string, transform: TransformSpec = PLAIN, kind: StageKindName = 'plain'): StageSpec => {
    const stack = parseStack(`1:m 1:e[${rankedQ(fn)}]+ ${hidden}:${tail}`);
    stack.layers[1].frozen = true;
    return { ...base, kind, stack, restarts: restartsOverride ?? 48, transform, hypotheses: fn === 'exp' ? 'exponentials' : 'phases' };
  };
  const exp = ranked('exp');
  const phase = ranked('turn');
  // Logarithms of small monomials are few (18 for 3 inputs): fewer restarts cover them, each more than once.
  const l = (tail: string, transform: TransformSpec = PLAIN) => stage(`1:l+ ${tail}`, transform, 'plain', 32);
  const sum = `6:m ${outputs}:a`;
  const quotient = `8:m ${2 * outputs}:a`;
  const power = (p: number, byDominant = false): TransformSpec => ({ kind: 'power', power: p, byDominant });
  const small = Math.max(4, outputs + 2);
  const medium = Math.max(8, outputs + 4);
  // Cheapest first: a logarithm block is one unit wide, a frozen block trains nothing; the trained m -> e blocks are the dearest.
  return [
    l(`4:m ${outputs}:a`, targetFunction('log')),
    { ...trig(medium, `m ${outputs}:a`), readsSums: true },
    exp(medium, `m ${outputs}:a`, power(-1)),
    exp(small, `m ${outputs}:a`),
    phase(medium, `m ${outputs}:a`),
    l(sum),
    trig(medium, `m ${outputs}:a`, power(-1)),
    trig(small, `m ${outputs}:a`, power(1, true)),
    trig(small, `m ${outputs}:a`, targetFunction('sin')),
    e(sum),
    trig(medium, `m ${2 * outputs}:a`, PLAIN, 'rational'),
    trig(medium, `m ${2 * outputs}:a`, targetFunction('cos'), 'rational'),
    e(sum, power(-1)),
    exp(medium, `m ${2 * outputs}:a`, PLAIN, 'rational'),
    exp(medium, `m[int3] ${outputs}:a`, power(-1)),
    trig(medium, `m ${outputs}:a`, power(2)),
    trig(small, `m ${outputs}:a`, power(-2, true)),
    trig(medium, `m ${2 * outputs}:a`, power(2), 'rational'),
    trig(medium, `m[half] ${outputs}:a`),
  ];
}

