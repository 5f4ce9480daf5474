/**
 * Static files with their precompressed twins (docs/adr/023-production.md). The build writes
 * `x.js.br` and `x.js.gz` next to every bundle (widgets/scripts/precompress.mjs); a request for
 * `x.js` gets the smallest twin the client accepts (brotli, then gzip) with `Content-Encoding` and
 * `Vary: Accept-Encoding`, or the file itself. Files the mount marks immutable (content-hashed
 * chunk names) are cached for a year; every other file is revalidated: a strong ETag per
 * representation (size, mtime, encoding), and `If-None-Match` gets 304.
 *
 * Only GET and HEAD; a path that climbs out of the folder, names a dot file or a twin is not served
 * (next()); a folder is served as its index.html, never listed.
 */
import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';

export interface StaticOptions {
  /** True for file names whose content never changes under that name (served `immutable` for a year). */
  immutable?: (fileName: string) => boolean;
  /** Paths under the mount (e.g. `/catalog`) that are not served. */
  exclude?: string[];
}

const ENCODINGS = [
  { name: 'br', ext: '.br' },
  { name: 'gzip', ext: '.gz' },
] as const;

const TWIN = /\.(br|gz)$/;

/** The encodings the client accepts (q > 0), from Accept-Encoding. */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q !== undefined && !(Number(q.slice(2)) > 0)) continue;
    out.add(name);
  }
  if (out.has('*')) for (const e of ENCODINGS) out.add(e.name);
  return out;
}

async function fileStat(file: string): Promise<Stats | undefined> {
  try {
    return await stat(file);
  } catch {
    return undefined;
  }
}

export function staticFiles(root: string, opts: StaticOptions = {}) {
  const base = path.resolve(root);
  const excluded = (opts.exclude ?? []).map((p) => p.replace(/\/+$/, ''));
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let rel: string;
    try {
      rel = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    if (rel.includes('\0') || rel.split('/').some((seg) => seg.startsWith('.'))) return next();
    if (excluded.some((p) => rel === p || rel.startsWith(`${p}/`))) return next();
    let file = path.join(base, rel);
    if (file !== base && !file.startsWith(base + path.sep)) return next();
    if (TWIN.test(file)) return next();
    let st = await fileStat(file);
    if (st?.isDirectory()) {
      if (!req.path.endsWith('/')) {
        // As express.static does: a folder's address ends with a slash (relative links resolve in it).
        const q = req.originalUrl.indexOf('?');
        const target = (q < 0 ? req.originalUrl : req.originalUrl.slice(0, q)) + '/' + (q < 0 ? '' : req.originalUrl.slice(q));
        res.redirect(301, target.replace(/^\/+/, '/'));
        return;
      }
      file = path.join(file, 'index.html');
      st = await fileStat(file);
    }
    if (!st?.isFile()) return next();

    const accepted = acceptedEncodings(req.headers['accept-encoding']);
    let served = { file, st, encoding: 'identity' };
    for (const e of ENCODINGS) {
      if (!accepted.has(e.name)) continue;
      const twin = await fileStat(file + e.ext);
      // A twin older than its file is a leftover of an earlier build: never serve it.
      if (twin?.isFile() && twin.mtimeMs >= st.mtimeMs) {
        served = { file: file + e.ext, st: twin, encoding: e.name };
        break;
      }
    }
    const hasTwins = served.encoding !== 'identity' || (await Promise.all(ENCODINGS.map((e) => fileStat(file + e.ext)))).some(Boolean);

    res.type(path.extname(file) || 'application/octet-stream');
    if (hasTwins) res.vary('Accept-Encoding');
    if (served.encoding !== 'identity') res.setHeader('Content-Encoding', served.encoding);
    const etag = `"${served.st.size.toString(16)}-${Math.floor(served.st.mtimeMs).toString(16)}-${served.encoding}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', served.st.mtime.toUTCString());
    res.setHeader('Cache-Control', opts.immutable?.(path.basename(file)) ? 'public, max-age=31536000, immutable' : 'public, no-cache');
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Length', String(served.st.size));
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(served.file);
    stream.on('error', (err) => {
      if (!res.headersSent) next(err);
      else res.destroy(err);
    });
    stream.pipe(res);
  };
}
