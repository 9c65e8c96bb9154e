import net from 'node:net';
import { afterEach, expect } from 'vitest';
import { startTestAcs, type TestAcs, type TestAcsOptions } from '../../../electron/station/sip2/acs/index.js';
import { Sip2Client, type Sip2ClientOptions } from '../../../electron/station/sip2/client.js';
import { Sip2Error, type Sip2ErrorKind } from '../../../electron/station/sip2/sip2-error.js';

/** The demo library's kiosk account (resources/demo/library.json). */
export const KIOSK = { userId: 'kiosk', password: 'kiosk-parol', locationCode: 'kiosk-1' };
export const INSTITUTION = 'BITIG-DEMO';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Registers something to close after the current test. */
export function onCleanup(cleanup: () => Promise<void>): void {
  cleanups.push(cleanup);
}

export async function acs(options: TestAcsOptions = {}): Promise<TestAcs> {
  const server = await startTestAcs(options);
  onCleanup(() => server.close());
  return server;
}

/** The demo library's kiosk login against `server`, with short timeouts for tests. */
export function clientOptions(
  server: { host: string; port: number },
  options: Partial<Sip2ClientOptions> = {},
): Sip2ClientOptions {
  return {
    host: server.host,
    port: server.port,
    institutionId: INSTITUTION,
    login: KIOSK,
    requestTimeoutMs: 2000,
    connectTimeoutMs: 2000,
    reconnect: { initialDelayMs: 50, maxDelayMs: 200 },
    ...options,
  };
}

export function client(
  server: { host: string; port: number },
  options: Partial<Sip2ClientOptions> = {},
): Sip2Client {
  const c = new Sip2Client(clientOptions(server, options));
  onCleanup(() => c.close());
  return c;
}

/** Awaits a rejection and checks it is a Sip2Error of that kind. */
export async function failure(promise: Promise<unknown>, kind: Sip2ErrorKind): Promise<Sip2Error> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(Sip2Error);
    expect((err as Sip2Error).kind, (err as Error).message).toBe(kind);
    return err as Sip2Error;
  }
  throw new Error(`expected a Sip2Error of kind ${kind}`);
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function count(list: readonly string[], code: string): number {
  return list.filter((c) => c === code).length;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
