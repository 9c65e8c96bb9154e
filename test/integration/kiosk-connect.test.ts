import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PatronSummary } from '../../electron/station/contract/index.js';
import { startTestAcs, type TestAcs } from '../../electron/station/sip2/acs/index.js';
import { Station } from '../../electron/station/station.js';
import { kioskCalls } from './helpers.js';

/**
 * Right after staff save the library system's settings, the kiosk connects at once, and the first
 * patron's identify waits for that connection (within the SIP2 timeout) instead of being told the
 * library system is not answering. A kiosk in connected mode and a real SIP2 server of our own.
 */
let dir: string;
let station: Station;
let acs: TestAcs;

const TIMEOUT_SECONDS = 2;

const { call, ok, pointAtLibrary } = kioskCalls(() => station);

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-connect-'));
  acs = await startTestAcs();
  station = Station.open({ dataDir: path.join(dir, 'station'), host: 'web' });
  await station.start();
  await ok('setup.complete', { role: 'kiosk', language: 'ru', mode: 'connected', staffPin: '2468' });
});
afterEach(async () => {
  await station.close();
  await acs.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Saves settings pointing at the test ACS, as the admin screen does. */
const saveSettings = () => pointAtLibrary('2468', acs.port, TIMEOUT_SECONDS);

/** A card never seen online: offline, the default policy lets it nowhere, so only a live answer admits it. */
const identify = () => call<PatronSummary>('kiosk.identify', { patronId: '2100001', pin: '1234' });

describe('the first patron right after staff save the library system’s settings', () => {
  it('is identified by the library system at once', async () => {
    await saveSettings();
    const result = await identify();
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({ name: 'Gʻulomova Dilnoza Rustamovna', offline: false }),
    });
    expect(station.kiosk.status().online).toBe(true);
  });

  it('waits for a slow login within the timeout, and is identified', async () => {
    acs.injectFault({ kind: 'delay', ms: 1200, codes: ['93'] });
    await saveSettings();
    const started = Date.now();
    const result = await identify();
    expect(result).toMatchObject({
      ok: true,
      value: { name: 'Gʻulomova Dilnoza Rustamovna', offline: false },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('a login slower than the timeout fails as the library system not answering, after the timeout', async () => {
    acs.injectFault({ kind: 'delay', ms: (TIMEOUT_SECONDS + 3) * 1000, codes: ['93'] });
    await saveSettings();
    const started = Date.now();
    const result = await identify();
    const waited = Date.now() - started;
    expect(result).toMatchObject({ ok: false, error: { code: 'LIBRARY_UNREACHABLE' } });
    expect(waited).toBeGreaterThanOrEqual(TIMEOUT_SECONDS * 1000 - 300);
    expect(waited).toBeLessThan((TIMEOUT_SECONDS + 2) * 1000);
  });
});
