import fs from 'node:fs';
import { defaultTimeZone } from '../../time-zone.js';
import { DEFAULT_ENCODING, type Sip2Encoding } from '../codec/charset.js';
import type { Terminator } from '../codec/encode.js';
import { type Fault, FaultQueue } from './faults.js';
import { Library } from './library.js';
import { Responder } from './responder.js';
import {
  DEMO_SEED,
  type LibrarySeed,
  type LibraryState,
  readStateFile,
  stateFromSeed,
  writeStateFile,
} from './seed.js';
import { AcsServer } from './server.js';

export type { Fault } from './faults.js';
export { formatAmount, Library } from './library.js';
export type { ItemRecord, LibrarySeed, LibraryState, PatronRecord } from './seed.js';
export { DEMO_SEED } from './seed.js';

export interface TestAcsOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The library to start from: a seed object or the path of a seed JSON file; default the demo library. */
  seed?: LibrarySeed | string;
  /** Where to keep state across restarts; when it exists, it wins over the seed. */
  stateFile?: string;
  encoding?: Sip2Encoding;
  /** Default on. */
  errorDetection?: boolean;
  terminator?: Terminator;
  /** The 98's timeout period, in seconds; default 60. */
  timeoutPeriod?: number;
  /** Serve TLS with this certificate. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  now?: () => Date;
  /** The library's time zone: loans end at the end of its day, dates are sent in its local time. */
  timeZone?: string;
}

export interface TestAcs {
  host: string;
  port: number;
  /** The library: look up patrons and items to see what a transaction did. */
  state: Library;
  /** Request codes received, in order. */
  received: readonly string[];
  injectFault(fault: Fault): void;
  clearFaults(): void;
  /** Drops every open connection but keeps serving. */
  dropConnections(): void;
  /** Open SC connections. */
  readonly connections: number;
  close(): Promise<void>;
}

/**
 * Starts the test library system: a SIP2 ACS over TCP (or TLS) with the demo library or another seed,
 * for tests, demos and trying a kiosk without a real library system.
 */
export async function startTestAcs(options: TestAcsOptions = {}): Promise<TestAcs> {
  const now = options.now ?? (() => new Date());
  const timeZone = options.timeZone ?? defaultTimeZone();
  const host = options.host ?? '127.0.0.1';
  const state = loadState(options, now(), timeZone);
  const stateFile = options.stateFile;
  const library = new Library(state, {
    timeZone,
    onChange: stateFile ? () => writeStateFile(stateFile, library.data) : undefined,
  });
  if (stateFile) writeStateFile(stateFile, library.data);
  const faults = new FaultQueue();
  const server = new AcsServer({
    host,
    port: options.port ?? 0,
    encoding: options.encoding ?? DEFAULT_ENCODING,
    errorDetection: options.errorDetection ?? true,
    terminator: options.terminator ?? '\r',
    timeZone,
    tls: options.tls,
    responder: new Responder(library, {
      timeoutPeriod: options.timeoutPeriod ?? 60,
      retriesAllowed: 3,
      now,
      timeZone,
    }),
    faults,
  });
  const port = await server.listen();
  return {
    host,
    port,
    state: library,
    received: server.received,
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    dropConnections: () => server.dropConnections(),
    get connections() {
      return server.connections;
    },
    close: () => server.close(),
  };
}

function loadState(options: TestAcsOptions, now: Date, timeZone: string): LibraryState {
  const saved = options.stateFile ? readStateFile(options.stateFile) : null;
  if (saved) return saved;
  const seed =
    typeof options.seed === 'string'
      ? (JSON.parse(fs.readFileSync(options.seed, 'utf8')) as LibrarySeed)
      : (options.seed ?? DEMO_SEED);
  return stateFromSeed(seed, now, timeZone);
}
