#!/usr/bin/env node
// Development only (`npm run dev -- ...`): runs the TypeScript CLI through tsx, without a build.
// The package's own bin is the built dist/calu.js (`npm run calu -- ...`).
import { register } from 'tsx/esm/api';

register();
await import('../cli/calu.ts');
