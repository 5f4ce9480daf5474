/**
 * The product's commands as an operator runs them (`npm run -s <script>`), for tests: output
 * captured line by line, a wait for a line, and a stop by signal that answers the exit code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Running {
  child: ChildProcess;
  /** stdout and stderr lines so far. */
  lines: string[];
  /** stdout lines that are JSON (the pino log), parsed. */
  logs(): Record<string, any>[];
  /** Resolves with the first line (past or future) that matches; rejects after `ms` or when the process exits. */
  waitFor(match: RegExp | ((line: string) => boolean), ms?: number): Promise<string>;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  /** Sends `signal` (SIGTERM by default) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

export function runScript(script: string, env: Record<string, string>, args: string[] = []): Running {
  return track(spawn('npm', ['run', '-s', script, ...(args.length ? ['--', ...args] : [])], spawnOptions(env)));
}

/**
 * What a package.json script `exec node --import tsx <entry>` runs, without npm in between: a
 * signal (SIGKILL included, which npm cannot pass on) reaches the product's process itself.
 */
export function runNode(entry: string, env: Record<string, string>): Running {
  return track(spawn(process.execPath, ['--import', 'tsx', entry], spawnOptions(env)));
}

const spawnOptions = (env: Record<string, string>) => ({
  cwd: ROOT,
  env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
  stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'],
});

function track(child: ChildProcess): Running {
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  const feed = (stream: NodeJS.ReadableStream) => {
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buf += chunk;
      const parts = buf.split('\n');
      buf = parts.pop() ?? '';
      lines.push(...parts.filter(Boolean));
      for (const w of waiters) w();
    });
  };
  feed(child.stdout!);
  feed(child.stderr!);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  let done = false;
  void exited.then(() => {
    done = true;
    for (const w of waiters) w();
  });
  const waitFor: Running['waitFor'] = (match, ms = 30_000) =>
    new Promise((resolve, reject) => {
      const test = typeof match === 'function' ? match : (l: string) => match.test(l);
      const timer = setTimeout(() => finish(new Error(`no line matching ${match} within ${ms} ms:\n${lines.slice(-20).join('\n')}`)), ms);
      const check = () => {
        const hit = lines.find(test);
        if (hit !== undefined) finish(undefined, hit);
        else if (done) finish(new Error(`the process exited before a line matching ${match}:\n${lines.slice(-20).join('\n')}`));
      };
      const finish = (err?: Error, line?: string) => {
        clearTimeout(timer);
        waiters.delete(check);
        if (err) reject(err);
        else resolve(line!);
      };
      waiters.add(check);
      check();
    });
  return {
    child,
    lines,
    logs: () =>
      lines.flatMap((l) => {
        try {
          return l.startsWith('{') ? [JSON.parse(l)] : [];
        } catch {
          return [];
        }
      }),
    waitFor,
    exited,
    async stop(signal = 'SIGTERM') {
      if (!done) child.kill(signal);
      return exited;
    },
  };
}
