import { CaluError } from '../../errors.ts';
import { modelTrees, type ModelShape } from '../../model/safeModel.ts';
import { printable } from '../../util/escape.ts';
import { isUndecided, undecidedText } from '../../result/decidable.ts';
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
 * What exporting reads of a fit (a FitResult, or a model file as loadModel
 * returns it): a file may have been written by hand, so whether a formula is
 * exact and its error may be missing.
 */
export interface Exportable extends ModelShape {
  outputs: Array<ModelShape['outputs'][number] & { exact?: boolean; fit?: string; noise?: { sigma?: number | null } | null; metrics?: { train?: { maxRelError?: number | null } }; undecided?: unknown }>;
}

/**
 * A fit's formulas as code: one function per target, named after it, whose
 * parameters are the inputs in order, each printed from the formula's
 * mathjs tree. A formula that is not exact says so in a comment above it
 * (or that it fits within noise, and the noise).
 * The trees are rebuilt and checked as predict's are (model/safeModel.ts):
 * a model file is data, whichever command reads it.
 */
export function exportCode(model: Exportable, language: Language): string {
  const emitter = EMITTERS[language];
  const trees = modelTrees(model, 'the model');
  const params = identifiers(model.symbols, emitter.reserved);
  const names = new Map(model.symbols.map((s, i) => [s, params[i]]));
  const fnNames = identifiers(
    model.outputs.map((o) => o.target),
    new Set([...emitter.reserved, ...params]),
  );
  const parts = model.outputs.map((o, k) => {
    const tree = trees[k];
    // Target names come from the data: a line break in one must not end the comment and start code.
    const target = printable(o.target);
    if (!tree) return emitter.comment(`${target}: no formula was found`) + '\n';
    const error = o.metrics?.train?.maxRelError;
    const sigma = o.noise?.sigma;
    // Read from a file that may have been written by hand: only three whole numbers make a reason.
    const why = isUndecided(o.undecided) ? undecidedText(o.undecided) : `largest relative error ${typeof error !== 'number' || !Number.isFinite(error) ? 'undefined' : error.toExponential(1)} on the training rows`;
    const note =
      o.exact === true
        ? ''
        : o.fit === 'within-noise'
          ? emitter.comment(`${target} fits within noise (sigma ${typeof sigma === 'number' && Number.isFinite(sigma) ? sigma.toPrecision(3) : 'unknown'}), not exactly`) + '\n'
          : emitter.comment(`${target} is not exact: ${why}`) + '\n';
    try {
      return note + emitter.fn(fnNames[k], params, tree, names);
    } catch (e) {
      if (e instanceof CaluError) throw new CaluError(`${target}: ${e.message} to ${language}`);
      throw e;
    }
  });
  return [emitter.prelude, ...parts].filter(Boolean).join('\n');
}
