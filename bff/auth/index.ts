/**
 * The BFF's authentication, assembled once per app from configuration: the verifier of indigitall's
 * tokens, our session cookies, the Origin check, and the guard for tenant routes.
 * docs/adr/009-auth-and-sessions.md explains the choices.
 */
import type { Config } from '../../lib/config.js';
import type { Logger } from '../../lib/log.js';
import { cachedVerifier, createVerifier, type TokenVerifier } from './jwt.js';
import { requireAuth, type Authenticator } from './middleware.js';
import { createOriginCheck } from './origin.js';
import type { Revocations } from './revocations.js';
import { createSessions } from './session.js';

export { requireRole, roleAtLeast, type Role } from './middleware.js';

export function createAuth(config: Config, deps: { logger?: Logger; verify?: TokenVerifier; revocations: Revocations }) {
  const authenticator: Authenticator = {
    verify: deps.verify ?? cachedVerifier(createVerifier(config, deps.logger), { clockToleranceS: config.JWT_CLOCK_TOLERANCE_S, maxAgeS: config.JWT_MAX_AGE_S }),
    sessions: createSessions(config, deps.revocations),
    checkOrigin: createOriginCheck(config),
    parentCookie: config.JWT_PARENT_COOKIE,
  };
  return { ...authenticator, requireAuth: requireAuth(authenticator) };
}

export type Auth = ReturnType<typeof createAuth>;
