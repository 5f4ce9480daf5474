/**
 * `npm run -s token -- --project 100274 [--projects 100275,100276] [--role viewer|editor|admin] [--sub user] [--ttl seconds]`
 * prints a demo token signed with the development secret (with `--projects`, a partner token whose
 * `project_ids` are `--project` and those). It refuses to run when another secret is configured, so
 * it can never mint production tokens.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, usesDevSecret, type Config } from '../lib/config.js';
import { signToken } from './auth/jwt.js';

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n`);
  process.exit(1);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      project: { type: 'string' },
      projects: { type: 'string' },
      role: { type: 'string', default: 'viewer' },
      sub: { type: 'string', default: 'demo-user' },
      ttl: { type: 'string', default: String(12 * 3600) },
      locale: { type: 'string' },
    },
    strict: true,
  }));
} catch (err) {
  fail((err as Error).message);
}
let config: Config;
try {
  config = loadConfig();
} catch (err) {
  fail(err instanceof ConfigError ? err.message.replace(/\n\s*/g, ' ') : String(err));
}
if (!usesDevSecret(config)) fail('a production JWT_SECRET is configured; demo tokens are signed with the development secret only.');
if (!values.project || !/^[1-9]\d{0,14}$/.test(values.project)) fail('--project must be a numeric project id, e.g. --project 100274');
const more = values.projects === undefined ? [] : values.projects.split(',').map((p) => p.trim());
if (more.some((p) => !/^[1-9]\d{0,14}$/.test(p))) fail('--projects must be numeric project ids separated by commas, e.g. --projects 100275,100276');
const projectIds = more.length ? { project_ids: [...new Set([values.project, ...more])] } : {};
if (!['viewer', 'editor', 'admin'].includes(values.role!)) fail('--role must be viewer, editor or admin');
const ttl = Number(values.ttl);
if (!Number.isInteger(ttl) || ttl < 1 || ttl > 30 * 86400) fail('--ttl must be a number of seconds between 1 and 2592000');

const token = await signToken(
  config,
  { sub: values.sub!, project_id: values.project, ...projectIds, role: values.role as 'viewer', ...(values.locale ? { locale: values.locale } : {}) },
  ttl,
);
process.stdout.write(token + '\n');
