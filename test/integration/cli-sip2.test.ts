import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../electron/station/cli/exit-codes.js';
import type { CliIo } from '../../electron/station/cli/io.js';
import { runCli } from '../../electron/station/cli/program.js';
import { startTestAcs, type TestAcs } from '../../electron/station/sip2/acs/index.js';

let acs: TestAcs;
let out: string[];
let err: string[];
const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: {} };

beforeAll(async () => {
  acs = await startTestAcs();
});
afterAll(() => acs.close());
beforeEach(() => {
  out = [];
  err = [];
});

const login = () => [
  '--port',
  String(acs.port),
  '--user',
  'kiosk',
  '--password',
  'kiosk-parol',
  '--institution',
  'BITIG-DEMO',
];

describe('bitig sip2', () => {
  it('status --json prints the parsed 98 with booleans, ISO dates and the raw message', async () => {
    expect(await runCli(['sip2', 'status', ...login(), '--json'], io)).toBe(EXIT.OK);
    const status = JSON.parse(out.join('\n'));
    expect(status).toMatchObject({ code: '98', fixed: { onlineStatus: true, checkoutOk: true } });
    expect(status.fixed.dateTimeSync).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(status.fields.institutionId).toBe('BITIG-DEMO');
    expect(status.raw).toMatch(/^98/);
  });

  it('patron --json gives the Cyrillic name as sent', async () => {
    expect(await runCli(['sip2', 'patron', '2100003', '--pin', '3456', ...login(), '--json'], io)).toBe(
      EXIT.OK,
    );
    expect(JSON.parse(out.join('\n')).fields.personalName).toBe('Қодиров Ғайрат Ҳамидович');
  });

  it('a refused checkout exits 5 with the reason, and the library is unchanged', async () => {
    const code = await runCli(['sip2', 'checkout', '2100002', '3100006', '--pin', '2345', ...login()], io);
    expect(code).toBe(EXIT.REFUSED);
    expect(err.join('\n')).toMatch(/refused: .*hold for another reader/);
    expect(acs.state.item('3100006')?.loan).toBeUndefined();
  });

  it('a checkout that goes through changes the library', async () => {
    expect(await runCli(['sip2', 'checkout', '2100007', '3100004', '--pin', '7890', ...login()], io)).toBe(
      EXIT.OK,
    );
    expect(acs.state.item('3100004')?.loan?.patron).toBe('2100007');
    expect(await runCli(['sip2', 'checkin', '3100004', ...login()], io)).toBe(EXIT.OK);
    expect(acs.state.item('3100004')?.loan).toBeUndefined();
  });

  it('a wrong login password exits 5, an unreachable server exits 4', async () => {
    const wrong = ['--port', String(acs.port), '--user', 'kiosk', '--password', 'nope'];
    expect(await runCli(['sip2', 'status', ...wrong], io)).toBe(EXIT.REFUSED);
    expect(await runCli(['sip2', 'status', '--port', '1', '--timeout', '2'], io)).toBe(EXIT.UNAVAILABLE);
    expect(err.join('\n')).toMatch(/unreachable/);
  });
});
