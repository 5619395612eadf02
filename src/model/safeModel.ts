import { parse, type MathNode } from 'mathjs';
import { CaluError } from '../errors.ts';
import { worksAsSymbol } from '../formula/safeName.ts';
import { CONSTANTS, FUNCTIONS, Nodes, OPERATORS } from './safeMath.ts';

/**
 * A model file is data, not a program. Its formula trees are rebuilt node
 * by node, accepting only what calu itself writes (the arithmetic
 * operators, powers, sqrt and the functions calu prints (exp, log, sin, cos,
 * asin, acos, tanh, atanh), numbers, the constants pi and e, and the model's
 * own input symbols), with the private mathjs of safeMath.ts. Each output's
 * `formula` text must parse to the very same tree as its `expression`, so
 * what a person reads is what runs. Anything else is one line naming the
 * file, the place in it and the offending node.
 */

/** Deeper or larger trees than any fit writes (a sum of hundreds of monomials is far below). */
export const MAX_DEPTH = 1000;
export const MAX_NODES = 20_000;
export const MAX_FORMULA_CHARS = 100_000;

/** The part of a saved model that predict needs. */
export interface ModelShape {
  inputs: string[];
  symbols: string[];
  outputs: Array<{ target: string; formula: string; expression: unknown }>;
}

/**
 * Checks a parsed model file (any JSON value) and returns it typed. Every
 * output must carry a formula; source names the file in messages.
 */
export function checkModel<T extends ModelShape>(raw: unknown, source: string): T {
  const fail = (what: string): never => {
    throw new CaluError(`${source}: ${what}`);
  };
  if (!isObject(raw) || raw.calu !== 1) fail('not a calu model (save one with calu fit --save)');
  const m = raw as Record<string, unknown>;
  const inputs = stringList(m.inputs, '"inputs"', fail);
  const symbols = stringList(m.symbols, '"symbols"', fail);
  if (inputs.length === 0) fail('"inputs" names no input column');
  if (symbols.length !== inputs.length) fail(`"symbols" has ${symbols.length} names for ${inputs.length} inputs`);
  symbols.forEach((s, i) => {
    if (!worksAsSymbol(s)) fail(`"symbols"[${i}] (${quote(s)}) is not a name a formula can use`);
  });
  if (!Array.isArray(m.outputs) || m.outputs.length === 0) fail('"outputs" lists no formula');
  (m.outputs as unknown[]).forEach((o, k) => {
    const at = `outputs[${k}]`;
    if (!isObject(o)) fail(`${at} is not an object`);
    const out = o as Record<string, unknown>;
    if (typeof out.target !== 'string' || out.target === '') fail(`${at}.target is not a column name`);
    if (out.expression === null || out.expression === undefined || out.formula === '') fail(`${at}: the model has no formula for ${quote(out.target as string)} (the fit found none)`);
    formulaTree(out as ModelShape['outputs'][number], symbols, `${source}: ${at}`);
  });
  return raw as T;
}

/**
 * The tree of each output, rebuilt with the private mathjs and checked
 * against its formula text; null for an output the fit found no formula for.
 */
export function modelTrees(model: ModelShape, source: string): Array<MathNode | null> {
  return model.outputs.map((o, k) => (o.expression === null || o.expression === undefined ? null : formulaTree(o, model.symbols, `${source}: outputs[${k}]`)));
}

function formulaTree(out: { formula: unknown; expression: unknown }, symbols: string[], where: string): MathNode {
  const ctx: Context = { symbols: new Set(symbols), nodes: 0, where };
  const node = build(out.expression, 'expression', ctx, 0);
  if (typeof out.formula !== 'string') throw new CaluError(`${where}.formula is not text`);
  if (out.formula.length > MAX_FORMULA_CHARS) throw new CaluError(`${where}.formula is longer than ${MAX_FORMULA_CHARS} characters`);
  let parsed: MathNode;
  try {
    parsed = parse(out.formula);
  } catch (e) {
    throw new CaluError(`${where}.formula does not parse (${clip(firstLine(e))})`);
  }
  if (!sameTree(parsed, node)) {
    throw new CaluError(`${where}: "formula" (${clip(out.formula)}) does not match "expression" (${clip(node.toString())})`);
  }
  return node;
}

/** Whether two trees are the same, node for node; a parsed tree too deep to compare is not the same. */
function sameTree(a: MathNode, b: MathNode): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

interface Context {
  symbols: Set<string>;
  nodes: number;
  where: string;
}

/** Rebuilds one node of the JSON tree; `at` is its path inside the output, for messages. */
function build(json: unknown, at: string, ctx: Context, depth: number): MathNode {
  const fail = (what: string): never => {
    // A path through a deep tree is long: its two ends say where it is.
    const path = at.length > 100 ? `${at.slice(0, 40)}...${at.slice(-40)}` : at;
    throw new CaluError(`${ctx.where}.${path}: ${what}`);
  };
  if (depth > MAX_DEPTH) fail(`the formula nests deeper than ${MAX_DEPTH} levels`);
  if (++ctx.nodes > MAX_NODES) fail(`the formula has more than ${MAX_NODES} nodes`);
  if (!isObject(json)) fail(`${describe(json)} is not a formula node`);
  const n = json as Record<string, unknown>;
  const child = (value: unknown, path: string) => build(value, `${at}.${path}`, ctx, depth + 1);
  switch (n.mathjs) {
    case 'ConstantNode':
      if (typeof n.value !== 'number' || !Number.isFinite(n.value)) fail(`ConstantNode ${describe(n.value)} is not a finite number`);
      return new Nodes.ConstantNode(n.value as number);
    case 'SymbolNode':
      if (typeof n.name !== 'string') fail('SymbolNode without a name');
      if (!ctx.symbols.has(n.name as string) && !CONSTANTS.has(n.name as string)) fail(`symbol ${quote(n.name as string)} is not an input of the model (nor pi or e)`);
      return new Nodes.SymbolNode(n.name as string);
    case 'OperatorNode': {
      const args = Array.isArray(n.args) ? n.args : fail('OperatorNode without args');
      const kind = OPERATORS.get(String(n.op))?.find((k) => k.fn === n.fn && k.arity === args.length);
      if (!kind) fail(`operator ${quote(String(n.op))} (${quote(String(n.fn))}, ${args.length} argument${args.length === 1 ? '' : 's'}) is not one calu writes`);
      if (n.implicit !== undefined && typeof n.implicit !== 'boolean') fail('OperatorNode "implicit" is not true or false');
      return new Nodes.OperatorNode(n.op as string, kind!.fn, args.map((a, i) => child(a, `args[${i}]`)), n.implicit === true);
    }
    case 'FunctionNode': {
      const fn = n.fn as Record<string, unknown> | undefined;
      const name = isObject(fn) && fn.mathjs === 'SymbolNode' && typeof fn.name === 'string' ? fn.name : undefined;
      const args = Array.isArray(n.args) ? n.args : fail('FunctionNode without args');
      if (name === undefined || !FUNCTIONS.has(name)) fail(`function ${name === undefined ? describe(n.fn) : quote(name)} is not one calu writes (only ${[...FUNCTIONS.keys()].join(', ')})`);
      if (FUNCTIONS.get(name!) !== args.length) fail(`${name} takes ${FUNCTIONS.get(name!)} argument, not ${args.length}`);
      ctx.nodes++;
      return new Nodes.FunctionNode(new Nodes.SymbolNode(name!), args.map((a, i) => child(a, `args[${i}]`)));
    }
    case 'ParenthesisNode':
      return new Nodes.ParenthesisNode(child(n.content, 'content'));
    default:
      return fail(`node type ${typeof n.mathjs === 'string' ? quote(n.mathjs) : describe(n.mathjs)} is not one calu writes`);
  }
}

function stringList(v: unknown, name: string, fail: (what: string) => never): string[] {
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) return fail(`${name} is not a list of names`);
  const seen = new Set<string>();
  for (const s of v as string[]) {
    if (s === '') fail(`${name} holds an empty name`);
    if (seen.has(s)) fail(`${name} names ${quote(s)} twice`);
    seen.add(s);
  }
  return v as string[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A short description of a JSON value that is not what was expected. */
function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return quote(v);
  return String(v);
}

function quote(s: string): string {
  return `"${clip(s)}"`;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0];
}
