import path from 'node:path';
import type { KioskSettings } from '../contract/index.js';
import { startTestAcs, type TestAcs } from '../sip2/acs/index.js';
import { DEFAULT_KIOSK_SETTINGS } from './kiosk-config.js';

/** The training library's own login for kiosks (resources/demo/library.json, `terminals`). */
const DEMO_LOGIN = { user: 'kiosk', password: 'kiosk-parol', location: 'kiosk-1' };

export interface DemoLibrary {
  acs: TestAcs;
  settings: KioskSettings;
  password: string;
}

/**
 * Demo mode's library system: the test ACS with the training library, on a free loopback port,
 * its state kept in the data directory so loans survive a restart of the station.
 */
/** `timeZone`: the station's, so the training library's loans end at the end of the kiosk's day. */
export async function startDemoLibrary(
  dataDir: string,
  current: KioskSettings,
  timeZone?: string,
): Promise<DemoLibrary> {
  // The simulated library system's own data (its patrons' PINs included) lives in its own folder,
  // apart from the station's database, which never holds a PIN.
  const acs = await startTestAcs({
    stateFile: path.join(dataDir, 'demo-library', 'state.json'),
    ...(timeZone ? { timeZone } : {}),
  });
  return {
    acs,
    password: DEMO_LOGIN.password,
    settings: {
      ...current,
      sip2: {
        ...DEFAULT_KIOSK_SETTINGS.sip2,
        host: acs.host,
        port: acs.port,
        institutionId: 'BITIG-DEMO',
        user: DEMO_LOGIN.user,
        location: DEMO_LOGIN.location,
      },
    },
  };
}
