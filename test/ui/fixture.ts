import { readFileSync } from 'node:fs';
import type { FitEvent } from '../../src/train/events.ts';
import type { FitResult } from '../../src/result.ts';
import { initialState, reduce, type UiState } from '../../src/ui/state.ts';

/** A recorded fit (see fixtures/record.ts): its events in order and its result. */
export interface Recording {
  file: string;
  targets: string[];
  events: FitEvent[];
  result: FitResult;
}

export function recording(name: 'lorentz' | 'cube'): Recording {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
}

/** The UI state after the first `count` events of a recording (all of them, and the result, by default). */
export function replay(rec: Recording, count = rec.events.length, withResult = count === rec.events.length): UiState {
  let state = initialState(`samples/${rec.file}`);
  for (const e of rec.events.slice(0, count)) state = reduce(state, e);
  return withResult ? reduce(state, { type: 'result', result: rec.result }) : state;
}

/** A frame without colour codes and without the spaces Ink pads lines with. */
export function plain(frame: string | undefined): string {
  return (frame ?? '').replace(/\x1b\[[0-9;]*m/g, '').split('\n').map((l) => l.trimEnd()).join('\n');
}
