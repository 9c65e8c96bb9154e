import { Worker } from 'node:worker_threads';
import type { Sip2ClientOptions } from '../client.js';
import type { Sip2Decoded } from '../codec/messages.js';
import type { CheckinInput, CheckoutInput, RenewInput } from '../requests.js';
import { Sip2Error } from '../sip2-error.js';
import {
  THREAD_READY,
  type ThreadMessage,
  type ThreadMethod,
  type ThreadReply,
  type ThreadRequest,
} from './protocol.js';

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (err: Sip2Error) => void;
}

/** Options that can cross to the thread: everything but the clock, which is the thread's own. */
export type Sip2ThreadClientOptions = Omit<Sip2ClientOptions, 'now'>;

/** One thread and what it was asked; replaced when it ends. */
interface Thread {
  worker: Worker;
  /** Its client exists: a request posted since may have reached the library system. */
  ready: boolean;
  waiting: Map<number, Waiting>;
  outgoing: ThreadRequest[];
}

/**
 * A `Sip2Client` on a thread of its own, for the offline replay.
 *
 * SIP2 answers one request at a time, so a replay goes as fast as one round trip plus whatever
 * holds up the next request. On the engine's thread that is every commit, pick and status update
 * that happens to be running when an answer arrives. On its own thread the connection reads each
 * answer and sends the next queued request at once, while the engine records answers beside it.
 *
 * The same requests and the same failures: every rejection is a `Sip2Error` of the kind and reason
 * the client on the thread gave. If the thread itself ends, the requests it was given fail as
 * `closed` (an attempt without an answer: the replay asks item information), or as `unreachable`
 * if it ended before its client existed (nothing was sent); the next request starts a new thread.
 */
export class Sip2ThreadClient {
  readonly #options: Sip2ThreadClientOptions;
  readonly #threadFile: string;
  #thread: Thread | null = null;
  #nextId = 1;
  #closed = false;
  #closing: Promise<void> | null = null;

  /** `threadFile`: the built `sip2-thread.cjs` (see `sip2ThreadFile`). */
  constructor(options: Sip2ThreadClientOptions, threadFile: string) {
    this.#options = options;
    this.#threadFile = threadFile;
  }

  connect(): Promise<Sip2Decoded<'98'>> {
    return this.#call('connect', []) as Promise<Sip2Decoded<'98'>>;
  }

  scStatus(): Promise<Sip2Decoded<'98'>> {
    return this.#call('scStatus', []) as Promise<Sip2Decoded<'98'>>;
  }

  checkout(input: CheckoutInput): Promise<Sip2Decoded<'12'>> {
    return this.#call('checkout', [input]) as Promise<Sip2Decoded<'12'>>;
  }

  checkin(input: CheckinInput): Promise<Sip2Decoded<'10'>> {
    return this.#call('checkin', [input]) as Promise<Sip2Decoded<'10'>>;
  }

  renew(input: RenewInput): Promise<Sip2Decoded<'30'>> {
    return this.#call('renew', [input]) as Promise<Sip2Decoded<'30'>>;
  }

  itemInformation(itemIdentifier: string): Promise<Sip2Decoded<'18'>> {
    return this.#call('itemInformation', [itemIdentifier]) as Promise<Sip2Decoded<'18'>>;
  }

  /** Ends the session and the thread; requests queued or in flight fail with `closed`. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#closed = true;
      const thread = this.#thread;
      if (!thread) return;
      await this.#post(thread, 'close', []).catch(() => undefined);
      await thread.worker.terminate();
      this.#end(thread, new Sip2Error('closed', 'The client was closed'));
    })();
    return this.#closing;
  }

  #call(method: ThreadMethod, args: unknown[]): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Sip2Error('closed', 'The client was closed'));
    this.#thread ??= this.#start();
    return this.#post(this.#thread, method, args);
  }

  #post(thread: Thread, method: ThreadMethod | 'close', args: unknown[]): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      thread.waiting.set(id, { resolve, reject });
      // Requests leave in batches, once per turn: the claims of one commit become sendable
      // together, and the thread then takes them in one wake-up instead of one each.
      if (thread.outgoing.length === 0) setImmediate(() => this.#flush(thread));
      thread.outgoing.push({ id, method, args });
    });
  }

  #flush(thread: Thread): void {
    const batch = thread.outgoing;
    thread.outgoing = [];
    if (batch.length > 0 && this.#thread === thread) thread.worker.postMessage(batch);
  }

  #start(): Thread {
    const thread: Thread = {
      worker: new Worker(this.#threadFile, { workerData: { options: this.#options } }),
      ready: false,
      waiting: new Map(),
      outgoing: [],
    };
    thread.worker.on('message', (message: ThreadMessage) => {
      if (message === THREAD_READY) thread.ready = true;
      else for (const reply of message) this.#settle(thread, reply);
    });
    thread.worker.on('error', (err) => this.#end(thread, this.#ended(thread, err.message, err)));
    thread.worker.on('exit', (code) => this.#end(thread, this.#ended(thread, `exit code ${code}`)));
    return thread;
  }

  #ended(thread: Thread, detail: string, cause?: unknown): Sip2Error {
    return thread.ready
      ? new Sip2Error('closed', `The SIP2 connection's thread ended (${detail})`, { cause })
      : new Sip2Error('unreachable', `The SIP2 connection's thread could not start (${detail})`, { cause });
  }

  #settle(thread: Thread, reply: ThreadReply): void {
    const waiting = thread.waiting.get(reply.id);
    if (!waiting) return;
    thread.waiting.delete(reply.id);
    if ('error' in reply) {
      waiting.reject(new Sip2Error(reply.error.kind, reply.error.message, { reason: reply.error.reason }));
    } else {
      waiting.resolve(reply.value);
    }
  }

  /** The thread is gone: what it was given fails with `reason`; the next request starts another. */
  #end(thread: Thread, reason: Sip2Error): void {
    if (this.#thread === thread) this.#thread = null;
    for (const waiting of thread.waiting.values()) waiting.reject(reason);
    thread.waiting.clear();
    thread.outgoing = [];
  }
}
