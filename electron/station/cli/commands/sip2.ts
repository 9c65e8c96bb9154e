import { type Command, InvalidArgumentError, Option } from 'commander';
import { startTestAcs } from '../../sip2/acs/index.js';
import { Sip2Client } from '../../sip2/client.js';
import { SIP2_ENCODINGS } from '../../sip2/codec/charset.js';
import type { Sip2Decoded, Sip2Response } from '../../sip2/codec/messages.js';
import { Sip2Error } from '../../sip2/sip2-error.js';
import { EXIT } from '../exit-codes.js';
import { CliExit, type CliIo } from '../io.js';
import { untilStopSignal } from '../until-signal.js';

interface ConnectionOptions {
  host: string;
  port: number;
  user?: string;
  password?: string;
  location?: string;
  institution: string;
  terminalPassword?: string;
  encoding: string;
  tls?: boolean;
  tlsInsecure?: boolean;
  errorDetection: boolean;
  terminator: 'cr' | 'crlf';
  timeout: number;
  pin?: string;
  json?: boolean;
  trace?: boolean;
}

const HELP = `
An installer's tool: try a library system's SIP2 service before setting up a kiosk.
Examples:
  bitig sip2 status --host sip.library.uz --port 6001 --user kiosk --password … --institution MAIN
  bitig sip2 patron 2100001 --pin 1234 --json
  bitig sip2 checkout 2100001 3100001
  bitig sip2 serve-demo --port 6001        (the training library, for trying things out)
Exit codes: 0 ok, 4 unreachable or timed out, 5 refused by the library system, 1 protocol error.`;

export function registerSip2(program: Command, io: CliIo): void {
  const sip2 = program
    .command('sip2')
    .description('talk SIP2 to a library system (test a setup before using the kiosk)')
    .option('--host <host>', 'library system host', '127.0.0.1')
    .option('--port <port>', 'SIP2 port', parseIntArg, 6001)
    .option('--user <user>', 'SIP2 login user (93 CN); no login when absent')
    .option('--password <password>', 'SIP2 login password (93 CO)')
    .option('--location <code>', 'location code (93 CP, checkin AP)')
    .option('--institution <id>', 'institution id (AO)', '')
    .option('--terminal-password <password>', 'terminal password (AC)')
    .addOption(
      new Option('--encoding <name>', 'character encoding').choices([...SIP2_ENCODINGS]).default('utf-8'),
    )
    .option('--tls', 'connect with TLS')
    .option('--tls-insecure', 'with --tls: accept any certificate (testing only)')
    .option('--no-error-detection', 'send no sequence numbers and checksums')
    .addOption(new Option('--terminator <t>', 'message terminator').choices(['cr', 'crlf']).default('cr'))
    .option('--timeout <seconds>', 'per-request timeout', parseIntArg, 10)
    .option('--pin <pin>', "the patron's PIN (AD)")
    .option('--json', 'print the parsed response as JSON (with the raw message)')
    .option('--trace', 'print every message sent and received (passwords masked) to stderr')
    .addHelpText('after', HELP);

  const run =
    (send: (client: Sip2Client, o: ConnectionOptions, ...args: string[]) => Promise<Sip2Response>) =>
    async (...args: unknown[]) => {
      const command = args.at(-1) as Command;
      const o = command.optsWithGlobals() as ConnectionOptions;
      const positional = args.slice(0, -2).filter((a): a is string => typeof a === 'string');
      await exchange(io, o, (client) => send(client, o, ...positional));
    };

  sip2
    .command('status')
    .description('log in and ask the status (99/98)')
    .action(run((c) => c.connect()));
  sip2
    .command('login')
    .description('log in only (93/94)')
    .action(run((c) => c.login()));
  sip2
    .command('patron <patronId>')
    .description('patron information (63/64)')
    .addOption(
      new Option('--summary <list>', 'which item list to include').choices([
        'holdItems',
        'overdueItems',
        'chargedItems',
        'fineItems',
        'recallItems',
        'unavailableHoldItems',
      ]),
    )
    .action(
      run((c, o, patronId) => {
        const summary = (o as ConnectionOptions & { summary?: 'chargedItems' }).summary ?? null;
        return c.patronInformation({ patronIdentifier: patronId!, patronPassword: o.pin, summary });
      }),
    );
  sip2
    .command('checkout <patronId> <itemId>')
    .description('check an item out (11/12)')
    .action(
      run((c, o, patronId, itemId) =>
        c.checkout({ patronIdentifier: patronId!, patronPassword: o.pin, itemIdentifier: itemId! }),
      ),
    );
  sip2
    .command('checkin <itemId>')
    .description('return an item (09/10)')
    .action(run((c, _o, itemId) => c.checkin({ itemIdentifier: itemId! })));
  sip2
    .command('renew <patronId> <itemId>')
    .description('renew a loan (29/30)')
    .action(
      run((c, o, patronId, itemId) =>
        c.renew({ patronIdentifier: patronId!, patronPassword: o.pin, itemIdentifier: itemId! }),
      ),
    );
  sip2
    .command('renew-all <patronId>')
    .description("renew all of a patron's loans (65/66)")
    .action(run((c, o, patronId) => c.renewAll({ patronIdentifier: patronId!, patronPassword: o.pin })));
  sip2
    .command('item <itemId>')
    .description('item information (17/18)')
    .action(run((c, _o, itemId) => c.itemInformation(itemId!)));
  sip2
    .command('end-session <patronId>')
    .description('end a patron session (35/36)')
    .action(
      run((c, o, patronId) => c.endPatronSession({ patronIdentifier: patronId!, patronPassword: o.pin })),
    );
  sip2
    .command('raw <message>')
    .description('send a message as typed (sequence and checksum are added when error detection is on)')
    .action(run((c, _o, message) => c.raw(message!)));

  sip2
    .command('serve-demo')
    .description('run the training library as a SIP2 server (for demos and trying a setup)')
    .option('--state <file>', 'keep the library state in this file across restarts')
    .option('--listen <host>', 'interface to listen on', '127.0.0.1')
    .action(async (opts: { state?: string; listen: string }, command: Command) => {
      const o = command.optsWithGlobals() as ConnectionOptions;
      const acs = await startTestAcs({
        host: opts.listen,
        port: o.port,
        stateFile: opts.state,
        encoding: o.encoding as (typeof SIP2_ENCODINGS)[number],
        errorDetection: o.errorDetection,
        terminator: o.terminator === 'crlf' ? '\r\n' : '\r',
      });
      io.out(`The training library is serving SIP2 on ${acs.host}:${acs.port}`);
      io.out('Log in as user "kiosk", password "kiosk-parol", institution "BITIG-DEMO". Ctrl+C stops it.');
      await untilStopSignal();
      await acs.close();
    });
}

async function exchange(
  io: CliIo,
  o: ConnectionOptions,
  send: (client: Sip2Client) => Promise<Sip2Response>,
) {
  const client = new Sip2Client({
    host: o.host,
    port: o.port,
    tls: o.tls ? { rejectUnauthorized: !o.tlsInsecure } : undefined,
    institutionId: o.institution,
    login: o.user ? { userId: o.user, password: o.password ?? '', locationCode: o.location } : null,
    terminalPassword: o.terminalPassword ?? '',
    location: o.location,
    encoding: o.encoding as (typeof SIP2_ENCODINGS)[number],
    errorDetection: o.errorDetection,
    terminator: o.terminator === 'crlf' ? '\r\n' : '\r',
    connectTimeoutMs: o.timeout * 1000,
    requestTimeoutMs: o.timeout * 1000,
    keepAlive: false,
    reconnect: false,
  });
  if (o.trace)
    client.on('trace', (entry) => io.err(`${entry.direction === 'sent' ? '>>' : '<<'} ${entry.text}`));
  client.on('warning', (warning) => io.err(`warning: ${warning.message}`));
  try {
    const response = await send(client);
    io.out(o.json ? JSON.stringify(toJson(response), null, 2) : describe(response));
    const refusal = refusalOf(response, o.pin !== undefined);
    if (refusal) throw new CliExit(EXIT.REFUSED, o.json ? '' : `refused: ${refusal}`);
  } catch (err) {
    if (err instanceof CliExit) throw err;
    if (err instanceof Sip2Error) {
      const code =
        err.kind === 'unreachable' || err.kind === 'timeout' || err.kind === 'closed'
          ? EXIT.UNAVAILABLE
          : EXIT.FAILURE;
      if (err.kind === 'login_refused') throw new CliExit(EXIT.REFUSED, `login refused: ${err.message}`);
      throw new CliExit(code, `${err.kind}: ${err.message}`);
    }
    throw err;
  } finally {
    await client.close();
  }
}

/** Named fields, flags as booleans, dates as ISO strings (JSON's own Date form), and the raw message. */
function toJson(r: Sip2Response) {
  return { code: r.code, name: r.name, fixed: r.fixed, fields: r.fields, unknown: r.unknown, raw: r.raw };
}

/** Why the library system said no, or null when it did not. */
export function refusalOf(r: Sip2Response, pinGiven: boolean): string | null {
  const messages = ('screenMessage' in r.fields ? (r.fields.screenMessage ?? []) : []).join(' / ');
  const because = (what: string) => (messages ? `${what}: ${messages}` : what);
  switch (r.code) {
    case '94':
      return r.fixed.ok ? null : because('login refused');
    case '12':
    case '30':
    case '10':
    case '66':
      return r.fixed.ok ? null : because('the library system refused');
    case '64':
    case '24':
      if (r.fields.validPatron === false) return because('unknown patron');
      if (pinGiven && r.fields.validPatronPassword === false) return because('wrong PIN');
      return null;
    case '36':
      return (r as Sip2Decoded<'36'>).fixed.endSession ? null : because('session not ended');
    default:
      return null;
  }
}

function describe(r: Sip2Response): string {
  const lines = [`${r.code} ${r.name}`];
  for (const [name, value] of Object.entries(r.fixed)) lines.push(`  ${name}: ${format(value)}`);
  for (const [name, value] of Object.entries(r.fields)) lines.push(`  ${name}: ${format(value)}`);
  for (const field of r.unknown) lines.push(`  ${field.id} (unknown): ${field.value}`);
  return lines.join('\n');
}

function format(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.join(', ');
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v === true)
      .map(([k]) => k)
      .join(', ');
  }
  return String(value);
}

function parseIntArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('not a whole number');
  return n;
}
