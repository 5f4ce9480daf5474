// `npm run simulator`: runs the indigitall statistics API simulator on 127.0.0.1:$SIMULATOR_PORT
// (default 8090) and prints each demo project's id, name, server key and login.
//
// Environment (all optional):
//   SIMULATOR_PORT          port (0 = any free port)
//   SIM_PROJECTS            extra synthetic projects after the three demo ones (default 0)
//   SIM_HISTORY_DAYS        their days of history (default 365)
//   SIM_CAMPAIGNS           their campaigns over that history (default 40)
//   SIM_SEED                seed of their knobs (default 1)
//   SIM_LATE_CORRECTIONS    1/0: last local days still growing (default 1 here; off in createSimulatorApp)
//   SIM_FAULTS              1: mount POST/GET/DELETE /__sim/faults (default 0)
//   SIM_RATE_LIMIT          "off" or "<perSecond>/<burst>" (default 10/20)

import { ACCOUNT_LOGIN, ACCOUNT_SERVER_KEY, DEMO_PROJECTS, syntheticProjects } from './catalog.js';
import { startSimulator, type RateLimitOptions } from './server.js';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function intEnv(name: string, dflt: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) fail(`${name} must be an integer in ${min}..${max}, got ${JSON.stringify(raw)}`);
  return n;
}

function flagEnv(name: string, dflt: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return dflt;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  return fail(`${name} must be 1 or 0, got ${JSON.stringify(raw)}`);
}

function rateEnv(): RateLimitOptions | false | undefined {
  const raw = process.env.SIM_RATE_LIMIT;
  if (raw === undefined || raw === '') return undefined;
  if (/^off$/i.test(raw)) return false;
  const m = /^(\d+(?:\.\d+)?)\/(\d+)$/.exec(raw);
  if (!m || Number(m[1]) <= 0 || Number(m[2]) < 1) return fail(`SIM_RATE_LIMIT must be "off" or "<perSecond>/<burst>", got ${JSON.stringify(raw)}`);
  return { perSecond: Number(m[1]), burst: Number(m[2]) };
}

const port = intEnv('SIMULATOR_PORT', 8090, 0, 65535);
const extra = intEnv('SIM_PROJECTS', 0, 0, 100_000);
const synthetic = syntheticProjects(extra, {
  seed: intEnv('SIM_SEED', 1, 0, 2 ** 31),
  historyDays: intEnv('SIM_HISTORY_DAYS', 365, 1, 20 * 365),
  campaignsPerProject: intEnv('SIM_CAMPAIGNS', 40, 0, 100_000),
});
const projects = [...DEMO_PROJECTS, ...synthetic];
const lateCorrections = flagEnv('SIM_LATE_CORRECTIONS', true);
const faultsEndpoint = flagEnv('SIM_FAULTS', false);
const rateLimit = rateEnv();

const sim = await startSimulator({ port, projects, lateCorrections, faultsEndpoint, ...(rateLimit === undefined ? {} : { rateLimit }) });
console.log(`indigitall API simulator listening on ${sim.url}`);
for (const p of DEMO_PROJECTS) {
  console.log(`  project ${p.id}  ${p.name.padEnd(14)} ${p.timeZone.padEnd(20)} ServerKey ${p.serverKey}  login ${p.login?.mail} / ${p.login?.password}`);
}
if (synthetic.length > 0) {
  const last = synthetic.at(-1)!;
  console.log(`  + ${synthetic.length} synthetic projects ${synthetic[0]!.id}..${last.id} (keys and logins: syntheticProjects(); the account key and login cover them)`);
}
console.log(`  account key (all projects)                   ServerKey ${ACCOUNT_SERVER_KEY}`);
console.log(`  account login (all projects)                 ${ACCOUNT_LOGIN.mail} / ${ACCOUNT_LOGIN.password}`);
console.log(`  late corrections ${lateCorrections ? 'on' : 'off'}; fault endpoint ${faultsEndpoint ? 'on (POST/GET/DELETE /__sim/faults)' : 'off'}; rate limit ${rateLimit === false ? 'off' : rateLimit ? `${rateLimit.perSecond}/s burst ${rateLimit.burst}` : 'default'}`);

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) process.exit(1); // a second signal forces exit
  stopping = true;
  console.log(`${signal}: stopping simulator`);
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  sim.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
