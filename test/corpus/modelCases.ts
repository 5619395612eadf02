import { parse } from 'mathjs';

/**
 * Model files as an attacker or a broken tool would write them, each with
 * the line calu must refuse it with (after "<file>: "). Every class the
 * issue names is here: functions that exhaust memory or change mathjs
 * (size, zeros, createUnit, evaluate, parse, config, import), symbols that
 * reach into JavaScript (process, constructor), node types calu never
 * writes, an expression that computes something else than its formula, and
 * malformed files.
 */
export interface ModelCase {
  name: string;
  /** The file's JSON value, or its text when a string. */
  content: unknown;
  message: string;
}

/** A model with one output, its expression parsed from `formula` unless given. */
export function model(formula: string, expression: unknown = JSON.parse(JSON.stringify(parse(formula)))) {
  return { calu: 1 as const, inputs: ['x1', 'x2'], symbols: ['x1', 'x2'], outputs: [{ target: 'y', formula, expression, exact: true }], seed: 1 };
}

export const MODEL_CASES: ModelCase[] = [
  { name: 'size(zeros(100000, 100000)), which exhausts memory', content: model('size(zeros(100000, 100000))'), message: 'outputs[0].expression: function "size" is not one calu writes (only sqrt, exp, log, sin, cos, asin, acos, tanh, atanh)' },
  { name: 'createUnit, which changes mathjs', content: model('createUnit("foo")'), message: 'outputs[0].expression: function "createUnit" is not one calu writes (only sqrt, exp, log, sin, cos, asin, acos, tanh, atanh)' },
  { name: 'evaluate', content: model('x1 + evaluate("1 + 1")'), message: 'outputs[0].expression.args[1]: function "evaluate" is not one calu writes (only sqrt, exp, log, sin, cos, asin, acos, tanh, atanh)' },
  { name: 'parse', content: model('parse("x")'), message: 'outputs[0].expression: function "parse" is not one calu writes (only sqrt, exp, log, sin, cos, asin, acos, tanh, atanh)' },
  { name: 'config', content: model('config({number: "BigNumber"})'), message: 'outputs[0].expression: function "config" is not one calu writes (only sqrt, exp, log, sin, cos, asin, acos, tanh, atanh)' },
  { name: 'import', content: model('import({})'), message: 'outputs[0].expression: function "import" is not one calu writes (only sqrt, exp, log, sin, cos, asin, acos, tanh, atanh)' },
  { name: 'the symbol process', content: model('x1 * process'), message: 'outputs[0].expression.args[1]: symbol "process" is not an input of the model (nor pi or e)' },
  { name: 'the symbol constructor', content: model('constructor'), message: 'outputs[0].expression: symbol "constructor" is not an input of the model (nor pi or e)' },
  { name: 'a function definition', content: model('f(x) = x'), message: 'outputs[0].expression: node type "FunctionAssignmentNode" is not one calu writes' },
  { name: 'an index into a symbol', content: model('x1[1]'), message: 'outputs[0].expression: node type "AccessorNode" is not one calu writes' },
  { name: 'a condition', content: model('x1 > 0 ? x1 : x2'), message: 'outputs[0].expression: node type "ConditionalNode" is not one calu writes' },
  { name: 'an operator calu never writes', content: model('x1 mod x2'), message: 'outputs[0].expression: operator "mod" ("mod", 2 arguments) is not one calu writes' },
  { name: 'a string constant', content: model('"abc"'), message: 'outputs[0].expression: ConstantNode "abc" is not a finite number' },
  { name: 'a matrix', content: model('[1, 2]'), message: 'outputs[0].expression: node type "ArrayNode" is not one calu writes' },
  { name: 'an operator node that names another function', content: model('x1', { mathjs: 'OperatorNode', op: '*', fn: 'size', args: [{ mathjs: 'SymbolNode', name: 'x1' }, { mathjs: 'SymbolNode', name: 'x1' }] }), message: 'outputs[0].expression: operator "*" ("size", 2 arguments) is not one calu writes' },
  { name: 'an expression that computes 1000 times its formula', content: model('x1 * x2', JSON.parse(JSON.stringify(parse('1000 * x1 * x2')))), message: 'outputs[0]: "formula" (x1 * x2) does not match "expression" (1000 * x1 * x2)' },
  { name: 'a file that is not JSON', content: 'hello', message: 'not a calu model (it is not JSON)' },
  { name: 'a JSON list', content: [1, 2], message: 'not a calu model (save one with calu fit --save)' },
  { name: 'inputs that are not a list', content: { ...model('x1'), inputs: 'x1' }, message: '"inputs" is not a list of names' },
  { name: 'fewer symbols than inputs', content: { ...model('x1'), symbols: ['x1'] }, message: '"symbols" has 1 names for 2 inputs' },
  { name: 'a symbol mathjs reserves', content: { ...model('x1'), symbols: ['x1', 'end'] }, message: '"symbols"[1] ("end") is not a name a formula can use' },
  { name: 'an input named twice', content: { ...model('x1'), inputs: ['a', 'a'] }, message: '"inputs" names "a" twice' },
  { name: 'outputs that are not a list', content: { ...model('x1'), outputs: {} }, message: '"outputs" lists no formula' },
  { name: 'an output with no formula', content: model('', null), message: 'outputs[0]: the model has no formula for "y" (the fit found none)' },
  { name: 'an expression that is a string', content: model('x1', 'x1'), message: 'outputs[0].expression: "x1" is not a formula node' },
  { name: 'an output without formula text', content: model(undefined as unknown as string, { mathjs: 'SymbolNode', name: 'x1' }), message: 'outputs[0].formula is not text' },
];
