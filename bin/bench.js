#!/usr/bin/env node
// Runs the TypeScript benchmark CLI through tsx (development only), like bin/calu.js.
import { register } from 'tsx/esm/api';

register();
await import('../bench/cli.ts');
