import type { NetworkGraph } from '../graph.ts';
import { esc } from './chart.ts';

const COLUMN_GAP = 190;
const ROW = 34;
const NODE_H = 24;
const CHAR_W = 7.6;

/**
 * The pruned graph as SVG: one column per layer (inputs, each layer's
 * units, the outputs), a box per node labelled with what it computes, and
 * a curve per surviving edge labelled with its snapped value. A label sits
 * at the end of the edge with fewer neighbours, so the labels of a unit
 * with many inputs do not pile up at the unit.
 */
export function graphSvg(graph: NetworkGraph): string {
  const cols = graph.columns;
  const titles = cols.map((c, ci) => (ci === 0 ? 'inputs' : c.outputs ? `outputs (${kindName(c.kind)})` : `${kindName(c.kind)} units`));
  const widths = cols.map((c, ci) => Math.max(44, titles[ci].length * 7, ...c.nodes.map((n) => n.label.length * CHAR_W + 18)));
  const tallest = Math.max(...cols.map((c) => c.nodes.length));
  const height = tallest * ROW + 60;
  const xs: number[] = [];
  let x = 10;
  widths.forEach((w) => {
    xs.push(x);
    x += w + COLUMN_GAP;
  });
  const width = x - COLUMN_GAP + 10;
  const pos = new Map<string, { x: number; y: number; w: number; col: number }>();
  cols.forEach((c, ci) => {
    const top = 40 + ((tallest - c.nodes.length) * ROW) / 2;
    c.nodes.forEach((n, k) => pos.set(n.id, { x: xs[ci], y: top + k * ROW, w: widths[ci], col: ci }));
  });
  // Each edge's rank among the edges into its target and out of its source, to spread labels along the edges.
  const ins = new Map<string, string[]>();
  const outs = new Map<string, string[]>();
  graph.edges.forEach((e, i) => {
    ins.set(e.to, [...(ins.get(e.to) ?? []), String(i)]);
    outs.set(e.from, [...(outs.get(e.from) ?? []), String(i)]);
  });
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="graph" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="pruned graph of ${esc(graph.targets.join(', '))}">`);
  cols.forEach((_, ci) => parts.push(`<text x="${xs[ci] + widths[ci] / 2}" y="20" text-anchor="middle" class="col-title">${esc(titles[ci])}</text>`));
  const edges: string[] = [];
  const labels: string[] = [];
  graph.edges.forEach((e, i) => {
    const a = pos.get(e.from)!;
    const b = pos.get(e.to)!;
    const x1 = a.x + a.w;
    const y1 = a.y + NODE_H / 2;
    const x2 = b.x;
    const y2 = b.y + NODE_H / 2;
    const mid = (x1 + x2) / 2;
    edges.push(`<path d="M${x1} ${y1}C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}" class="edge${e.value < 0 ? ' negative' : ''}"/>`);
    // Near the target when the target has fewer edges in than the source has out, else near the source;
    // edges that meet there get their labels at different distances, so they do not overlap.
    const into = ins.get(e.to)!;
    const from = outs.get(e.from)!;
    const spread = (rank: number, n: number) => (n > 1 ? (0.22 * rank) / (n - 1) : 0);
    const t = into.length <= from.length ? 0.86 - spread(into.indexOf(String(i)), into.length) : 0.14 + spread(from.indexOf(String(i)), from.length);
    const [lx, ly] = bezier(t, [x1, y1], [mid, y1], [mid, y2], [x2, y2]);
    labels.push(`<text x="${round(lx)}" y="${round(ly + 4)}" text-anchor="middle" class="edge-label">${esc(e.label)}</text>`);
  });
  parts.push(`<g>${edges.join('')}</g>`);
  cols.forEach((c, ci) => {
    const cls = ci === 0 ? 'input' : c.outputs ? 'output' : c.kind;
    for (const n of c.nodes) {
      const p = pos.get(n.id)!;
      parts.push(
        `<g class="node ${cls}"><rect x="${p.x}" y="${p.y}" width="${p.w}" height="${NODE_H}" rx="6"/><text x="${p.x + p.w / 2}" y="${p.y + 16.5}" text-anchor="middle">${esc(n.label)}</text></g>`,
      );
    }
  });
  parts.push(`<g>${labels.join('')}</g>`);
  parts.push('</svg>');
  return parts.join('');
}

function kindName(kind: string): string {
  return ({ caluM: 'CALUm', caluA: 'CALUa', caluE: 'CALUe', caluL: 'CALUl', fn: 'function' } as Record<string, string>)[kind] ?? kind;
}

function bezier(t: number, p0: number[], p1: number[], p2: number[], p3: number[]): [number, number] {
  const u = 1 - t;
  const at = (i: number) => u * u * u * p0[i] + 3 * u * u * t * p1[i] + 3 * u * t * t * p2[i] + t * t * t * p3[i];
  return [at(0), at(1)];
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
