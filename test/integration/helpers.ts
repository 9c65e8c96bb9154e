import type { KioskSettings, MethodName, Result } from '../../electron/station/contract/index.js';
import type { Station } from '../../electron/station/station.js';

/**
 * A kiosk test's way to the station: calls through the dispatcher (as both hosts make them), and the
 * admin screen's "point the kiosk at this library system". `station` is read at each call, so a test
 * that restarts its station keeps these.
 */
export function kioskCalls(station: () => Station) {
  const call = async <T>(method: MethodName, input: unknown = {}): Promise<Result<T>> =>
    (await station().dispatch(method, input)) as Result<T>;
  const ok = async <T>(method: MethodName, input: unknown = {}): Promise<T> => {
    const result = await call<T>(method, input);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  const errorCode = async (method: MethodName, input: unknown = {}): Promise<string> => {
    const result = await call(method, input);
    if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
    return result.error.code;
  };
  /** Saves settings pointing at the test library system on `port`, as staff do on the admin screen. */
  const pointAtLibrary = async (staffPin: string, port: number, timeoutSeconds = 2): Promise<void> => {
    const { settings } = await ok<{ settings: KioskSettings }>('admin.getKioskSettings', { staffPin });
    await ok('admin.saveKioskSettings', {
      staffPin,
      sip2Password: 'kiosk-parol',
      settings: {
        ...settings,
        sip2: {
          ...settings.sip2,
          host: '127.0.0.1',
          port,
          institutionId: 'BITIG-DEMO',
          user: 'kiosk',
          location: 'kiosk-1',
          timeoutSeconds,
        },
      },
    });
  };
  return { call, ok, errorCode, pointAtLibrary };
}

/** Polls `check` every 50 ms until it holds, or fails after `ms` naming `what`. */
export async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  ms = 15_000,
): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
