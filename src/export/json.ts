import type { FitResult } from '../result.ts';

/**
 * The JSON contract of `calu fit --json`: one object, stable field names.
 * The same object is a saved model (`--save`): `calu predict` reads it back.
 * NaN (an undefined error) becomes null, as JSON has no NaN.
 */
export function toJson(result: FitResult): object {
  return {
    calu: 1,
    inputs: result.inputs,
    symbols: result.symbols,
    outputs: result.outputs.map((o) => ({
      target: o.target,
      formula: o.formula,
      latex: o.latex,
      expression: o.expression,
      exact: o.exact,
      complexity: o.complexity,
      metrics: o.metrics,
      fit: o.fit,
      noise: o.noise,
      heldOut: o.heldOut,
      constants: o.constants,
      source: o.source,
      network: o.network,
      ...(o.undecided ? { undecided: o.undecided } : {}),
    })),
    candidates: result.candidates,
    stages: result.stages,
    seed: result.seed,
    seconds: round3(result.seconds),
    backend: result.backend,
    stoppedBy: result.stoppedBy,
    rows: result.rows,
  };
}

export function stringify(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), indent);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
