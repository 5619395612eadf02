import { CaluError } from '../../errors.ts';
import type { SavedModel } from '../../model.ts';
import { modelTrees } from '../../model/safeModel.ts';
import type { FitResult } from '../../result.ts';
import type { Emitter } from './emitter.ts';
import type { Language } from './languages.ts';
import { identifiers } from './names.ts';
import { python } from './python.ts';
import { sympy } from './sympy.ts';
import { numpy } from './numpy.ts';
import { js } from './js.ts';
import { c } from './c.ts';
import { julia } from './julia.ts';
import { latex } from './latex.ts';
import { mathjs } from './mathjs.ts';

const EMITTERS: Record<Language, Emitter> = { python, sympy, numpy, js, c, julia, latex, mathjs };

/**
 * A fit's formulas as code: one function per target, named after it, whose
 * parameters are the inputs in order, each printed from the formula's
 * mathjs tree. A formula that is not exact says so in a comment above it.
 */
export function exportCode(model: FitResult | SavedModel, language: Language): string {
  const emitter = EMITTERS[language];
  // Rebuilt and checked as predict's trees are (model/safeModel.ts): a model file is data, whichever command reads it.
  const trees = modelTrees(model, 'the model');
  const params = identifiers(model.symbols, emitter.reserved);
  const names = new Map(model.symbols.map((s, i) => [s, params[i]]));
  const fnNames = identifiers(
    model.outputs.map((o) => o.target),
    new Set([...emitter.reserved, ...params]),
  );
  const parts = model.outputs.map((o, k) => {
    const tree = trees[k];
    if (!tree) return emitter.comment(`${o.target}: no formula was found`) + '\n';
    const error = o.metrics.train.maxRelError;
    const note = o.exact ? '' : emitter.comment(`${o.target} is not exact: largest relative error ${error === null || !Number.isFinite(error) ? 'undefined' : error.toExponential(1)} on the training rows`) + '\n';
    try {
      return note + emitter.fn(fnNames[k], params, tree, names);
    } catch (e) {
      if (e instanceof CaluError) throw new CaluError(`${o.target}: ${e.message} to ${language}`);
      throw e;
    }
  });
  return [emitter.prelude, ...parts].filter(Boolean).join('\n');
}
