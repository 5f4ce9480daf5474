/**
 * The logger's batched JSON lines (lib/log.ts): every line arrives, in order, without waiting for a
 * batch to fill (at most LOG_FLUSH_MS later), and what is still buffered when the process exits is
 * written then; credentials stay redacted. A real child process writing to a real file.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, LOG_FLUSH_MS } from './log.js';

const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ig-log-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const lines = async (file: string) => (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { i: number; msg: string; authorization?: string; req?: { headers: { authorization: string } } });

describe('createLogger', () => {
  it('writes every line, in order, and flushes what is buffered when the process exits', { timeout: 60_000 }, async () => {
    const cases = [[1, 'process.exit(0)'], [2500, 'process.exit(3)'], [40, 'throw new Error("boom")'], [300, '']] as const;
    for (const [n, exit] of cases) {
      for (const toStdout of [true, false]) {
        const file = path.join(dir, `exit-${n}-${toStdout}.log`);
        const script = path.join(dir, `exit-${n}-${toStdout}.ts`);
        await writeFile(
          script,
          `import { createLogger } from ${JSON.stringify(path.resolve('lib/log.ts'))};
           const log = createLogger('info', 'test', ${toStdout ? 1 : JSON.stringify(file)});
           for (let i = 0; i < ${n}; i++) log.info({ i, req: { headers: { authorization: 'Bearer secret' } } }, 'line');
           ${exit};`,
        );
        // stdout a pipe, as under a process manager (the production case: JSON lines to fd 1).
        const out = await run(process.execPath, ['--import', 'tsx', script], { maxBuffer: 64 << 20 }).then((r) => r.stdout, (e: { stdout: string }) => e.stdout);
        if (toStdout) await writeFile(file, out);
        await check(file, n);
      }
    }
  });
  const check = async (file: string, n: number) => {
    const got = await lines(file);
    expect(got.map((l) => l.i), file).toEqual([...Array(n).keys()]);
    expect(got.every((l) => l.req?.headers.authorization === '[redacted]')).toBe(true);
  };

  it('does not hold a line until a batch fills: it is in the file within a few flush periods', async () => {
    const file = path.join(dir, 'live.log');
    const log = createLogger('info', 'test', file);
    log.info({ i: 7 }, 'alone');
    let got: Awaited<ReturnType<typeof lines>> = [];
    for (let waited = 0; waited < 20 * LOG_FLUSH_MS && !got.length; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
      got = await lines(file);
    }
    expect(got.map((l) => [l.i, l.msg])).toEqual([[7, 'alone']]);
  });
});
