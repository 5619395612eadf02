import type { Command } from 'commander';
import { printable } from '../src/util/escape.ts';

/**
 * Usage errors as GNU tools print them: one line that names the problem,
 * then a hint to ask for help, instead of commander's message followed by
 * the whole help text. Commander quotes what was typed: its control
 * characters are escaped, as in every other message. Commander still exits
 * with code 1.
 */
export function briefUsageErrors(program: Command): void {
  for (const command of [program, ...program.commands]) {
    const help = command === program ? `${program.name()} --help` : `${program.name()} ${command.name()} --help`;
    command.showHelpAfterError(false).configureOutput({
      outputError: (text, write) => write(`${program.name()}: ${printable(oneLine(text))}\nTry '${help}' for more information.\n`),
    });
  }
}

/** "error: unknown option '--x'\n(Did you mean --y?)\n" -> "unknown option '--x' (Did you mean --y?)" */
function oneLine(text: string): string {
  return text
    .replace(/^error: /, '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ');
}
