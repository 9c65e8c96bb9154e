import { randomBytes } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import type { Sip2Encoding } from '../codec/charset.js';
import { decodeRequest } from '../codec/decode.js';
import { encodeResponse, type Terminator } from '../codec/encode.js';
import type { Sip2Request } from '../codec/messages.js';
import { Framer } from '../framer.js';
import type { Fault, FaultQueue } from './faults.js';
import type { AcsSession, Responder } from './responder.js';

export interface AcsServerOptions {
  host: string;
  port: number;
  encoding: Sip2Encoding;
  /** Require `AY`/`AZ` on every request (a bad or missing one is answered 96) and send them back. */
  errorDetection: boolean;
  terminator: Terminator;
  /** The library's zone, for the dates of fixed fields. */
  timeZone: string;
  /** Serve TLS with this certificate instead of plain TCP. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  responder: Responder;
  faults: FaultQueue;
}

interface Connection extends AcsSession {
  socket: net.Socket;
  /** The last request applied (as text), and the bytes answered: for 97 and for retries. */
  lastRequest: string | null;
  lastResponse: Buffer | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The test ACS's network side: one session per connection, requests handled in order, the
 * protocol's checks (checksum, sequence echo, login first), 96/97, and injected faults.
 */
export class AcsServer {
  readonly #options: AcsServerOptions;
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  /** Codes of the requests received, in order (tests assert on keep-alives, 97s…). */
  readonly received: string[] = [];

  constructor(options: AcsServerOptions) {
    this.#options = options;
    const onSocket = (socket: net.Socket) => this.#accept(socket);
    this.#server = options.tls
      ? tls.createServer({ cert: options.tls.cert, key: options.tls.key }, onSocket)
      : net.createServer(onSocket);
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#options.port, this.#options.host, () => {
        this.#server.off('error', reject);
        resolve((this.#server.address() as net.AddressInfo).port);
      });
    });
  }

  /** Stops listening and drops every connection (what a crash looks like to the SC). */
  close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  /** Drops every open connection but keeps listening. */
  dropConnections(): void {
    for (const socket of this.#sockets) socket.destroy();
  }

  get connections(): number {
    return this.#sockets.size;
  }

  #accept(socket: net.Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    // A reset by the client is normal here (tests kill connections on purpose).
    socket.on('error', () => undefined);
    const conn: Connection = { socket, loggedIn: false, location: '', lastRequest: null, lastResponse: null };
    const framer = new Framer();
    let chain = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      const { frames, overflow } = framer.push(chunk);
      for (const frame of frames) {
        chain = chain
          .then(() => this.#handle(conn, frame))
          .catch(() => {
            socket.destroy();
          });
      }
      if (overflow) socket.destroy();
    });
  }

  async #handle(conn: Connection, frame: Buffer): Promise<void> {
    const { socket } = conn;
    if (socket.destroyed) return;
    const o = this.#options;
    let request: Sip2Request;
    try {
      request = decodeRequest(frame, {
        encoding: o.encoding,
        errorDetection: o.errorDetection,
        timeZone: o.timeZone,
      });
    } catch {
      // Could not read it (bad checksum, no AY/AZ, garbage): ask the SC to send it again.
      conn.lastRequest = null;
      this.#write(socket, this.#resendRequest());
      return;
    }
    this.received.push(request.code);

    if (request.code === '97') {
      await this.#deliver(conn, conn.lastResponse ?? this.#resendRequest(), o.faults.take('97'));
      return;
    }
    const key = frame.toString('latin1').trim();
    // The same bytes again, same AY and AZ: the SC's retry of a request already applied, so answer
    // again without applying it twice (FOLIO does the same).
    if (o.errorDetection && key === conn.lastRequest && conn.lastResponse) {
      this.#write(socket, conn.lastResponse);
      return;
    }
    if (!conn.loggedIn && request.code !== '93' && request.code !== '99') {
      socket.destroy();
      return;
    }
    const fault = o.faults.take(request.code);
    if (fault?.kind === 'resend') {
      conn.lastRequest = null;
      this.#write(socket, this.#resendRequest());
      return;
    }
    if (fault?.kind === 'drop' && fault.when === 'before') {
      socket.destroy();
      return;
    }
    const response = o.responder.respond(request, conn);
    if (!response) return;
    const bytes = encodeResponse(response, {
      encoding: o.encoding,
      errorDetection: o.errorDetection,
      sequence: request.sequence ?? undefined,
      terminator: o.terminator,
      timeZone: o.timeZone,
    }).bytes;
    conn.lastRequest = key;
    conn.lastResponse = bytes;
    await this.#deliver(conn, bytes, fault);
  }

  async #deliver(conn: Connection, bytes: Buffer, fault: Fault | null): Promise<void> {
    const { socket } = conn;
    switch (fault?.kind) {
      case 'drop':
        socket.destroy();
        return;
      case 'delay':
        await sleep(fault.ms);
        break;
      case 'garbage':
        this.#write(socket, Buffer.concat([fault.bytes ?? garbage(), Buffer.from('\r')]));
        return;
      case 'badChecksum':
        this.#write(socket, corruptChecksum(bytes));
        return;
      case 'resend':
        this.#write(socket, this.#resendRequest());
        return;
    }
    this.#write(socket, bytes);
  }

  #resendRequest(): Buffer {
    const o = this.#options;
    return encodeResponse(
      { code: '96', fixed: {} },
      { encoding: o.encoding, errorDetection: o.errorDetection, terminator: o.terminator },
    ).bytes;
  }

  #write(socket: net.Socket, bytes: Buffer): void {
    if (!socket.destroyed) socket.write(bytes);
  }
}

/** Random bytes with no CR in them, so the SC gets exactly one frame of junk. */
function garbage(): Buffer {
  const bytes = randomBytes(1 + Math.floor(Math.random() * 64));
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0d) bytes[i] = 0x2a;
  return bytes;
}

/** The same message with a different `AZ`; unchanged when it has none (error detection off). */
function corruptChecksum(bytes: Buffer): Buffer {
  const at = bytes.lastIndexOf('AZ');
  if (at < 0 || at + 6 > bytes.length) return bytes;
  const copy = Buffer.from(bytes);
  const value = Number.parseInt(copy.toString('latin1', at + 2, at + 6), 16);
  copy.write(((value ^ 0x0f0f) & 0xffff).toString(16).toUpperCase().padStart(4, '0'), at + 2, 'latin1');
  return copy;
}
