/**
 * Signatures of what leaves the product: one-click unsubscribe links (HMAC-SHA256 over the project,
 * the kind and the id, with REPORTS_SECRET) and webhook bodies (HMAC-SHA256 with the subscription's or
 * rule's own secret, Stripe-style `t=<unix seconds>,v1=<hex>` over `<t>.<body>`).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isDevAuth, type Config } from '../../lib/config.js';

export type UnsubscribeKind = 'subscription' | 'alert';

export interface UnsubscribeTarget {
  projectId: string;
  kind: UnsubscribeKind;
  id: string;
}

/** REPORTS_SECRET, or (development setup only) a key derived from the development JWT secret. */
export function reportsSecret(config: Pick<Config, 'REPORTS_SECRET' | 'JWT_SECRET' | 'JWT_PUBLIC_KEY' | 'JWT_JWKS_URL'>): string {
  if (config.REPORTS_SECRET) return config.REPORTS_SECRET;
  if (isDevAuth(config)) return createHash('sha256').update(`ig-reports|${config.JWT_SECRET}`).digest('base64url');
  throw new Error('REPORTS_SECRET is required outside the development setup (it signs unsubscribe links)');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

/** `<project>.<s|a>.<uuid>.<mac>`: short enough for a URL, no secret inside. */
export function unsubscribeToken(secret: string, t: UnsubscribeTarget): string {
  const payload = `${t.projectId}.${t.kind === 'subscription' ? 's' : 'a'}.${t.id}`;
  return `${payload}.${mac(secret, payload)}`;
}

/** The target of a token whose MAC verifies, else undefined. */
export function verifyUnsubscribeToken(secret: string, token: string): UnsubscribeTarget | undefined {
  if (typeof token !== 'string' || token.length > 200) return undefined;
  const parts = token.split('.');
  if (parts.length !== 4) return undefined;
  const [projectId, k, id, sig] = parts as [string, string, string, string];
  if (!/^[1-9]\d{0,14}$/.test(projectId) || (k !== 's' && k !== 'a') || !UUID.test(id)) return undefined;
  const want = Buffer.from(mac(secret, `${projectId}.${k}.${id}`));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return undefined;
  return { projectId, kind: k === 's' ? 'subscription' : 'alert', id };
}

export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

/** The `X-Ig-Signature` header of a webhook body sent at `unixSeconds`. */
export function webhookSignature(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

/** What a receiver does: recompute and compare, and refuse old timestamps (replays). */
export function verifyWebhookSignature(secret: string, body: string, header: string, nowSeconds: number, toleranceS = 300): boolean {
  const m = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  const t = Number(m[1]);
  if (Math.abs(nowSeconds - t) > toleranceS) return false;
  const want = Buffer.from(webhookSignature(secret, body, t).slice(`t=${t},v1=`.length), 'hex');
  return timingSafeEqual(want, Buffer.from(m[2]!, 'hex'));
}
