import { describe, expect, it } from 'vitest';
import { initBackend } from '../../src/engine/backend.ts';

describe('the TensorFlow.js backend', () => {
  it('leaves no process handler of the WebAssembly glue behind, which would print its source on any uncaught error', async () => {
    const before = process.listeners('uncaughtException').length + process.listeners('unhandledRejection').length;
    expect(await initBackend()).toBe('wasm');
    const handlers = [...process.listeners('uncaughtException'), ...process.listeners('unhandledRejection')];
    expect(handlers).toHaveLength(before);
    expect(handlers.map(String).join('\n')).not.toMatch(/ExitStatus|throw reason/);
  });
});
