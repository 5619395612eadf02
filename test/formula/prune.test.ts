import { describe, expect, it } from 'vitest';
import { prune } from '../../src/formula/prune.ts';
import type { SnappedLayer } from '../../src/formula/evaluate.ts';

const m = (weights: number[][]): SnappedLayer => ({ kind: 'caluM', weights });
const a = (weights: number[][]): SnappedLayer => ({ kind: 'caluA', weights });

describe('pruning', () => {
  it('keeps only units that reach the output through non-zero weights', () => {
    const net = [m([[1, 0], [0, 1], [1, 1]]), a([[0, 2, 0]])];
    expect(prune(net)).toEqual([m([[0, 1]]), a([[2]])]);
  });
});
