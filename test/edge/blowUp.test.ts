import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { ROOT } from '../helpers/cli.ts';

describe('restarts that blow up', () => {
  it('are drawn afresh in the built package, and the fit goes on', () => {
    // A Q holding 1e15 sends many restarts to Infinity. The built package runs TensorFlow.js's core
    // without its chained tensor methods; drawing a restart afresh once called one, and the fit died.
    const script = `
      import { fit, fromArrays } from ${JSON.stringify(`${ROOT}dist/index.js`)};
      const x1 = [], x2 = [];
      for (let i = 0; i < 200; i++) {
        x1.push(1 + ((i * 37) % 200) / 100);
        x2.push(1 + (i % 7) / 3);
      }
      let blownUp = 0;
      const result = await fit(fromArrays({ x1, x2, y: x1.map((v, i) => v * x2[i]) }, { targets: ['y'] }), {
        layers: '2 4:m 1:a', q: '0,1,1e15', steps: 200, seed: 1,
        onEvent: (e) => { if (e.type === 'progress') blownUp = Math.max(blownUp, e.blownUp); },
      });
      console.log(JSON.stringify({ blownUp, formula: result.outputs[0].formula }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.blownUp).toBeGreaterThan(0);
    expect(out.formula).toBe('x1 * x2');
  });
});
