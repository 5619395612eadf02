import type { Layer } from '../engine/layer.ts';
import { Network } from '../engine/network.ts';
import type { Random } from '../util/random.ts';
import { Dense } from './mlp.ts';
import { Nalu } from './nalu.ts';
import { Nau } from './nau.ts';
import { Nmu } from './nmu.ts';
import { Npu } from './npu.ts';
import type { Penalty } from './penalty.ts';

export type BaselineKind = 'tanh' | 'relu' | 'identity' | 'nalu' | 'nalum' | 'nalua' | 'nau' | 'nmu' | 'npu' | 'realnpu';

const KINDS: BaselineKind[] = ['tanh', 'relu', 'identity', 'nalu', 'nalum', 'nalua', 'nau', 'nmu', 'npu', 'realnpu'];

export interface BaselineLayerSpec {
  kind: BaselineKind;
  units: number;
}

/** Regularisers by layer kind (only the NAU, NMU and NPUs take one). */
export type Penalties = Partial<Record<'nau' | 'nmu' | 'npu' | 'realnpu', Penalty>>;

/**
 * Parses a baseline stack in the talk's notation, e.g. `100:tanh 100:tanh 8:identity`,
 * `50:nalum 3:nalua` (NALU's multiplicative path, then its additive path, the NAC)
 * or `5:nau 1:nmu`. Case does not matter; a leading input width is allowed.
 */
export function parseBaselineStack(text: string): BaselineLayerSpec[] {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const layers: BaselineLayerSpec[] = [];
  tokens.forEach((tok, i) => {
    if (i === 0 && /^\d+$/.test(tok)) return;
    const m = /^(\d+):([A-Za-z_]+)$/.exec(tok);
    const kind = m?.[2].toLowerCase().replace('_', '') as BaselineKind | undefined;
    if (!m || !kind || !KINDS.includes(kind)) throw new Error(`baseline layer "${tok}" is not UNITS:KIND with KIND one of ${KINDS.join(', ')}`);
    layers.push({ kind, units: Number(m[1]) });
  });
  if (layers.length === 0) throw new Error(`the baseline stack "${text}" has no layers`);
  return layers;
}

/** Builds R restarts of a baseline stack as one batched network. */
export function buildBaseline(text: string, inputs: number, restarts: number, rng: Random, penalties: Penalties = {}): Network {
  let width = inputs;
  const layers: Layer[] = parseBaselineStack(text).map((l) => {
    const layer = makeLayer(l, width, restarts, rng, penalties);
    width = l.units;
    return layer;
  });
  return new Network(layers);
}

function makeLayer(l: BaselineLayerSpec, inputs: number, R: number, rng: Random, penalties: Penalties): Layer {
  const units = l.units;
  switch (l.kind) {
    case 'tanh':
    case 'relu':
    case 'identity':
      return new Dense(inputs, R, { units, activation: l.kind }, rng);
    case 'nalu':
      return new Nalu(inputs, R, { units, mode: 'gated' }, rng);
    case 'nalum':
      return new Nalu(inputs, R, { units, mode: 'mul' }, rng);
    case 'nalua':
      return new Nalu(inputs, R, { units, mode: 'add' }, rng);
    case 'nau':
      return new Nau(inputs, R, { units, penalty: penalties.nau }, rng);
    case 'nmu':
      return new Nmu(inputs, R, { units, penalty: penalties.nmu }, rng);
    case 'npu':
    case 'realnpu':
      return new Npu(inputs, R, { units, real: l.kind === 'realnpu', penalty: penalties[l.kind] }, rng);
  }
}
