import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** Debian's headless Chromium, with every background service off and a throwaway profile. */
export const CHROMIUM = process.env.CALU_CHROMIUM ?? '/usr/bin/chromium';

export interface PageCheck {
  /** Console messages of level error or warning, uncaught exceptions and failed loads, as text. */
  problems: string[];
  /** Every console message and log entry, for a failure message. */
  log: string[];
  /** A PNG of the page, full height. */
  screenshot: Buffer;
  /** What the expression passed to `openPage` evaluated to, after load. */
  value: unknown;
}

/**
 * Opens a page in headless Chromium over the DevTools protocol (on a pipe,
 * so no port and no extra package), waits for it to load, evaluates an
 * expression in it, takes a screenshot, and reports everything the page
 * logged as an error: console errors, exceptions and failed loads.
 */
export async function openPage(url: string, expression: string, size = { width: 1200, height: 900 }): Promise<PageCheck> {
  const profile = mkdtempSync(join(tmpdir(), 'calu-chromium-'));
  const child = spawn(
    CHROMIUM,
    [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-breakpad', '--disable-crash-reporter', `--user-data-dir=${profile}`, '--remote-debugging-pipe', '--hide-scrollbars',
      `--window-size=${size.width},${size.height}`, 'about:blank',
    ],
    // Its own process group, so its helper processes go with it at the end.
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true },
  );
  const cdp = new Cdp(child);
  try {
    const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
    const page = (method: string, params: object = {}) => cdp.send(method, params, sessionId);
    const problems: string[] = [];
    const log: string[] = [];
    cdp.on(sessionId, (method, p: any) => {
      if (method === 'Runtime.consoleAPICalled') {
        const text = `console.${p.type}: ${p.args.map((a: any) => a.value ?? a.description).join(' ')}`;
        log.push(text);
        if (p.type === 'error' || p.type === 'warning' || p.type === 'assert') problems.push(text);
      } else if (method === 'Runtime.exceptionThrown') {
        problems.push(`exception: ${p.exceptionDetails.exception?.description ?? p.exceptionDetails.text}`);
      } else if (method === 'Log.entryAdded') {
        const text = `${p.entry.source} ${p.entry.level}: ${p.entry.text}${p.entry.url ? ` (${p.entry.url})` : ''}`;
        log.push(text);
        if (p.entry.level === 'error' || p.entry.level === 'warning') problems.push(text);
      } else if (method === 'Network.loadingFailed') {
        problems.push(`failed to load: ${p.errorText}`);
      }
    });
    await page('Runtime.enable');
    await page('Log.enable');
    await page('Network.enable');
    await page('Page.enable');
    const loaded = cdp.once(sessionId, 'Page.loadEventFired');
    await page('Page.navigate', { url });
    await loaded;
    // Fonts are inlined; wait until they are decoded so the screenshot shows them.
    await page('Runtime.evaluate', { expression: 'document.fonts.ready.then(() => true)', awaitPromise: true });
    const { result } = await page('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    const { data } = await page('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true });
    return { problems, log, screenshot: Buffer.from(data, 'base64'), value: result.value };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      killGroup(child, 'SIGTERM');
      await exited;
    }
    killGroup(child, 'SIGKILL');
    // A helper may still be writing the profile for a moment (CI once saw ENOTEMPTY here);
    // a throwaway directory left in /tmp is not the page's failure.
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch {
      /* left for the OS to clean */
    }
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    /* the group is already gone */
  }
}

type Listener = (method: string, params: unknown) => void;

/** The DevTools protocol over Chromium's pipe: JSON messages ending in a NUL byte, on fds 3 (in) and 4 (out). */
class Cdp {
  private id = 0;
  private buffer = '';
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Map<string, Listener[]>();
  private readonly input: Writable;

  constructor(child: ChildProcess) {
    this.input = child.stdio[3] as Writable;
    const output = child.stdio[4] as Readable;
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end;
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        const message = JSON.parse(this.buffer.slice(0, end));
        this.buffer = this.buffer.slice(end + 1);
        this.dispatch(message);
      }
    });
    child.on('exit', () => this.pending.forEach((p) => p.reject(new Error('Chromium exited'))));
  }

  send(method: string, params: object = {}, sessionId?: string): Promise<any> {
    const id = ++this.id;
    this.input.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  on(sessionId: string, listener: Listener): void {
    this.listeners.set(sessionId, [...(this.listeners.get(sessionId) ?? []), listener]);
  }

  once(sessionId: string, event: string): Promise<unknown> {
    return new Promise((resolve) => {
      const listener: Listener = (method, params) => {
        if (method !== event) return;
        this.listeners.set(sessionId, this.listeners.get(sessionId)!.filter((l) => l !== listener));
        resolve(params);
      };
      this.on(sessionId, listener);
    });
  }

  private dispatch(message: any): void {
    if (message.id !== undefined) {
      const p = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) p?.reject(new Error(`${message.error.message} (${message.error.code})`));
      else p?.resolve(message.result);
      return;
    }
    for (const l of this.listeners.get(message.sessionId ?? '') ?? []) l(message.method, message.params);
  }
}
