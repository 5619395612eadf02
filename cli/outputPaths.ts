import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CaluError } from '../src/errors.ts';

/**
 * Checks, before any training, that a file can be written where the user
 * asked (--save, --report): its directory exists and is writable, and the
 * path is not a directory or a read-only file. A fit can take minutes; a
 * typo in a path should cost seconds.
 */
export function checkOutputPath(path: string, what: string): void {
  const dir = dirname(resolve(path));
  const fail = (why: string): never => {
    throw new CaluError(`${path}: cannot write the ${what} (${why})`);
  };
  const dirStat = stat(dir);
  if (dirStat === 'ENOENT') fail(`no directory ${dir}`);
  if (typeof dirStat === 'string') fail(dirStat === 'ENOTDIR' ? `${dir} is not a directory` : `${dir}: ${dirStat}`);
  if (!(dirStat as Stats).isDirectory()) fail(`${dir} is not a directory`);
  if (!writable(dir)) fail(`directory ${dir} is not writable`);
  const fileStat = stat(resolve(path));
  if (typeof fileStat !== 'string' && fileStat.isDirectory()) fail('it is a directory');
  if (typeof fileStat !== 'string' && !writable(path)) fail('the file is not writable');
}

/** The file's status, or the error code when there is none to read. */
function stat(path: string): Stats | string {
  try {
    return statSync(path);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? 'cannot be read';
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
