import type { FitEvent } from '../train/events.ts';
import type { FitResult } from '../result.ts';
import { printable } from '../util/escape.ts';

/**
 * The names a fit's events and result carry come from the data (headers),
 * so the screen shows them with their control characters escaped. Formulas
 * are written in symbols, which are plain identifiers already.
 */
export function printableEvent(e: FitEvent): FitEvent {
  switch (e.type) {
    case 'start':
      return { ...e, inputs: e.inputs.map(printable), targets: e.targets.map(printable) };
    case 'stage':
      return { ...e, targets: e.targets.map(printable) };
    case 'candidate':
      return { ...e, target: printable(e.target) };
    default:
      return e;
  }
}

export function printableResult(r: FitResult): FitResult {
  return {
    ...r,
    inputs: r.inputs.map(printable),
    outputs: r.outputs.map((o) => ({ ...o, target: printable(o.target) })),
    candidates: r.candidates.map((c) => ({ ...c, target: printable(c.target) })),
    stages: r.stages.map((s) => ({ ...s, targets: s.targets.map(printable) })),
  };
}
