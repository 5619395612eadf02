#!/usr/bin/env node
// Runs the TypeScript CLI directly: no build step, so a fresh clone works after `npm ci`.
import { register } from 'tsx/esm/api';

register();
await import('../cli/calu.ts');
