/**
 * The test library system in its own process, as a real one would be: the benchmark measures the
 * station's replay against it without the two sharing an event loop.
 *
 * argv: items — prints `PORT <n>` once it listens; runs until killed.
 */
import fs from 'node:fs';
import { startTestAcs } from '../../../../electron/station/sip2/acs/index.js';
import { syncSeed } from '../fixtures.js';

const items = Number(process.argv[2] ?? 1000);

startTestAcs({ seed: syncSeed(items, 5) }).then(
  (server) => {
    fs.writeSync(1, `PORT ${server.port}\n`);
    setInterval(() => undefined, 60_000);
  },
  (err: unknown) => {
    process.stderr.write(`test ACS failed: ${String(err)}\n`);
    process.exit(1);
  },
);
