#!/usr/bin/env node
// Fails (exit 1) when the checked-in custom-elements.json is not what the analyzer generates from the
// current sources. Generates into a temporary directory; touches nothing in the repository.
//   node widgets/scripts/check-cem.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const checkedIn = path.join(root, 'custom-elements.json');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ig-cem-'));

try {
  const cem = path.join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js');
  // The analyzer joins --outdir to the working directory, so it has to be relative.
  const outdir = path.relative(root, tmp);
  const run = spawnSync(
    process.execPath,
    [cem, 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', outdir, '--quiet'],
    { cwd: root, encoding: 'utf8' },
  );
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr);
    fail('the custom elements manifest analyzer failed (output above).');
  }

  let expected;
  try {
    expected = readFileSync(checkedIn, 'utf8');
  } catch {
    fail('custom-elements.json is missing at the repository root. Run `npm run cem` and commit it.');
  }
  const generated = readFileSync(path.join(tmp, 'custom-elements.json'), 'utf8');
  if (generated !== expected) {
    const a = expected.split('\n');
    const b = generated.split('\n');
    let line = 0;
    while (line < Math.max(a.length, b.length) && a[line] === b[line]) line += 1;
    const show = (lines) => lines.slice(Math.max(0, line - 2), line + 3).map((l) => `    ${l}`).join('\n');
    fail(
      `custom-elements.json is out of date with the element sources (first difference at line ${line + 1}).\n` +
        `  checked in:\n${show(a)}\n  generated:\n${show(b)}\n` +
        'Run `npm run cem` and commit custom-elements.json.',
    );
  }
  console.log('custom-elements.json is up to date.');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

function fail(message) {
  console.error(`check-cem: ${message}`);
  rmSync(tmp, { recursive: true, force: true });
  process.exit(1);
}
