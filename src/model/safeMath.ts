import {
  create,
  addDependencies,
  subtractDependencies,
  multiplyDependencies,
  divideDependencies,
  powDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  sqrtDependencies,
  expDependencies,
  logDependencies,
  sinDependencies,
  cosDependencies,
  asinDependencies,
  acosDependencies,
  tanhDependencies,
  atanhDependencies,
  piDependencies,
  eDependencies,
  OperatorNodeDependencies,
  ConstantNodeDependencies,
  SymbolNodeDependencies,
  FunctionNodeDependencies,
  ParenthesisNodeDependencies,
  type MathNode,
} from 'mathjs';

/**
 * The mathjs that evaluates formulas from model files: a private instance
 * holding only the arithmetic calu writes. Everything else a mathjs
 * instance carries (import, config, create, createUnit, evaluate, parse,
 * matrices, units) is removed from both of its namespaces, so a formula tree
 * that slipped past the checks still finds nothing to call. (The package
 * bundles this file's mathjs import from the factories it names alone: see
 * scripts/build.js.)
 */

/** What compiled formulas may look up: the operators and functions calu writes, and its exact constants. */
export const OPERATORS: ReadonlyMap<string, { fn: string; arity: number }[]> = new Map([
  ['+', [{ fn: 'add', arity: 2 }, { fn: 'unaryPlus', arity: 1 }]],
  ['-', [{ fn: 'subtract', arity: 2 }, { fn: 'unaryMinus', arity: 1 }]],
  ['*', [{ fn: 'multiply', arity: 2 }]],
  ['/', [{ fn: 'divide', arity: 2 }]],
  ['^', [{ fn: 'pow', arity: 2 }]],
]);
export const FUNCTIONS: ReadonlyMap<string, number> = new Map(['sqrt', 'exp', 'log', 'sin', 'cos', 'asin', 'acos', 'tanh', 'atanh'].map((f) => [f, 1]));
export const CONSTANTS: ReadonlySet<string> = new Set(['pi', 'e']);

const KEEP = new Set(['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus', ...FUNCTIONS.keys(), 'pi', 'e']);

type Ns = Record<string, unknown>;

const instance = create(
  {
    addDependencies,
    subtractDependencies,
    multiplyDependencies,
    divideDependencies,
    powDependencies,
    unaryMinusDependencies,
    unaryPlusDependencies,
    sqrtDependencies,
    expDependencies,
    logDependencies,
    sinDependencies,
    cosDependencies,
    asinDependencies,
    acosDependencies,
    tanhDependencies,
    atanhDependencies,
    piDependencies,
    eDependencies,
    OperatorNodeDependencies,
    ConstantNodeDependencies,
    SymbolNodeDependencies,
    FunctionNodeDependencies,
    ParenthesisNodeDependencies,
  },
  // The same number handling as the mathjs that checks formulas during a fit, so predictions do not change.
  { number: 'number' },
) as unknown as Ns & { expression: { mathWithTransform: Ns } };

/** The node classes, taken before the namespaces are emptied. */
export const Nodes = {
  OperatorNode: instance.OperatorNode as new (op: string, fn: string, args: MathNode[], implicit?: boolean) => MathNode,
  ConstantNode: instance.ConstantNode as new (value: number) => MathNode,
  SymbolNode: instance.SymbolNode as new (name: string) => MathNode,
  FunctionNode: instance.FunctionNode as new (fn: MathNode, args: MathNode[]) => MathNode,
  ParenthesisNode: instance.ParenthesisNode as new (content: MathNode) => MathNode,
};

const namespaces = [instance, instance.expression.mathWithTransform];
// Resolve what is kept first: mathjs builds functions lazily, each binding its own dependencies when it is built.
for (const ns of namespaces) for (const k of KEEP) void ns[k];
for (const ns of namespaces) for (const k of Object.keys(ns)) if (!KEEP.has(k)) delete ns[k];

/** The names left in the private instance (for the tests). */
export function privateNames(): string[][] {
  return namespaces.map((ns) => Object.keys(ns).sort());
}
