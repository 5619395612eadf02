#!/usr/bin/env node
// Runs the TypeScript benchmark CLI directly, like bin/calu.js.
import { register } from 'tsx/esm/api';

register();
await import('../bench/cli.ts');
