/**
 * The analytics app's history fallback: `/app/` is a single page whose URL is its state, so any
 * `/app/<section>…` deep link (a path without a file extension) answers the app's `index.html`,
 * served from the same static folders as the other pages (the first asset folder mounted at `/` that
 * has `app/index.html`). Paths that look like files (`/app/app.js`) are left to the static server,
 * so a missing file is still a 404. Mounted right after the static assets in bff/app.ts.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';

export function appHistoryFallback(assets: readonly { path: string; dir: string }[] = []) {
  const found = assets.filter((a) => a.path === '/').map((a) => path.join(a.dir, 'app', 'index.html'));
  const index = found.find((file) => existsSync(file));
  return (req: Request, res: Response, next: NextFunction) => {
    if (!index || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    if (!/^\/app\/(?:[^.]*)$/.test(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index, (err) => {
      if (err) next(err);
    });
  };
}
