import type { GraphColumn, GraphEdge, NetworkGraph } from '../export/graph.ts';

/**
 * Draws a pruned graph as lines of box-drawing text, as a crossbar: each
 * node of the layer before runs down a vertical line, each unit is a row
 * that picks up the lines it reads, and the edge's snapped value sits on
 * the crossing. The outputs run down verticals on the right and are named
 * at the bottom. A deeper stack draws one such block per layer.
 *
 *   p₀  p₁
 *   │   │
 *   2───┼───▶ p₀²   ──1
 *       2───▶ p₁²   ──┼──−1
 *                     ▼  ▼
 *                     y  z
 *
 * Every line has the same length, so the view can scroll it sideways.
 */
export function graphLines(graph: NetworkGraph, maxLabel = 40): string[] {
  const { columns } = graph;
  const last = columns.length - 1;
  const counts = columns.map((c) => c.nodes.length);
  const hidden = counts.slice(1, -1);
  const units = hidden.length ? `${[...hidden.slice(0, -1), plural(hidden.at(-1)!, 'unit')].join(' → ')} → ` : '';
  const title = `${graph.targets.join(', ')}: ${plural(counts[0], 'input')} → ${units}${plural(counts[last], 'output')} (${graph.shape})`;
  const lines = [title];
  if (graph.edges.length === 0) return pad([...lines, `no edge survives: ${graph.targets.join(', ')} ${graph.targets.length === 1 ? 'is a constant' : 'are constants'}`]);
  if (last === 1) lines.push(...block(columns[0], columns[1], null, graph.edges, false, maxLabel));
  for (let i = 1; i < last; i++) {
    if (i > 1) lines.push('');
    lines.push(...block(columns[i - 1], columns[i], i === last - 1 ? columns[last] : null, graph.edges, i < last - 1, maxLabel));
  }
  if (graph.unusedInputs.length) lines.push(`unused input${graph.unusedInputs.length === 1 ? '' : 's'}: ${graph.unusedInputs.join(', ')}`);
  return pad(lines);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What the edge labels mean, once for every graph. */
export const GRAPH_LEGEND = 'edge labels: exponents into CALUm units (m), coefficients into CALUa units (a)';

function block(left: GraphColumn, rows: GraphColumn, right: GraphColumn | null, edges: GraphEdge[], named: boolean, maxLabel: number): string[] {
  const label = new Map(edges.map((e) => [`${e.from}>${e.to}`, e.label]));
  const edge = (from: string, to: string) => label.get(`${from}>${to}`);
  const R = rows.nodes;
  // Left: one vertical per node of the layer before, as wide as its name or its widest edge label.
  const lx = offsets(left.nodes.map((c) => Math.max(len(c.name), ...R.map((r) => len(edge(c.id, r.id) ?? ''))) + 2), 1);
  const leftEnd = lx.end;
  const lastRow = left.nodes.map((c) => R.reduce((m, r, k) => (edge(c.id, r.id) ? k : m), -1));
  const names = R.map((r) => clip(named ? `${r.name} ${r.label}` : r.label, maxLabel));
  const labelWidth = Math.max(0, ...names.map(len));
  const out = right?.nodes ?? [];
  const rx = offsets(out.map((o) => Math.max(len(o.name), ...R.map((r) => len(edge(r.id, o.id) ?? ''))) + 2), 0);
  const firstRow = out.map((o) => R.findIndex((r) => edge(r.id, o.id)));
  const rightStart = leftEnd + 2 + labelWidth + 1;

  const lines: string[] = [];
  const head = new Canvas(leftEnd);
  left.nodes.forEach((c, i) => head.write(lx.at[i], c.name));
  lines.push(head.text());
  const bars = new Canvas(leftEnd);
  left.nodes.forEach((_, i) => bars.write(lx.at[i], '│'));
  lines.push(bars.text());

  R.forEach((r, k) => {
    const line = new Canvas(leftEnd);
    const into = left.nodes.map((c) => edge(c.id, r.id));
    const first = into.findIndex(Boolean);
    const start = first < 0 ? leftEnd : lx.at[first];
    for (let p = start; p < leftEnd; p++) line.write(p, '─');
    left.nodes.forEach((_, i) => {
      if (into[i]) line.write(lx.at[i], into[i]!);
      else if (k <= lastRow[i]) line.write(lx.at[i], lx.at[i] > start ? '┼' : '│');
    });
    let text = line.text() + (first < 0 ? '  ' : '▶ ') + names[k];
    const gap = labelWidth - len(names[k]);
    if (!right) text += ' '.repeat(gap);
    else {
      const rline = new Canvas(rx.end);
      const from = out.map((o) => edge(r.id, o.id));
      const lastOut = from.reduce((m, v, j) => (v ? j : m), -1);
      const end = lastOut < 0 ? 0 : rx.at[lastOut] + len(from[lastOut]!);
      for (let p = 0; p < end; p++) rline.write(p, '─');
      out.forEach((_, j) => {
        if (from[j]) rline.write(rx.at[j], from[j]!);
        else if (firstRow[j] >= 0 && k >= firstRow[j]) rline.write(rx.at[j], rx.at[j] < end ? '┼' : '│');
      });
      text += lastOut < 0 ? ' '.repeat(gap + 3) : ` ${'─'.repeat(gap + 2)}`;
      text += rline.text();
    }
    lines.push(text);
  });
  if (right) {
    const arrows = new Canvas(rx.end);
    const targets = new Canvas(rx.end);
    out.forEach((o, j) => {
      arrows.write(rx.at[j], '▼');
      targets.write(rx.at[j], o.name);
    });
    lines.push(' '.repeat(rightStart + 2) + arrows.text(), ' '.repeat(rightStart + 2) + targets.text());
  }
  return lines;
}

/** Start of each column given their widths, and where the last one ends. */
function offsets(widths: number[], from: number): { at: number[]; end: number } {
  const at: number[] = [];
  let x = from;
  for (const w of widths) {
    at.push(x);
    x += w;
  }
  return { at, end: x };
}

/** A line of fixed cells that later writes overwrite. */
class Canvas {
  private readonly cells: string[];
  constructor(width: number) {
    this.cells = new Array(width).fill(' ');
  }
  write(at: number, text: string): void {
    [...text].forEach((ch, i) => {
      if (at + i < this.cells.length) this.cells[at + i] = ch;
    });
  }
  text(): string {
    return this.cells.join('');
  }
}

/** Display width: the labels hold only narrow characters (letters, sub- and superscripts, operators). */
function len(s: string): number {
  return [...s].length;
}

function clip(s: string, max: number): string {
  return len(s) <= max ? s : [...s].slice(0, max - 1).join('') + '…';
}

function pad(lines: string[]): string[] {
  const width = Math.max(...lines.map(len));
  return lines.map((l) => l + ' '.repeat(width - len(l)));
}
