/**
 * Loads the SQL models (sql/models/**.sql). They are written with psql variables (:'project_id') so a
 * newcomer can run one by hand (`psql -v project_id=100274 -v from=2026-01-01 ... -f file.sql`);
 * here each distinct variable becomes a positional parameter ($1, $2, ...).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MODELS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'models');

export interface Model<P extends string> {
  text: string;
  values(params: Record<P, string | number>): (string | number)[];
}

export function loadModel<P extends string>(relPath: string): Model<P> {
  const source = readFileSync(path.join(MODELS_DIR, relPath), 'utf8');
  const names: P[] = [];
  const text = source.replace(/:'([a-z_]+)'/g, (_, name: P) => {
    let i = names.indexOf(name);
    if (i < 0) i = names.push(name) - 1;
    return `$${i + 1}`;
  });
  return { text, values: (params) => names.map((n) => params[n]) };
}
