/** What route modules receive from the app factory. */
import type { Request } from 'express';
import type { ScopedDb } from '../db/scope.js';

export interface RouteDeps {
  /** Runs fn in the RLS scope of the request's authenticated project and user. */
  scoped<T>(req: Request, fn: (db: ScopedDb) => Promise<T>): Promise<T>;
}
