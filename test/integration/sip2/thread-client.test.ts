import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sip2ReplayClients } from '../../../electron/station/circulation/sip2-replay.js';
import { Sip2Client } from '../../../electron/station/sip2/client.js';
import { CIRCULATION_STATUS } from '../../../electron/station/sip2/codec/constants.js';
import {
  Sip2ThreadClient,
  type Sip2ThreadClientOptions,
} from '../../../electron/station/sip2/thread/thread-client.js';
import { sip2ThreadFile } from '../../../electron/station/sip2/thread/thread-file.js';
import { sip2Thread } from '../../helpers/bundle.js';
import { acs, client, clientOptions, closedPort, failure, INSTITUTION, KIOSK, onCleanup } from './helpers.js';

const CHECKOUT = { patronIdentifier: '2100007', itemIdentifier: '3100001' };

async function threadClient(
  server: { host: string; port: number },
  options: Partial<Sip2ThreadClientOptions> = {},
  file?: string,
): Promise<Sip2ThreadClient> {
  const c = new Sip2ThreadClient(
    clientOptions(server, { reconnect: false, keepAlive: false, ...options }),
    file ?? (await sip2Thread()),
  );
  onCleanup(() => c.close());
  return c;
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-sip2-thread-'));
  onCleanup(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('a SIP2 connection on its own thread', () => {
  it('logs in and answers as the client on this thread does, dates included', async () => {
    const server = await acs();
    const c = await threadClient(server);
    const status = await c.connect();
    expect(status.fixed.onlineStatus).toBe(true);

    const out = await c.checkout(CHECKOUT);
    expect(out.fixed.ok).toBe(true);
    expect(server.state.item('3100001')?.loan?.patron).toBe('2100007');
    expect(out.fixed.transactionDate).toBeInstanceOf(Date);

    const here = client(server);
    const there = await c.itemInformation('3100001');
    const local = await here.itemInformation('3100001');
    expect(there.fixed.circulationStatus).toBe(CIRCULATION_STATUS.CHARGED);
    expect(there.fields).toEqual(local.fields);
    expect(there.fixed.circulationStatus).toBe(local.fixed.circulationStatus);
    // Only the connection's login and its requests: nothing sent twice.
    expect(server.received.filter((code) => code === '11')).toHaveLength(1);
  });

  it('fails with the same kinds and reasons as the client on this thread', async () => {
    const nobody = await threadClient({ host: '127.0.0.1', port: await closedPort() });
    await failure(nobody.scStatus(), 'unreachable');

    const server = await acs();
    const c = await threadClient(server, { requestTimeoutMs: 300 });
    await c.connect();
    server.injectFault({ kind: 'garbage', bytes: Buffer.from('HTTP/1.1 400 Bad Request'), codes: ['17'] });
    const garbage = await failure(c.itemInformation('3100001'), 'protocol');
    expect(garbage.reason).toBe('UNKNOWN_CODE');

    server.injectFault({ kind: 'delay', ms: 900, codes: ['17'] });
    await failure(c.itemInformation('3100001'), 'timeout');

    // Lost after the library applied it: `closed`, and item information tells what happened.
    server.injectFault({ kind: 'drop', when: 'after', codes: ['11'] });
    await failure(c.checkout(CHECKOUT), 'closed');
    expect((await c.itemInformation('3100001')).fixed.circulationStatus).toBe(CIRCULATION_STATUS.CHARGED);
  });

  it('close ends the session: requests still queued fail as closed, later ones too', async () => {
    const server = await acs();
    const c = await threadClient(server);
    await c.connect();
    server.injectFault({ kind: 'delay', ms: 300, codes: ['17'] });
    const queued = Promise.all([
      failure(c.itemInformation('3100001'), 'closed'),
      failure(c.itemInformation('3100002'), 'closed'),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await c.close();
    await queued;
    await failure(c.scStatus(), 'closed');
  });

  it('a thread that cannot start fails its requests as unreachable: nothing was sent', async () => {
    const dir = tempDir();
    const broken = path.join(dir, 'sip2-thread.cjs');
    fs.writeFileSync(broken, "throw new Error('a damaged installation');\n");
    const server = await acs();
    const c = await threadClient(server, {}, broken);
    const err = await failure(c.checkout(CHECKOUT), 'unreachable');
    expect(err.message).toMatch(/a damaged installation/);
    expect(server.received).toEqual([]);
  });

  it('a thread that dies under a request fails it as closed; the next request gets a new thread', async () => {
    // The real thread, made to exit when it is handed a checkout of the book "CRASH".
    const dir = tempDir();
    const dying = path.join(dir, 'sip2-thread.cjs');
    fs.writeFileSync(
      dying,
      `const { parentPort } = require('node:worker_threads');
const on = parentPort.on.bind(parentPort);
parentPort.on = (event, listener) => on(event, event !== 'message' ? listener : (batch) => {
  if (batch.some((r) => r.args[0] && r.args[0].itemIdentifier === 'CRASH')) process.exit(3);
  listener(batch);
});
require(${JSON.stringify(await sip2Thread())});
`,
    );
    const server = await acs();
    const c = await threadClient(server, {}, dying);
    expect((await c.scStatus()).fixed.onlineStatus).toBe(true);
    const err = await failure(c.checkout({ ...CHECKOUT, itemIdentifier: 'CRASH' }), 'closed');
    expect(err.message).toMatch(/ended/);
    expect((await c.checkout(CHECKOUT)).fixed.ok).toBe(true);
    expect(server.state.item('3100001')?.loan?.patron).toBe('2100007');
  });

  it("gives the replay's connections threads of their own when the thread is built", async () => {
    const server = await acs();
    const settings = {
      host: server.host,
      port: server.port,
      institutionId: INSTITUTION,
      user: KIOSK.userId,
      location: KIOSK.locationCode,
      terminalPassword: '',
      tls: false,
      tlsInsecure: false,
      encoding: 'utf-8',
      errorDetection: true,
      terminator: 'CR',
      timeoutSeconds: 2,
    } as const;
    const threaded = sip2ReplayClients(settings, KIOSK.password, {
      connections: 2,
      threadFile: await sip2Thread(),
    });
    const here = sip2ReplayClients(settings, KIOSK.password, { threadFile: null });
    for (const c of [...threaded, ...here]) onCleanup(() => c.close());
    expect(threaded.map((c) => c instanceof Sip2ThreadClient)).toEqual([true, true]);
    expect(here.map((c) => c instanceof Sip2Client)).toEqual([true]);
    for (const c of [...threaded, ...here]) expect((await c.scStatus()).fixed.onlineStatus).toBe(true);
  });

  it('is found where the build puts it, and not when there is no build', () => {
    const root = tempDir();
    expect(sip2ThreadFile(root)).toBeNull();
    fs.mkdirSync(path.join(root, 'dist', 'sip2'), { recursive: true });
    fs.writeFileSync(path.join(root, 'dist', 'sip2', 'sip2-thread.cjs'), '');
    expect(sip2ThreadFile(root)).toBe(path.join(root, 'dist', 'sip2', 'sip2-thread.cjs'));
  });
});
