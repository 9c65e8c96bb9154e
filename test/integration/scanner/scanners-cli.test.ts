import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/station/cli/exit-codes.js';
import type { ScannerListing } from '../../../electron/station/devices/scanner/list-scanners.js';
import { type EsclTestServer, startEsclServer } from './escl-server.js';
import { runScanners } from './run-scanners.js';
import { makeTestBackendConfig, saneSkipReason } from './sane-env.js';

let server: EsclTestServer;
let configDir: string;
const skipSane = saneSkipReason();

beforeAll(async () => {
  server = await startEsclServer();
  configDir = makeTestBackendConfig();
});

afterAll(async () => {
  await server.close();
  fs.rmSync(configDir, { recursive: true, force: true });
});

describe('bitig scanners list', () => {
  it.skipIf(skipSane !== undefined)(
    `lists SANE devices and a configured eSCL scanner as JSON${skipSane ? ` (skipped: ${skipSane})` : ''}`,
    async () => {
      const { code, out } = await runScanners(['scanners', 'list', '--json', '--escl', server.url], {
        SANE_CONFIG_DIR: configDir,
      });
      expect(code).toBe(EXIT.OK);
      const listing = JSON.parse(out) as ScannerListing;
      expect(listing.sane).toMatchObject({ available: true });
      if (listing.sane.available) {
        expect(listing.sane.devices.map((d) => d.id)).toEqual(['sane:test:0', 'sane:test:1']);
      }
      expect(listing.escl).toEqual([
        {
          id: `escl:${server.url}`,
          url: server.url,
          reachable: true,
          makeAndModel: 'Bitig Test Scanner',
          sources: ['flatbed', 'adf'],
          formats: ['image/jpeg', 'image/png'],
        },
      ]);
    },
  );

  it('prints one line per scanner and exits 4 when an eSCL address does not answer', async () => {
    const { code, out } = await runScanners(
      ['scanners', 'list', '--escl', server.url, '--escl', 'http://127.0.0.1:1/eSCL/'],
      {
        SANE_CONFIG_DIR: configDir,
      },
    );
    expect(code).toBe(EXIT.UNAVAILABLE);
    expect(out).toContain(
      `ok   escl:${server.url}   Bitig Test Scanner (flatbed, adf; image/jpeg, image/png)`,
    );
    expect(out).toMatch(
      /FAIL escl:http:\/\/127\.0\.0\.1:1\/eSCL\/ {3}The connection to the scanner failed: check the cable or the network and scan again\. \(io: /,
    );
    if (!skipSane) expect(out).toContain('ok   sane:test:0   Noname frontend-tester (virtual device)');
  });
});
