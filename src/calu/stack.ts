import type { Layer } from '../engine/layer.ts';
import { CaluError } from '../errors.ts';
import { Network } from '../engine/network.ts';
import type { Random } from '../util/random.ts';
import { CaluA } from './caluA.ts';
import { CaluM } from './caluM.ts';
import { CaluE } from './caluE.ts';
import { CaluL } from './caluL.ts';
import { WithInputs } from './withInputs.ts';
import { describeQ, parseQ, PRESETS, type QSet } from './qset.ts';
import { defaultComplexQ, parseComplexQ, type ComplexQ } from './complexQ.ts';

/** A trained layer's kind; 'fn' is an outer function chosen by the search (asin of a fitted sin y, say), never trained. */
export type LayerKind = 'caluM' | 'caluA' | 'caluE' | 'caluL' | 'fn';
export type TrainedKind = Exclude<LayerKind, 'fn'>;

export interface LayerSpec {
  kind: TrainedKind;
  units: number;
  /** The layer's own Q, as written in the spec; the stack default when absent. */
  q?: QSet;
  /** A CALUe layer's complex Q, when the spec names one. */
  cq?: ComplexQ;
  /** The block up to this layer gives features that join the stack's inputs (`2:e+`). */
  join?: boolean;
  /** The block's weights are set, not trained (the search's fixed features; see hypotheses.ts). */
  frozen?: boolean;
}

export interface StackSpec {
  /** The input width, when the spec names it (`8 50:CALUm 3:CALUa`). */
  inputs?: number;
  layers: LayerSpec[];
}

const KINDS: Record<string, TrainedKind> = { m: 'caluM', calum: 'caluM', a: 'caluA', calua: 'caluA', e: 'caluE', calue: 'caluE', l: 'caluL', calul: 'caluL' };
const SHORT: Record<TrainedKind, string> = { caluM: 'm', caluA: 'a', caluE: 'e', caluL: 'l' };

/**
 * Parses a stack in the talk's notation, `8 50:CALUm 3:CALUa`, or the short
 * form `50:m 3:a`. A layer may name its own Q in brackets: `8:m[0..3]`, and
 * a CALUe layer a complex one: `2:e[0,1,-1,i,-i]`. Kinds: m (CALUm), a
 * (CALUa), e (CALUe, exponential) and l (CALUl, logarithm). A `+` after a
 * layer makes the block up to it a feature block whose outputs join the
 * inputs: `2:m 1:e+ 4:m 1:a` computes m -> a over [x; e(m(x))].
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
    const m = /^(\d+):([A-Za-z]+)(?:\[([^\]]+)\])?(\+)?$/.exec(tok);
    if (!m) throw new CaluError(`layer "${tok}" is not UNITS:KIND, e.g. 50:CALUm, 3:a, 8:m[0..3] or 2:e+`);
    const kind = KINDS[m[2].toLowerCase()];
    if (!kind) throw new CaluError(`layer "${tok}": unknown kind "${m[2]}" (use CALUm/m, CALUa/a, CALUe/e or CALUl/l)`);
    const units = Number(m[1]);
    if (units < 1) throw new CaluError(`layer "${tok}" needs at least one unit`);
    const layer: LayerSpec = { kind, units };
    if (m[3]) {
      if (kind === 'caluE') layer.cq = parseComplexQ(m[3]);
      else layer.q = parseQ(m[3]);
    }
    if (m[4]) layer.join = true;
    spec.layers.push(layer);
  });
  if (spec.layers.length === 0) throw new CaluError(`the layer spec "${text}" has no layers`);
  const joins = spec.layers.filter((l) => l.join).length;
  if (joins > 1) throw new CaluError(`the layer spec "${text}" marks ${joins} layers with +; one feature block is allowed`);
  if (spec.layers[spec.layers.length - 1].join) throw new CaluError(`the layer spec "${text}" ends in a feature block (+): a layer must follow it`);
  return spec;
}

/** The short form of a spec, with each layer's Q when it has its own. */
export function describeStack(spec: StackSpec, inputs?: number): string {
  const head = inputs ?? spec.inputs;
  const layers = spec.layers.map((l) => `${l.units}:${SHORT[l.kind]}${l.q ? `[${qText(l.q)}]` : l.cq ? `[${l.cq.names.join(',')}]` : ''}${l.join ? '+' : ''}`);
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
  let layers: Layer[] = [];
  let width = inputSize;
  for (const l of spec.layers) {
    const layer = buildLayer(l, width, restarts, defaultQ, rng);
    layers.push(layer);
    width = layer.outputSize;
    if (l.join) {
      // The block so far becomes one layer giving [x; features].
      layers = [new WithInputs(inputSize, layers, l.frozen ?? false)];
      width = layers[0].outputSize;
    }
  }
  return new Network(layers);
}

function buildLayer(l: LayerSpec, width: number, restarts: number, defaultQ: QSet, rng: Random): Layer {
  const q = l.q ?? defaultQ;
  switch (l.kind) {
    case 'caluM':
      return new CaluM(width, restarts, { units: l.units, q }, rng);
    case 'caluA':
      return new CaluA(width, restarts, { units: l.units, q }, rng);
    case 'caluE':
      return new CaluE(width, restarts, { units: l.units, q: l.cq ?? defaultComplexQ() }, rng);
    case 'caluL':
      return new CaluL(width, restarts, { units: l.units, q }, rng);
  }
}

/** How many outputs a layer of this spec gives: a CALUe unit gives two (its real and imaginary parts). */
export function layerWidth(l: LayerSpec): number {
  return l.kind === 'caluE' ? 2 * l.units : l.units;
}
