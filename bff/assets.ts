/**
 * The static files the BFF serves, in one list that `npm run serve` (bff/serve.ts) and `npm start`
 * (demo/start.ts) both mount, so the two never differ (docs/adr/023-production.md):
 *
 *   /widgets/      dist/cdn   the CDN build: entry files revalidated, content-hashed chunks immutable
 *   /widgets/esm/  dist/esm   the npm build (one module per source file; bare `lit` imports)
 *   /              demo/public  the pages (/, /embed/, /app/, /partner/, … whatever folders it has),
 *                              /catalog/ only with CATALOG_ENABLED
 *   /custom-elements.json      the manifest the catalog reads, only with CATALOG_ENABLED
 *
 * The build writes brotli and gzip twins next to every bundle (widgets/scripts/precompress.mjs);
 * bff/platform/static.ts serves them.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../lib/config.js';

export interface AssetMount {
  /** URL prefix. */
  path: string;
  /** Folder served under it. */
  dir: string;
  /** File names served `immutable` for a year (content-hashed). */
  immutable?: (fileName: string) => boolean;
  /** Paths under the mount that are not served. */
  exclude?: string[];
  /** One file rather than a folder: `dir` is the file. */
  file?: boolean;
}

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * rollup.config.js names the CDN's lazy chunks `ig-widgets-[name]-[hash].js` (8 characters of
 * hash); the entries (ig-widgets.js, ig-widgets.classic.js) and the Vega chunk keep fixed names.
 */
export const HASHED_CHUNK = /^ig-widgets-.+-[A-Za-z0-9_-]{8}\.js(\.map)?$/;

export function assetMounts(config: Pick<Config, 'CATALOG_ENABLED'>, root = ROOT): AssetMount[] {
  const mounts: AssetMount[] = [
    { path: '/widgets/esm', dir: path.join(root, 'dist/esm') },
    { path: '/widgets', dir: path.join(root, 'dist/cdn'), immutable: (name) => HASHED_CHUNK.test(name) },
    { path: '/', dir: path.join(root, 'demo/public'), ...(config.CATALOG_ENABLED ? {} : { exclude: ['/catalog'] }) },
  ];
  if (config.CATALOG_ENABLED) mounts.push({ path: '/custom-elements.json', dir: path.join(root, 'custom-elements.json'), file: true });
  return mounts;
}
