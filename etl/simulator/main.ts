// `npm run simulator`: runs the indigitall statistics API simulator on 127.0.0.1:$SIMULATOR_PORT
// (default 8090) and prints each demo project's id, name and server key.

import { ACCOUNT_SERVER_KEY, DEMO_PROJECTS } from './catalog.js';
import { startSimulator } from './server.js';

const raw = process.env.SIMULATOR_PORT ?? '8090';
const port = Number(raw);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`SIMULATOR_PORT must be a port number, got ${JSON.stringify(raw)}`);
  process.exit(1);
}

const sim = await startSimulator({ port });
console.log(`indigitall API simulator listening on ${sim.url}`);
for (const p of DEMO_PROJECTS) {
  console.log(`  project ${p.id}  ${p.name.padEnd(14)} ${p.timeZone.padEnd(20)} ServerKey ${p.serverKey}`);
}
console.log(`  account key (all projects)                   ServerKey ${ACCOUNT_SERVER_KEY}`);

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
