/**
 * The layers import downwards only: lib/ is shared by everything, etl/ and bff/ never import the demo
 * (`npm start`'s wiring and pages), and lib/ imports neither etl/, bff/ nor the demo, outside its test
 * harness (lib/testing/, which composes the whole stack on purpose).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.split(path.sep).includes('node_modules'))
    .map((f) => path.join(dir, f));
}

/** The folders (top level) a source file imports from, by relative specifier. */
function importedFolders(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const folders = new Set<string>();
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) {
    const spec = m[1] ?? m[2]!;
    const target = path.relative(root, path.resolve(root, path.dirname(file), spec));
    folders.add(target.split(path.sep)[0]!);
  }
  return [...folders];
}

describe('layering', () => {
  it.each([
    ['etl', ['demo']],
    ['bff', ['demo']],
    ['lib', ['demo', 'etl', 'bff']],
  ] as const)('%s/ imports nothing from %j', (dir, forbidden) => {
    const offenders = sources(dir)
      .filter((f) => !(dir === 'lib' && f.startsWith(path.join('lib', 'testing'))))
      .flatMap((f) => importedFolders(f).filter((d) => (forbidden as readonly string[]).includes(d)).map((d) => `${f} → ${d}/`));
    expect(offenders).toEqual([]);
  });
});
