/**
 * Ink draws its colours with chalk, which reads FORCE_COLOR but not
 * NO_COLOR. Before Ink loads, a non-empty NO_COLOR (no-color.org) turns
 * colour off, unless FORCE_COLOR asks for it (which wins, as chalk and
 * force-color.org have it).
 */
export function honourNoColor(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NO_COLOR && env.FORCE_COLOR === undefined) env.FORCE_COLOR = '0';
}
