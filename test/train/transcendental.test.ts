import { describe, expect, it } from 'vitest';
import { transcendentalStages } from '../../src/train/transcendental.ts';
import { describeStack } from '../../src/calu/stack.ts';
import { PRESETS } from '../../src/calu/qset.ts';

const base = { batchSize: 128, lr: 0.05, snapEvery: 50, steps: 1000, q: PRESETS.int() };

/** A stage as one line: kind, stack, what it fits, hypotheses, restarts, frozen layers. */
function line(s: ReturnType<typeof transcendentalStages>[number]): string {
  const t = s.transform.kind === 'fn' ? s.transform.fn : `^${s.transform.power}${s.transform.byDominant ? '/M0' : ''}`;
  const frozen = s.stack.layers.map((l, i) => (l.frozen ? i : -1)).filter((i) => i >= 0);
  return `${s.kind} ${describeStack(s.stack)} ${t} ${s.hypotheses} ${s.restarts}${frozen.length ? ` frozen ${frozen}` : ''}`;
}

describe('the stages with exp, log, sin and cos', () => {
  it('runs cheapest first: logarithms, frozen turns and exponentials, then trained exponentials', () => {
    expect(transcendentalStages(3, 1, base).map(line)).toEqual([
      'plain 1:l+ 4:m 1:a log arguments 32',
      'plain 1:m 1:e+ 8:m 1:a ^1 turns 36 frozen 1',
      'plain 1:m 1:e[0,1,-1,0.5,-0.5,2,-2,0.5/pi,-0.5/pi]+ 8:m 1:a ^-1 exponentials 48 frozen 1',
      'plain 1:m 1:e[0,1,-1,0.5,-0.5,2,-2,0.5/pi,-0.5/pi]+ 4:m 1:a ^1 exponentials 48 frozen 1',
      'plain 1:m 1:e[0,i,-i,0.5*i,-0.5*i,2*i,-2*i,2*pi*i,-2*pi*i,pi*i,-pi*i]+ 8:m 1:a ^1 phases 48 frozen 1',
      'plain 1:l+ 6:m 1:a ^1 arguments 32',
      'plain 1:m 1:e+ 8:m 1:a ^-1 turns 36 frozen 1',
      'plain 1:m 1:e+ 4:m 1:a ^1/M0 turns 36 frozen 1',
      'plain 1:m 1:e+ 4:m 1:a sin turns 36 frozen 1',
      'plain 2:m 1:e+ 6:m 1:a ^1 arguments 64',
      'rational 1:m 1:e+ 8:m 2:a ^1 turns 36 frozen 1',
      'rational 1:m 1:e+ 8:m 2:a cos turns 36 frozen 1',
      'plain 2:m 1:e+ 6:m 1:a ^-1 arguments 64',
      'rational 1:m 1:e[0,1,-1,0.5,-0.5,2,-2,0.5/pi,-0.5/pi]+ 8:m 2:a ^1 exponentials 48 frozen 1',
      'plain 1:m 1:e[0,1,-1,0.5,-0.5,2,-2,0.5/pi,-0.5/pi]+ 8:m[int3] 1:a ^-1 exponentials 48 frozen 1',
      'plain 1:m 1:e+ 8:m 1:a ^2 turns 36 frozen 1',
      'plain 1:m 1:e+ 4:m 1:a ^-2/M0 turns 36 frozen 1',
      'rational 1:m 1:e+ 8:m 2:a ^2 turns 36 frozen 1',
      'plain 1:m 1:e+ 8:m[half] 1:a ^1 turns 36 frozen 1',
    ]);
  });

  it('scales restarts with the inputs and widths with the targets, and honours an override', () => {
    const wide = transcendentalStages(6, 2, base);
    expect(wide.map((s) => s.restarts)).toEqual([32, 72, 48, 48, 48, 32, 72, 72, 72, 96, 72, 72, 96, 48, 48, 72, 72, 72, 72]);
    expect(describeStack(wide[10].stack)).toBe('1:m 1:e+ 8:m 4:a');
    expect(transcendentalStages(3, 1, base, 5).every((s) => s.restarts === 5)).toBe(true);
    // Every stage keeps the base's schedule and Q.
    expect(new Set(wide.map((s) => `${s.steps} ${s.lr} ${s.batchSize} ${s.snapEvery} ${s.q.names.join(',')}`)).size).toBe(1);
  });
});
