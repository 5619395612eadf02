import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/**
 * KaTeX's stylesheet with its fonts inlined as data URLs (woff2 only, which
 * every current browser reads), so a page that uses it opens offline and
 * as a single file.
 */
export function katexCss(): string {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const cssPath = require.resolve('katex/dist/katex.min.css');
  const dir = dirname(cssPath);
  const css = readFileSync(cssPath, 'utf8');
  cached = css.replace(/src:([^;}]*)/g, (whole, sources: string) => {
    const woff2 = /url\(([^)]+\.woff2)\)/.exec(sources);
    if (!woff2) return whole;
    const font = readFileSync(join(dir, woff2[1].replace(/^["']|["']$/g, ''))).toString('base64');
    return `src:url(data:font/woff2;base64,${font}) format("woff2")`;
  });
  return cached;
}
