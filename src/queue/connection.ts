import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { CaluError } from '../errors.ts';

/**
 * Where a fit and its workers meet: one BullMQ queue on a Redis server,
 * named by a redis:// URL. Loaded only with --queue or `calu worker`.
 */

/** The BullMQ queue every fit sends its stages to. */
export const QUEUE = 'calu-stages';

/** How long stored data and stop marks outlive a fit that never cleaned up (killed), in seconds. */
export const KEEP_SECONDS = 24 * 3600;

export interface RedisConnection {
  host: string;
  port: number;
  db?: number;
  username?: string;
  password?: string;
  /** BullMQ's workers block on Redis: ioredis must not give up on a command. */
  maxRetriesPerRequest: null;
}

export function parseQueueUrl(url: string): RedisConnection {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new CaluError(`--queue: "${url}" is not a URL; expected redis://HOST:PORT`);
  }
  if (u.protocol !== 'redis:') throw new CaluError(`--queue: "${url}" is not a redis:// URL; expected redis://HOST:PORT`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined;
  if (db !== undefined && !Number.isInteger(db)) throw new CaluError(`--queue: "${url}": the database after the port must be a number`);
  return {
    host: u.hostname || 'localhost',
    port: u.port ? Number(u.port) : 6379,
    ...(db !== undefined ? { db } : {}),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    maxRetriesPerRequest: null,
  };
}

/** Plain data (typed arrays, NaN and all) as bytes, and back: how tasks, results and data travel through Redis. */
export function pack(value: unknown): string {
  return serialize(value).toString('base64');
}

export function unpack<T>(text: string): T {
  return deserialize(Buffer.from(text, 'base64')) as T;
}

/** The key of data stored by its content hash. */
export function dataKey(bytes: Buffer): string {
  return `calu:data:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The key whose presence asks the worker running a job to stop it. */
export function stopKey(jobId: string): string {
  return `calu:stop:${jobId}`;
}
