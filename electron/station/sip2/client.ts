import { EventEmitter } from 'node:events';
import { defaultTimeZone } from '../time-zone.js';
import { DEFAULT_ENCODING, decodeText, type Sip2Encoding, type Unrepresentable } from './codec/charset.js';
import { decodeResponse } from './codec/decode.js';
import { type EncodedMessage, encodeRawText, encodeRequest, type Terminator } from './codec/encode.js';
import { Sip2ProtocolError } from './codec/errors.js';
import type { RequestCode, ResponseCode, Sip2Decoded, Sip2Message, Sip2Response } from './codec/messages.js';
import { Sip2Connection } from './connection.js';
import { DEFAULT_MAX_FRAME_BYTES } from './framer.js';
import { keepAliveInterval, type TimeoutPeriodUnit } from './keep-alive.js';
import {
  type BlockPatronInput,
  blockPatronRequest,
  type CheckinInput,
  type CheckoutInput,
  checkinRequest,
  checkoutRequest,
  endPatronSessionRequest,
  type FeePaidInput,
  feePaidRequest,
  type ItemStatusUpdateInput,
  itemInformationRequest,
  itemStatusUpdateRequest,
  type LoginInput,
  loginRequest,
  type PatronInformationInput,
  type PatronInput,
  patronInformationRequest,
  patronStatusRequest,
  type RenewAllInput,
  type RenewInput,
  type RequestContext,
  renewAllRequest,
  renewRequest,
  scStatusRequest,
} from './requests.js';
import { SerialQueue } from './serial-queue.js';
import { asSip2Error, Sip2Error } from './sip2-error.js';
import { maskSecrets } from './trace.js';
import { openSocket, type Sip2TlsOptions } from './transport.js';

export interface Sip2ClientOptions {
  host: string;
  port: number;
  /** TLS (true: system roots, default checks). Plain TCP when absent. */
  tls?: Sip2TlsOptions | boolean;
  institutionId: string;
  /** The SC login (93), sent on every new connection; null for a server that needs none. */
  login: LoginInput | null;
  /** `AC`; many servers take it empty. */
  terminalPassword?: string;
  /** `AP` of checkins; default the login's location code. */
  location?: string;
  /** Language code of 63/23; default `000`. */
  language?: string;
  /** Default UTF-8. */
  encoding?: Sip2Encoding;
  /** Sequence numbers and checksums; default on. Turn off only for a server that cannot do them. */
  errorDetection?: boolean;
  /** Default CR. */
  terminator?: Terminator;
  /** Default 10 s. */
  connectTimeoutMs?: number;
  /** Per request, per attempt; default 10 s. */
  requestTimeoutMs?: number;
  /** How often to resend after a 96, and to ask for a resend (97) after a bad checksum; default 3 each. */
  maxRetries?: number;
  /**
   * 99 keep-alives while idle, every half of the 98's timeout period (see keep-alive.ts for its
   * unit), or every `intervalMs`. Default on, unit seconds.
   */
  keepAlive?: false | { intervalMs?: number; timeoutPeriodUnit?: TimeoutPeriodUnit };
  /** Reconnect and log in again in the background after a drop; default on, 0.5 s doubling to 30 s. */
  reconnect?: false | { initialDelayMs?: number; maxDelayMs?: number };
  maxFrameBytes?: number;
  /** Clock for transaction dates (tests). */
  now?: () => Date;
  /**
   * The library system's time zone: the dates it sends without a zone (nearly all) are read in it,
   * and transaction dates are written in it. Default: the machine's zone.
   */
  timeZone?: string;
}

export interface Sip2Warning {
  kind: 'unrepresentable';
  message: string;
  unrepresentable: Unrepresentable;
}

export interface Sip2TraceEntry {
  direction: 'sent' | 'received';
  /** Message text with passwords and PINs masked. */
  text: string;
}

export interface Sip2ClientEvents {
  /** A session is up: connected, logged in, status received. */
  connected: [status: Sip2Decoded<'98'>];
  disconnected: [reason: Sip2Error];
  warning: [warning: Sip2Warning];
  trace: [entry: Sip2TraceEntry];
}

/** Requests that change nothing: safe to send again on a new connection when the old one drops. */
const READ_ONLY: ReadonlySet<RequestCode> = new Set(['99', '63', '23', '17']);

type Encoder = (sequence: number | undefined) => EncodedMessage;

/** The options with every default filled in. */
type Settings = Required<Omit<Sip2ClientOptions, 'tls' | 'keepAlive' | 'reconnect' | 'location'>> & {
  tls: Sip2ClientOptions['tls'];
  keepAlive: Exclude<Sip2ClientOptions['keepAlive'], undefined>;
  reconnect: false | { initialDelayMs: number; maxDelayMs: number };
};

/**
 * A SIP2 client for one ACS: one connection, one request in flight (a queue), login and status on
 * every new connection, keep-alives while idle, reconnection after a drop. Every failure is a
 * `Sip2Error`; a reply that breaks the protocol resets the connection, so no garbage can leave it
 * out of step.
 *
 * A request that changes something (checkout, renew…) is never sent twice after a lost answer:
 * the caller gets `closed` or `timeout` and must ask item information (17) to learn what happened.
 */
export class Sip2Client {
  readonly #o: Settings;
  readonly #ctx: RequestContext;
  readonly #queue = new SerialQueue();
  readonly #events = new EventEmitter();
  #conn: Sip2Connection | null = null;
  /** A connection still logging in: close() must reach it too. */
  #opening: Sip2Connection | null = null;
  #status: Sip2Decoded<'98'> | null = null;
  #closed = false;
  #loginRefused = false;
  #keepAliveTimer: NodeJS.Timeout | null = null;
  #reconnectTimer: NodeJS.Timeout | null = null;
  #reconnectDelay = 0;

  constructor(options: Sip2ClientOptions) {
    const reconnect =
      options.reconnect === false
        ? false
        : {
            initialDelayMs: options.reconnect?.initialDelayMs ?? 500,
            maxDelayMs: options.reconnect?.maxDelayMs ?? 30_000,
          };
    this.#o = {
      host: options.host,
      port: options.port,
      tls: options.tls,
      institutionId: options.institutionId,
      login: options.login,
      terminalPassword: options.terminalPassword ?? '',
      language: options.language ?? '000',
      encoding: options.encoding ?? DEFAULT_ENCODING,
      errorDetection: options.errorDetection ?? true,
      terminator: options.terminator ?? '\r',
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
      maxRetries: options.maxRetries ?? 3,
      keepAlive: options.keepAlive ?? {},
      reconnect,
      maxFrameBytes: options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES,
      now: options.now ?? (() => new Date()),
      timeZone: options.timeZone ?? defaultTimeZone(),
    };
    this.#reconnectDelay = reconnect ? reconnect.initialDelayMs : 0;
    this.#ctx = {
      institutionId: this.#o.institutionId,
      terminalPassword: this.#o.terminalPassword,
      language: this.#o.language,
      location: options.location ?? options.login?.locationCode ?? '',
      now: this.#o.now,
    };
    // Listeners are the host's loggers and screens; any number is fine.
    this.#events.setMaxListeners(0);
  }

  /** The last ACS status (98) received, or null before the first session. */
  get status(): Sip2Decoded<'98'> | null {
    return this.#status;
  }

  /** A session is up (it may still drop before the next request). */
  get connected(): boolean {
    return this.#conn?.open === true;
  }

  on<E extends keyof Sip2ClientEvents>(
    event: E,
    listener: (...args: Sip2ClientEvents[E]) => void,
  ): () => void {
    this.#events.on(event, listener as (...args: unknown[]) => void);
    return () => this.#events.off(event, listener as (...args: unknown[]) => void);
  }

  /** Opens a session now (connect, login, status) instead of on the first request. */
  connect(): Promise<Sip2Decoded<'98'>> {
    return this.#run(async () => {
      await this.#ensureSession();
      return this.#status as Sip2Decoded<'98'>;
    });
  }

  /** Logs in again on a fresh connection and returns the 94 (any request does this when needed). */
  login(): Promise<Sip2Decoded<'94'>> {
    return this.#run(async () => {
      if (!this.#o.login) throw new TypeError('This client has no SC login configured');
      this.#conn?.destroy();
      const { login } = await this.#establish();
      return login as Sip2Decoded<'94'>;
    });
  }

  /** Sends 99 and returns the ACS status (98); also updates the keep-alive interval. */
  scStatus(): Promise<Sip2Decoded<'98'>> {
    return this.#run(async () => {
      const conn = await this.#ensureSession();
      const status = await this.#exchangeOrDrop(conn, this.#encoder(scStatusRequest()), '98');
      this.#status = status;
      return status;
    });
  }

  patronInformation(input: PatronInformationInput): Promise<Sip2Decoded<'64'>> {
    return this.#request(patronInformationRequest(this.#ctx, input), '64');
  }

  patronStatus(input: PatronInput): Promise<Sip2Decoded<'24'>> {
    return this.#request(patronStatusRequest(this.#ctx, input), '24');
  }

  checkout(input: CheckoutInput): Promise<Sip2Decoded<'12'>> {
    return this.#request(checkoutRequest(this.#ctx, input), '12');
  }

  checkin(input: CheckinInput): Promise<Sip2Decoded<'10'>> {
    return this.#request(checkinRequest(this.#ctx, input), '10');
  }

  renew(input: RenewInput): Promise<Sip2Decoded<'30'>> {
    return this.#request(renewRequest(this.#ctx, input), '30');
  }

  renewAll(input: RenewAllInput): Promise<Sip2Decoded<'66'>> {
    return this.#request(renewAllRequest(this.#ctx, input), '66');
  }

  itemInformation(itemIdentifier: string): Promise<Sip2Decoded<'18'>> {
    return this.#request(itemInformationRequest(this.#ctx, itemIdentifier), '18');
  }

  endPatronSession(input: PatronInput): Promise<Sip2Decoded<'36'>> {
    return this.#request(endPatronSessionRequest(this.#ctx, input), '36');
  }

  feePaid(input: FeePaidInput): Promise<Sip2Decoded<'38'>> {
    return this.#request(feePaidRequest(this.#ctx, input), '38');
  }

  itemStatusUpdate(input: ItemStatusUpdateInput): Promise<Sip2Decoded<'20'>> {
    return this.#request(itemStatusUpdateRequest(this.#ctx, input), '20');
  }

  blockPatron(input: BlockPatronInput): Promise<Sip2Decoded<'24'>> {
    return this.#request(blockPatronRequest(this.#ctx, input), '24');
  }

  /**
   * Sends hand-written message text (diagnostics): error detection and the terminator are added,
   * any response is accepted and decoded.
   */
  raw(text: string): Promise<Sip2Response> {
    return this.#run(async () => {
      const conn = await this.#ensureSession();
      return this.#exchangeOrDrop(
        conn,
        (sequence) => encodeRawText(text, this.#encodeOptions(sequence)),
        null,
      );
    });
  }

  /** Ends the session; requests queued or in flight fail with `closed`. */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    this.#clearTimers();
    const reason = new Sip2Error('closed', 'The client was closed');
    this.#conn?.destroy(reason);
    this.#opening?.destroy(reason);
    this.#conn = null;
    this.#opening = null;
    return Promise.resolve();
  }

  // -- internals --------------------------------------------------------------------------------

  #run<T>(task: () => Promise<T>): Promise<T> {
    return this.#queue.run(async () => {
      if (this.#closed) throw new Sip2Error('closed', 'The client was closed');
      try {
        return await task();
      } finally {
        this.#armKeepAlive();
      }
    });
  }

  #request<R extends ResponseCode>(message: Sip2Message<RequestCode>, expected: R): Promise<Sip2Decoded<R>> {
    return this.#run(async () => {
      const retryable = READ_ONLY.has(message.code);
      for (let attempt = 0; ; attempt++) {
        const conn = await this.#ensureSession();
        try {
          return (await this.#exchangeOrDrop(conn, this.#encoder(message), expected)) as Sip2Decoded<R>;
        } catch (err) {
          const error = asSip2Error(err);
          if (error.kind === 'closed' && retryable && attempt === 0 && !this.#closed) continue;
          throw error;
        }
      }
    });
  }

  #encodeOptions(sequence: number | undefined) {
    return {
      encoding: this.#o.encoding,
      errorDetection: this.#o.errorDetection,
      sequence,
      terminator: this.#o.terminator,
      timeZone: this.#o.timeZone,
    };
  }

  #encoder(message: Sip2Message<RequestCode>): Encoder {
    return (sequence) => encodeRequest(message, this.#encodeOptions(sequence));
  }

  /** The open session, or a new one: connect, log in, ask the status. */
  async #ensureSession(): Promise<Sip2Connection> {
    const conn = this.#conn;
    if (conn?.open && conn.bufferedFrames === 0) return conn;
    // Data nobody asked for means the stream is out of step: start over rather than guess.
    conn?.destroy(new Sip2Error('protocol', 'Unsolicited data from the server; connection reset'));
    return (await this.#establish()).conn;
  }

  async #establish(): Promise<{ conn: Sip2Connection; login: Sip2Decoded<'94'> | null }> {
    const socket = await openSocket({
      host: this.#o.host,
      port: this.#o.port,
      tls: this.#o.tls,
      connectTimeoutMs: this.#o.connectTimeoutMs,
    });
    const conn = new Sip2Connection(socket, this.#o.maxFrameBytes);
    this.#opening = conn;
    try {
      if (this.#closed) throw new Sip2Error('closed', 'The client was closed');
      let login: Sip2Decoded<'94'> | null = null;
      if (this.#o.login) {
        login = await this.#exchange(conn, this.#encoder(loginRequest(this.#o.login)), '94');
        if (!login.fixed.ok) {
          this.#loginRefused = true;
          throw new Sip2Error(
            'login_refused',
            `The server refused the SC login of "${this.#o.login.userId}"`,
          );
        }
      }
      const status = await this.#exchange(conn, this.#encoder(scStatusRequest()), '98');
      if (!conn.open) throw new Sip2Error('closed', 'The connection closed while logging in');
      this.#status = status;
      this.#loginRefused = false;
      this.#conn = conn;
      if (this.#o.reconnect) this.#reconnectDelay = this.#o.reconnect.initialDelayMs;
      conn.onClose((reason) => this.#onClosed(conn, reason));
      this.#events.emit('connected', status);
      return { conn, login };
    } catch (err) {
      const error = asSip2Error(err);
      conn.destroy(error);
      throw error;
    } finally {
      this.#opening = null;
    }
  }

  #onClosed(conn: Sip2Connection, reason: Sip2Error): void {
    if (this.#conn !== conn) return;
    this.#conn = null;
    this.#clearTimers();
    this.#events.emit('disconnected', reason);
    this.#scheduleReconnect();
  }

  /** An exchange whose failure (other than the connection closing by itself) resets the connection. */
  async #exchangeOrDrop<R extends ResponseCode>(
    conn: Sip2Connection,
    encode: Encoder,
    expected: R | null,
  ): Promise<Sip2Decoded<R>> {
    try {
      return await this.#exchange(conn, encode, expected);
    } catch (err) {
      const error = asSip2Error(err);
      // After a timeout a late answer could pair with the next request; after garbage nothing
      // on this stream can be trusted. A new connection is cheap. A request we could not even
      // encode (the caller's mistake) never reached the wire and leaves the stream as it was.
      if (error.kind !== 'closed' && error.reason !== 'INVALID_MESSAGE') conn.destroy(error);
      throw error;
    }
  }

  /**
   * One request and its answer, with the protocol's own recovery: resend on 96 (the server did not
   * read us), ask for a resend with 97 when the answer's checksum is wrong. Both bounded.
   */
  async #exchange<R extends ResponseCode>(
    conn: Sip2Connection,
    encode: Encoder,
    expected: R | null,
  ): Promise<Sip2Decoded<R>> {
    const sequence = this.#o.errorDetection ? conn.nextSequence() : undefined;
    const request = encode(sequence);
    if (request.unrepresentable) {
      this.#events.emit('warning', {
        kind: 'unrepresentable',
        message: request.unrepresentable.message,
        unrepresentable: request.unrepresentable,
      } satisfies Sip2Warning);
    }
    this.#send(conn, request);
    let resends = 0;
    let resendRequests = 0;
    for (;;) {
      const frame = await conn.read(this.#o.requestTimeoutMs);
      this.#trace('received', frame);
      let response: Sip2Response;
      try {
        response = decodeResponse(frame, {
          encoding: this.#o.encoding,
          errorDetection: this.#o.errorDetection,
          expectedSequence: sequence,
          timeZone: this.#o.timeZone,
        });
      } catch (err) {
        if (
          err instanceof Sip2ProtocolError &&
          err.reason === 'BAD_CHECKSUM' &&
          resendRequests < this.#o.maxRetries
        ) {
          resendRequests++;
          this.#send(conn, encodeRequest({ code: '97', fixed: {} }, this.#encodeOptions(undefined)));
          continue;
        }
        throw asSip2Error(err);
      }
      if (response.code === '96') {
        if (resends >= this.#o.maxRetries) {
          throw new Sip2Error('protocol', `The server asked for a resend ${resends + 1} times`);
        }
        resends++;
        this.#send(conn, request);
        continue;
      }
      if (expected !== null && response.code !== expected) {
        throw new Sip2Error('protocol', `Expected response ${expected}, got ${response.code}`, {
          reason: 'UNEXPECTED_CODE',
        });
      }
      return response as Sip2Decoded<R>;
    }
  }

  #send(conn: Sip2Connection, message: EncodedMessage): void {
    conn.write(message.bytes);
    if (this.#events.listenerCount('trace') > 0) {
      this.#events.emit('trace', {
        direction: 'sent',
        text: maskSecrets(message.text),
      } satisfies Sip2TraceEntry);
    }
  }

  #trace(direction: 'received', frame: Buffer): void {
    if (this.#events.listenerCount('trace') === 0) return;
    const text = decodeText(frame, this.#o.encoding).replace(/[\r\n]/g, '');
    this.#events.emit('trace', { direction, text: maskSecrets(text) } satisfies Sip2TraceEntry);
  }

  #armKeepAlive(): void {
    if (this.#keepAliveTimer) clearTimeout(this.#keepAliveTimer);
    this.#keepAliveTimer = null;
    const keepAlive = this.#o.keepAlive;
    if (this.#closed || keepAlive === false || !this.#conn?.open) return;
    const interval =
      keepAlive.intervalMs ??
      keepAliveInterval(this.#status?.fixed.timeoutPeriod ?? null, keepAlive.timeoutPeriodUnit);
    this.#keepAliveTimer = setTimeout(() => this.#keepAlive(), interval);
    this.#keepAliveTimer.unref();
  }

  #keepAlive(): void {
    this.#keepAliveTimer = null;
    // A request is queued or running: it is traffic enough, and re-arms the timer when done.
    if (this.#queue.size > 0) return;
    this.#run(async () => {
      const conn = this.#conn;
      if (!conn?.open) return;
      this.#status = await this.#exchangeOrDrop(conn, this.#encoder(scStatusRequest()), '98');
    }).catch(() => {
      // The drop is reported through `disconnected`; reconnection takes over.
    });
  }

  #scheduleReconnect(): void {
    const reconnect = this.#o.reconnect;
    if (this.#closed || !reconnect || this.#loginRefused || this.#reconnectTimer) return;
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      if (this.#closed || this.#conn?.open) return;
      this.#run(() => this.#ensureSession()).catch((err: unknown) => {
        if (this.#closed || asSip2Error(err).kind === 'login_refused') return;
        this.#reconnectDelay = Math.min(this.#reconnectDelay * 2, reconnect.maxDelayMs);
        this.#scheduleReconnect();
      });
    }, this.#reconnectDelay);
    this.#reconnectTimer.unref();
  }

  #clearTimers(): void {
    if (this.#keepAliveTimer) clearTimeout(this.#keepAliveTimer);
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    this.#keepAliveTimer = null;
    this.#reconnectTimer = null;
  }
}
