import { describe, expect, it } from 'vitest';
import { symbolNames } from '../../src/formula/symbols.ts';

describe('formula symbols for column names', () => {
  it('keeps a plain identifier', () => {
    expect(symbolNames(['x1', 'omega_0', 'Ef'])).toEqual(['x1', 'omega_0', 'Ef']);
  });

  it('makes any other name a safe identifier, unique among the columns', () => {
    expect(symbolNames(['x (m)', '2x', 'a-b', 'a b'])).toEqual(['x_m', 'x_2x', 'a_b', 'a_b_']);
  });

  it('never takes a name a formula prints itself', () => {
    expect(symbolNames(['pi', 'e', 'sqrt'])).toEqual(['pi_', 'e_', 'sqrt_']);
  });
});
