/**
 * One-click unsubscribe (RFC 8058) for the links and the List-Unsubscribe header of digests and
 * alerts (docs/adr/025). No JWT: the link's HMAC (REPORTS_SECRET) names the project and the
 * subscription or rule. `GET /unsubscribe?t=…` shows a confirmation with a button (mail scanners that
 * follow links change nothing); `POST /unsubscribe?t=…` (the mail client's one-click
 * `List-Unsubscribe=One-Click`, or the button) pauses exactly that subscription or rule through the
 * SECURITY DEFINER function bff.unsubscribe.
 */
import express, { Router, type Request, type Response } from 'express';
import type { Config } from '../../lib/config.js';
import type { Pool } from '../../lib/db.js';
import { reportsSecret, verifyUnsubscribeToken } from '../../etl/reports/signing.js';
import { stringsFor } from '../../etl/reports/i18n.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(res: Response, status: number, locale: string, body: string) {
  res
    .status(status)
    .type('text/html; charset=utf-8')
    .setHeader('Cache-Control', 'no-store')
    .setHeader('Referrer-Policy', 'no-referrer')
    .send(`<!doctype html><html lang="${esc(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>indigitall Insights</title></head><body style="font:16px system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem">${body}</body></html>`);
}

const localeOf = (req: Request) => {
  const l = typeof req.query.l === 'string' ? req.query.l : '';
  return ['es', 'en', 'pt-BR'].includes(l) ? l : 'en';
};

export function unsubscribeRoutes(config: Config, pool: Pool): Router {
  // Without REPORTS_SECRET (outside the development setup) no link can verify; the worker, which
  // signs them, refuses to start without it.
  let secret: string | undefined;
  try {
    secret = reportsSecret(config);
  } catch {
    secret = undefined;
  }
  const router = Router();
  const target = (req: Request) => (secret && typeof req.query.t === 'string' ? verifyUnsubscribeToken(secret, req.query.t) : undefined);

  router.get('/unsubscribe', (req, res) => {
    const locale = localeOf(req);
    const t = stringsFor(locale);
    if (!target(req)) return page(res, 400, locale, `<p>${esc(t.badLink)}</p>`);
    const action = `?t=${encodeURIComponent(String(req.query.t))}&l=${encodeURIComponent(locale)}`;
    return page(res, 200, locale, `<p>${esc(t.unsubscribeConfirm)}</p><form method="post" action="${esc(action)}"><button type="submit">${esc(t.unsubscribeButton)}</button></form>`);
  });

  router.post('/unsubscribe', express.urlencoded({ extended: false, limit: '1kb' }), async (req, res) => {
    const locale = localeOf(req);
    const t = stringsFor(locale);
    const to = target(req);
    if (!to) return page(res, 400, locale, `<p>${esc(t.badLink)}</p>`);
    const { rows } = await pool.query<{ ok: boolean }>('SELECT bff.unsubscribe($1::bigint, $2, $3::uuid) AS ok', [to.projectId, to.kind, to.id]);
    // A deleted subscription is as unsubscribed as a paused one: the answer is the same.
    void rows;
    return page(res, 200, locale, `<p>${esc(t.unsubscribedPage)}</p>`);
  });
  return router;
}
