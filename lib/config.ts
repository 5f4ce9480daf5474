/**
 * One configuration schema for every node process (BFF, ETL, `npm start`), parsed once from the
 * environment with zod so a bad setting fails at start with a message naming the variable.
 */
import { z } from 'zod';

/** The development HS256 secret. `npm start` and the tests use it; `npm run token` refuses any other. */
export const DEV_JWT_SECRET = 'indigitall-insights-dev-secret-do-not-use-in-production';
export const DEV_DB_PASSWORDS = { api: 'ig_api_dev_password', etl: 'ig_etl_dev_password' } as const;

const csv = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
const port = z.coerce.number().int().min(0).max(65535);

export const configSchema = z.object({
  /** Port of the BFF (and the demo pages it serves). */
  PORT: port.default(8080),
  /** Owner/administrator connection (migrations). Unset: an embedded PostgreSQL under IG_DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** The BFF's login role (ig_api). Unset: DATABASE_URL with user ig_api and IG_API_DB_PASSWORD. */
  API_DATABASE_URL: z.string().url().optional(),
  /** The ETL's login role (ig_etl). Unset: DATABASE_URL with user ig_etl and IG_ETL_DB_PASSWORD. */
  ETL_DATABASE_URL: z.string().url().optional(),
  IG_API_DB_PASSWORD: z.string().min(1).default(DEV_DB_PASSWORDS.api),
  IG_ETL_DB_PASSWORD: z.string().min(1).default(DEV_DB_PASSWORDS.etl),
  /** Where the embedded PostgreSQL keeps its cluster. */
  IG_DATA_DIR: z.string().min(1).default('.data'),
  /** Port of the embedded PostgreSQL. */
  PG_PORT: port.default(54329),
  /** indigitall API base URL. Unset: `npm start` runs the simulator and uses it. */
  INDIGITALL_BASE_URL: z.string().url().optional(),
  SIMULATOR_PORT: port.default(0),
  /** HS256 shared secret for indigitall's JWTs. */
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').default(DEV_JWT_SECRET),
  JWT_ISSUER: z.string().min(1).default('https://login.indigitall.com'),
  JWT_AUDIENCE: z.string().min(1).default('indigitall-insights'),
  /** Allowed clock skew when checking exp/nbf, in seconds. */
  JWT_CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).max(300).default(30),
  /** Host page origins allowed to call the BFF from a browser (comma separated). */
  CORS_ORIGINS: csv.default([]),
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  PG_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Days of history loaded the first time a group of a project is synced (npm start, the scheduler, `etl sync`). */
  SYNC_DAYS: z.coerce.number().int().min(1).max(730).default(120),
  /** Pins the ETL's clock (an ISO date-time) for reproducible runs; unset: the real clock. */
  ETL_NOW: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const d = new Date(v);
      if (!Number.isNaN(d.getTime())) return d;
      ctx.addIssue({ code: 'custom', message: `not an ISO date-time ("${v}")` });
      return z.NEVER;
    }),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** True when the JWT secret is the public development one (tokens can be minted locally). */
export function usesDevSecret(config: Pick<Config, 'JWT_SECRET'>): boolean {
  return config.JWT_SECRET === DEV_JWT_SECRET;
}

/** A connection URL for one of the project's login roles, derived from the owner URL. */
export function roleUrl(ownerUrl: string, user: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = user;
  url.password = password;
  return url.toString();
}
