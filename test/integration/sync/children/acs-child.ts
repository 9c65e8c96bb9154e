/**
 * The test library system in its own process, as a real one would be: the benchmark measures the
 * station's replay against it without the two sharing an event loop.
 *
 * argv: items [serviceMs] — prints `PORT <n>` once it listens; runs until killed. With serviceMs,
 * every answer waits that long first, as a library system's own work takes time.
 */
import fs from 'node:fs';
import { startTestAcs } from '../../../../electron/station/sip2/acs/index.js';
import { syncSeed } from '../fixtures.js';

const items = Number(process.argv[2] ?? 1000);
const serviceMs = Number(process.argv[3] ?? 0);

startTestAcs({ seed: syncSeed(items, 5) }).then(
  (server) => {
    if (serviceMs > 0) server.injectFault({ kind: 'delay', ms: serviceMs, count: Number.MAX_SAFE_INTEGER });
    fs.writeSync(1, `PORT ${server.port}\n`);
    setInterval(() => undefined, 60_000);
  },
  (err: unknown) => {
    process.stderr.write(`test ACS failed: ${String(err)}\n`);
    process.exit(1);
  },
);
