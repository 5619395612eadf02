import { describe, expect, it } from 'vitest';
import { networkGraphs } from '../../src/export/graph.ts';
import { graphLines } from '../../src/ui/graphText.ts';
import type { FitResult } from '../../src/result.ts';
import { recording } from './fixture.ts';

const trimmed = (lines: string[]) => lines.map((l) => l.trimEnd());

describe('the pruned graph as box-drawing text', () => {
  it('draws the Lorentz fit: 8 inputs, 12 merged CALUm units, 3 outputs, one labelled edge per surviving weight', () => {
    const graphs = networkGraphs(recording('lorentz').result);
    expect(graphs).toHaveLength(1);
    const lines = graphLines(graphs[0]);
    expect(trimmed(lines)).toEqual([
      'pp, pq, qq: 8 inputs → 12 units → 3 outputs (m → a)',
      ' p₀  p₁  p₂  p₃  q₀  q₁  q₂  q₃',
      ' │   │   │   │   │   │   │   │',
      ' 2───┼───┼───┼───┼───┼───┼───┼───▶ p₀² ────1',
      ' │   2───┼───┼───┼───┼───┼───┼───▶ p₁² ────−1',
      ' │   │   2───┼───┼───┼───┼───┼───▶ p₂² ────−1',
      ' │   │   │   2───┼───┼───┼───┼───▶ p₃² ────−1',
      ' 1───┼───┼───┼───1───┼───┼───┼───▶ p₀·q₀ ──┼───1',
      '     1───┼───┼───┼───1───┼───┼───▶ p₁·q₁ ──┼───−1',
      '         1───┼───┼───┼───1───┼───▶ p₂·q₂ ──┼───−1',
      '             1───┼───┼───┼───1───▶ p₃·q₃ ──┼───−1',
      '                 2───┼───┼───┼───▶ q₀² ────┼───┼───1',
      '                     2───┼───┼───▶ q₁² ────┼───┼───−1',
      '                         2───┼───▶ q₂² ────┼───┼───−1',
      '                             2───▶ q₃² ────┼───┼───−1',
      '                                           ▼   ▼   ▼',
      '                                           pp  pq  qq',
    ]);
    // Readable at 100 columns, and every line equally long so the view can scroll it sideways.
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(100);
    expect(new Set(lines.map((l) => [...l].length)).size).toBe(1);
  });

  it('draws a deeper stack (a → m → a) as one block per layer, units named so the next block can refer to them', () => {
    const lines = graphLines(networkGraphs(recording('cube').result)[0]);
    expect(trimmed(lines)).toEqual([
      'y3: 3 inputs → 1 → 1 unit → 1 output (a → m → a)',
      ' x₁  x₂  x₃',
      ' │   │   │',
      ' 1───1───1───▶ a1 x₁ + x₂ + x₃',
      '',
      ' a1',
      ' │',
      ' 3───▶ (x₁ + x₂ + x₃)³ ──1',
      '                         ▼',
      '                         y3',
    ]);
  });

  it('counts in the title with the right plurals', () => {
    const result = { symbols: ['x1', 'x2'], outputs: [{ target: 'y', formula: 'x1 * x2', network: [{ kind: 'caluM', weights: [[1, 1]] }, { kind: 'caluA', weights: [[1]] }] }] } as unknown as FitResult;
    expect(trimmed(graphLines(networkGraphs(result)[0]))).toEqual([
      'y: 2 inputs → 1 unit → 1 output (m → a)',
      ' x₁  x₂',
      ' │   │',
      ' 1───1───▶ x₁·x₂ ──1',
      '                   ▼',
      '                   y',
    ]);
  });

  it('says so when no edge survives (a constant formula, e.g. the best so far when stopped early)', () => {
    const result = { symbols: ['x1'], outputs: [{ target: 'y', formula: '0', network: [{ kind: 'caluM', weights: [] }, { kind: 'caluA', weights: [[]] }] }] } as unknown as FitResult;
    expect(trimmed(graphLines(networkGraphs(result)[0]))).toEqual(['y: 0 inputs → 0 units → 1 output (m → a)', 'no edge survives: y is a constant']);
  });

  it('draws constant outputs apart from the others, not as arrows that nothing feeds', () => {
    const constant = { formula: '0', network: [{ kind: 'caluM', weights: [] }, { kind: 'caluA', weights: [[]] }] };
    const result = {
      symbols: ['x1', 'x2'],
      outputs: [
        { target: 'y', ...constant },
        { target: 'z', formula: 'x1 * x2', network: [{ kind: 'caluM', weights: [[1, 1]] }, { kind: 'caluA', weights: [[1]] }] },
        { target: 'w', ...constant },
      ],
    } as unknown as FitResult;
    expect(networkGraphs(result).map((g) => trimmed(graphLines(g)))).toEqual([
      ['y, w: 0 inputs → 0 units → 2 outputs (m → a)', 'no edge survives: y, w are constants'],
      ['z: 2 inputs → 1 unit → 1 output (m → a)', ' x₁  x₂', ' │   │', ' 1───1───▶ x₁·x₂ ──1', '                   ▼', '                   z'],
    ]);
  });

  it('merges equal units of different outputs, keeps equal units of one network apart, and lists unused inputs', () => {
    const result = {
      symbols: ['x1', 'x2', 'x3'],
      outputs: [
        { target: 'y', formula: 'x1^2 + 2 * x1^2', network: [{ kind: 'caluM', weights: [[2, 0, 0], [2, 0, 0]] }, { kind: 'caluA', weights: [[1, 2]] }] },
        { target: 'z', formula: 'x1^2 - x2', network: [{ kind: 'caluM', weights: [[2, 0, 0], [0, 1, 0]] }, { kind: 'caluA', weights: [[1, -1]] }] },
        { target: 'w', formula: '', network: [] },
      ],
    } as unknown as FitResult;
    const [g] = networkGraphs(result);
    expect(g.targets).toEqual(['y', 'z']);
    expect(g.columns[1].nodes.map((n) => n.label)).toEqual(['x₁²', 'x₁²', 'x₂']);
    expect(g.edges.filter((e) => e.to === 'y1').map((e) => [e.from, e.label])).toEqual([
      [g.columns[1].nodes[0].id, '1'],
      [g.columns[1].nodes[2].id, '−1'],
    ]);
    expect(g.unusedInputs).toEqual(['x₃']);
    expect(graphLines(g)[0].trimEnd()).toBe('y, z: 2 inputs → 3 units → 2 outputs (m → a)');
    expect(graphLines(g).at(-1)!.trimEnd()).toBe('unused input: x₃');
  });
});
