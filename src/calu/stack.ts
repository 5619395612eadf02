import type { Layer } from '../engine/layer.ts';
import { CaluError } from '../errors.ts';
import { Network } from '../engine/network.ts';
import type { Random } from '../util/random.ts';
import { CaluA } from './caluA.ts';
import { CaluM } from './caluM.ts';
import { describeQ, parseQ, PRESETS, type QSet } from './qset.ts';

export type LayerKind = 'caluM' | 'caluA';

export interface LayerSpec {
  kind: LayerKind;
  units: number;
  /** The layer's own Q, as written in the spec; the stack default when absent. */
  q?: QSet;
}

export interface StackSpec {
  /** The input width, when the spec names it (`8 50:CALUm 3:CALUa`). */
  inputs?: number;
  layers: LayerSpec[];
}

const KINDS: Record<string, LayerKind> = { m: 'caluM', calum: 'caluM', a: 'caluA', calua: 'caluA' };
const SHORT: Record<LayerKind, string> = { caluM: 'm', caluA: 'a' };

/**
 * Parses a stack in the talk's notation, `8 50:CALUm 3:CALUa`, or the short
 * form `50:m 3:a`. A layer may name its own Q in brackets: `8:m[0..3]`.
 */
export function parseStack(text: string): StackSpec {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) throw new CaluError('the layer spec is empty');
  const spec: StackSpec = { layers: [] };
  tokens.forEach((tok, i) => {
    if (i === 0 && /^\d+$/.test(tok)) {
      spec.inputs = Number(tok);
      return;
    }
    const m = /^(\d+):([A-Za-z]+)(?:\[([^\]]+)\])?$/.exec(tok);
    if (!m) throw new CaluError(`layer "${tok}" is not UNITS:KIND, e.g. 50:CALUm, 3:a or 8:m[0..3]`);
    const kind = KINDS[m[2].toLowerCase()];
    if (!kind) throw new CaluError(`layer "${tok}": unknown kind "${m[2]}" (use CALUm/m or CALUa/a)`);
    const units = Number(m[1]);
    if (units < 1) throw new CaluError(`layer "${tok}" needs at least one unit`);
    spec.layers.push({ kind, units, q: m[3] ? parseQ(m[3]) : undefined });
  });
  if (spec.layers.length === 0) throw new CaluError(`the layer spec "${text}" has no layers`);
  return spec;
}

/** The short form of a spec, with each layer's Q when it has its own. */
export function describeStack(spec: StackSpec, inputs?: number): string {
  const head = inputs ?? spec.inputs;
  const layers = spec.layers.map((l) => `${l.units}:${SHORT[l.kind]}${l.q ? `[${qText(l.q)}]` : ''}`);
  return [head !== undefined ? String(head) : null, ...layers].filter(Boolean).join(' ');
}

function qText(q: QSet): string {
  for (const [name, make] of Object.entries(PRESETS)) {
    if (describeQ(make()) === describeQ(q)) return name;
  }
  return q.names.join(',');
}

/** Builds a batched network of R restarts for the given spec. */
export function buildNetwork(spec: StackSpec, inputSize: number, restarts: number, defaultQ: QSet, rng: Random): Network {
  if (spec.inputs !== undefined && spec.inputs !== inputSize) {
    throw new CaluError(`the layer spec takes ${spec.inputs} inputs but the data has ${inputSize}`);
  }
  const layers: Layer[] = [];
  let width = inputSize;
  for (const l of spec.layers) {
    const q = l.q ?? defaultQ;
    const layer = l.kind === 'caluM' ? new CaluM(width, restarts, { units: l.units, q }, rng) : new CaluA(width, restarts, { units: l.units, q }, rng);
    layers.push(layer);
    width = l.units;
  }
  return new Network(layers);
}
