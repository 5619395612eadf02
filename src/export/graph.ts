import type { OutputResult } from '../result.ts';
import type { SnappedLayer } from '../formula/evaluate.ts';
import type { LayerKind } from '../calu/stack.ts';
import { unitTexts } from '../formula/expression.ts';
import { formulaUnicode, numberUnicode, symbolUnicode } from './unicode.ts';

/**
 * The pruned graph behind a fit's formulas, for the terminal graph view and
 * the report's SVG alike: inputs, then the units of each layer, then the
 * outputs, with one edge per surviving (non-zero) weight.
 */
export interface NetworkGraph {
  /** Left to right: the inputs that are used, each hidden layer, the outputs. */
  columns: GraphColumn[];
  edges: GraphEdge[];
  /** The stack as kinds, e.g. "m → a". */
  shape: string;
  targets: string[];
  /** Inputs that no formula of this graph reads. */
  unusedInputs: string[];
}

export interface GraphColumn {
  kind: 'input' | LayerKind;
  /** True for the last column: one node per target. */
  outputs: boolean;
  nodes: GraphNode[];
}

export interface GraphNode {
  id: string;
  /** A short name to refer to the node by: the input's or target's name, or m1, a2, ... for a unit. */
  name: string;
  /** Unicode: an input's name, a unit's expression (p₀², x₁ + x₂), or a target's name. */
  label: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  /** The snapped weight: an exponent into a CALUm or CALUl unit, a coefficient into a CALUa unit, the real part into a CALUe unit (1 into a function). */
  value: number;
  label: string;
}

/** What a graph needs of an output: a fit's chosen formula, or a candidate's while the fit runs. */
export type GraphOutput = Pick<OutputResult, 'target' | 'formula' | 'network'>;

/** The outputs to draw and the identifiers of the inputs in their formulas. */
export interface GraphSource {
  symbols: string[];
  outputs: GraphOutput[];
}

/**
 * One graph per stack shape: usually every output comes from the same stage
 * and they share one graph, their identical units merged (the pp and qq
 * networks of a Lorentz fit use p₀² and q₀² only once each). Outputs
 * without a formula are left out, and constant outputs (no surviving edge)
 * get a graph of their own rather than an arrow that nothing feeds.
 */
export function networkGraphs(result: GraphSource): NetworkGraph[] {
  const groups = new Map<string, number[]>();
  result.outputs.forEach((o, i) => {
    if (o.network.length === 0 || !o.formula) return;
    const constant = o.network.every((l) => l.weights.every((row) => row.every((w) => w === 0)));
    const key = o.network.map((l) => l.kind).join(' ') + (constant ? ' constant' : '');
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  return [...groups.values()].map((members) => buildGraph(result, members));
}

function buildGraph(result: GraphSource, members: number[]): NetworkGraph {
  const { symbols } = result;
  const first = result.outputs[members[0]].network;
  const depth = first.length;
  const hidden: GraphColumn[] = first.slice(0, -1).map((l) => ({ kind: l.kind, outputs: false, nodes: [] }));
  const outputs: GraphColumn = { kind: first[depth - 1].kind, outputs: true, nodes: [] };
  const edges: GraphEdge[] = [];
  const known = hidden.map(() => new Map<string, string>());
  const letters = first.slice(0, -1).map((l) => LETTER[l.kind]);
  const unitName = (l: number, k: number) => (letters.indexOf(letters[l]) === letters.lastIndexOf(letters[l]) ? `${letters[l]}${k}` : `${letters[l]}${l + 1}.${k}`);
  const inputIds = symbols.map((_, j) => `x${j}`);
  const connect = (from: string[], to: string, row: Array<{ value: number; label: string } | null>) =>
    row.forEach((w, j) => {
      if (w) edges.push({ from: from[j], to, ...w });
    });

  for (const o of members) {
    const { network, target } = result.outputs[o];
    const labels = unitTexts(network, symbols);
    let prev = inputIds;
    // Units of different outputs merge; two equal units of one network stay two, as the network has them.
    const mine = new Set<string>();
    network.forEach((layer, l) => {
      const rows = incoming(layer, prev.length);
      if (l === depth - 1) {
        const id = `y${o}`;
        outputs.nodes.push({ id, name: target, label: target });
        connect(prev, id, rows[0]);
        return;
      }
      const ids = rows.map((row, k) => {
        // A unit is the same unit when it reads the same units with the same weights.
        const key = row.map((w, j) => (w === null ? '' : `${prev[j]}:${w.label}`)).filter(Boolean).join(',') + `#${labels[l][k]}`;
        const seen = known[l].get(key);
        if (seen && !mine.has(seen)) {
          mine.add(seen);
          return seen;
        }
        const id = `h${l + 1}.${hidden[l].nodes.length + 1}`;
        if (!seen) known[l].set(key, id);
        mine.add(id);
        hidden[l].nodes.push({ id, name: unitName(l, hidden[l].nodes.length + 1), label: formulaUnicode(labels[l][k]) });
        connect(prev, id, row);
        return id;
      });
      // After a feature block the next layer reads the inputs beside its outputs.
      prev = layer.join ? [...inputIds, ...ids] : ids;
    });
  }
  const usedInputs = new Set(edges.map((e) => e.from).filter((id) => id.startsWith('x')));
  const inputs: GraphColumn = {
    kind: 'input',
    outputs: false,
    nodes: symbols.map((s, j) => ({ id: `x${j}`, name: symbolUnicode(s), label: symbolUnicode(s) })).filter((n) => usedInputs.has(n.id)),
  };
  const columns = [inputs, ...hidden, outputs];
  tidy(columns, edges);
  return {
    columns,
    edges,
    shape: first.map((l) => LETTER[l.kind]).join(' → '),
    targets: members.map((o) => result.outputs[o].target),
    unusedInputs: symbols.filter((_, j) => !usedInputs.has(`x${j}`)).map(symbolUnicode),
  };
}

/** The letter a layer's units are named by (m1, a2, e1, l1, f1). */
const LETTER: Record<LayerKind, string> = { caluM: 'm', caluA: 'a', caluE: 'e', caluL: 'l', fn: 'f' };

/**
 * The edges into each unit of a layer, per input (null where there is none):
 * a CALUe unit's real and imaginary parts both read every input with the
 * complex weight (labelled like i/2 or -1); a function reads its one input.
 */
function incoming(layer: SnappedLayer, inputs: number): Array<Array<{ value: number; label: string } | null>> {
  const edge = (w: number) => (w === 0 ? null : { value: w, label: valueLabel(w) });
  if (layer.kind === 'fn') return Array.from({ length: inputs }, (_, k) => Array.from({ length: inputs }, (_, j) => (j === k ? { value: 1, label: layer.fn! } : null)));
  if (layer.kind !== 'caluE') return layer.weights.map((row) => row.map(edge));
  const rows = layer.weights.map((row, k) => row.map((re, j) => complexEdge(re, layer.imag?.[k]?.[j] ?? 0)));
  return [...rows, ...rows];
}

function complexEdge(re: number, im: number): { value: number; label: string } | null {
  if (re === 0 && im === 0) return null;
  if (im === 0) return { value: re, label: valueLabel(re) };
  const imag = `${im === 1 ? '' : im === -1 ? '−' : valueLabel(im)}i`;
  return { value: re, label: re === 0 ? imag : `${valueLabel(re)}${im < 0 ? '' : '+'}${imag}` };
}

/**
 * Orders each layer's units for drawing: by the first node they feed in
 * the layer after, then by the first node they read in the layer before,
 * so each output's terms sit together and the edges run in a diagonal.
 */
function tidy(columns: GraphColumn[], edges: GraphEdge[]): void {
  const position = (c: GraphColumn) => new Map(c.nodes.map((n, i) => [n.id, i]));
  const firstOf = (ids: string[], at: Map<string, number>) => Math.min(...ids.map((id) => at.get(id) ?? Infinity));
  for (let i = columns.length - 2; i >= 1; i--) {
    const next = position(columns[i + 1]);
    const prev = position(columns[i - 1]);
    const key = new Map(
      columns[i].nodes.map((n) => [
        n.id,
        [firstOf(edges.filter((e) => e.from === n.id).map((e) => e.to), next), firstOf(edges.filter((e) => e.to === n.id).map((e) => e.from), prev)],
      ]),
    );
    columns[i].nodes.sort((a, b) => key.get(a.id)![0] - key.get(b.id)![0] || key.get(a.id)![1] - key.get(b.id)![1]);
  }
}

/** A weight as an edge label: exact values as they are, refitted ones to 4 significant digits. */
export function valueLabel(w: number): string {
  return numberUnicode(Number.isInteger(w * 2) ? w : Number(w.toPrecision(4)));
}
