/**
 * Rate limiting per project and per user (token buckets, in process). A request spends one token
 * from its user's bucket and one from its project's; an empty bucket answers 429 with the seconds
 * until a token is back in Retry-After. Buckets live in an LRU, so memory stays bounded whatever
 * the number of users. Behind a load balancer each instance limits on its own (documented).
 */
import type { NextFunction, Request, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { AppError } from '../errors.js';

export interface Rate {
  /** Tokens added per second; 0 turns the limit off. */
  perSecond: number;
  /** Bucket size: the burst allowed after a quiet period. */
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  private readonly buckets = new LRUCache<string, Bucket>({ max: 100_000 });
  constructor(
    private readonly rate: Rate,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token for `key`: 0 when granted, else the seconds until one is available. */
  take(key: string): number {
    if (this.rate.perSecond <= 0) return 0;
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.rate.burst, at: t };
    b.tokens = Math.min(this.rate.burst, b.tokens + ((t - b.at) / 1000) * this.rate.perSecond);
    b.at = t;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return (1 - b.tokens) / this.rate.perSecond;
  }
}

export function rateLimit(limits: { user: Rate; project: Rate }, now?: () => number) {
  const users = new TokenBuckets(limits.user, now);
  const projects = new TokenBuckets(limits.project, now);
  return (_req: Request, res: Response, next: NextFunction) => {
    const { projectId, userId } = res.locals.auth;
    const wait = Math.max(users.take(`${projectId}\n${userId}`), projects.take(projectId));
    if (wait > 0) throw new AppError('rate_limited', 'Too many requests for this project or user; retry after the indicated delay.', undefined, Math.max(1, wait));
    next();
  };
}
