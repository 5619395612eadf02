import { describe, expect, it } from 'vitest';
import { formulaUnicode, numberUnicode, symbolUnicode } from '../../src/export/unicode.ts';

describe('Unicode math from the mathjs tree', () => {
  it.each([
    ['p0^2 - p1^2 - p2^2 - p3^2', 'p₀² − p₁² − p₂² − p₃²'],
    ['p0 * q0 - p1 * q1 - p2 * q2 - p3 * q3', 'p₀·q₀ − p₁·q₁ − p₂·q₂ − p₃·q₃'],
    ['x1 / (x2 * x3)', 'x₁/(x₂·x₃)'],
    ['(x1 + x2 + x3)^3', '(x₁ + x₂ + x₃)³'],
    ['x1^(-1) + x2^-2', 'x₁⁻¹ + x₂⁻²'],
    ['x^(3/2)', 'x^(3/2)'],
    ['sqrt(x1) + sqrt(x1 + x2)', '√x₁ + √(x₁ + x₂)'],
    ['-(x1 + x2) * 3', '−(x₁ + x₂)·3'],
    ['1 - v^2 / c^2', '1 − v²/c²'],
    ['pi * r^2', 'π·r²'],
    ['2.5e-7 * x', '2.5×10⁻⁷·x'],
    ['omega_0 * x_max + pi_', 'ω₀·xₘₐₓ + pi_'],
  ])('%s reads %s', (text, unicode) => {
    expect(formulaUnicode(text)).toBe(unicode);
  });

  it('names: indexed, Greek, and names it cannot subscript', () => {
    expect(symbolUnicode('p0')).toBe('p₀');
    expect(symbolUnicode('x_12')).toBe('x₁₂');
    expect(symbolUnicode('theta')).toBe('θ');
    expect(symbolUnicode('speed')).toBe('speed');
    expect(symbolUnicode('x_QQ')).toBe('x_QQ');
  });

  it('numbers', () => {
    expect(numberUnicode(-3)).toBe('−3');
    expect(numberUnicode(0.125)).toBe('0.125');
    expect(numberUnicode(1e21)).toBe('1×10²¹');
    expect(numberUnicode(NaN)).toBe('NaN');
  });
});
