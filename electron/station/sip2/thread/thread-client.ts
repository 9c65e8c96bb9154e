import { Worker } from 'node:worker_threads';
import type { Sip2ClientOptions } from '../client.js';
import type { Sip2Decoded } from '../codec/index.js';
import type { CheckinInput, CheckoutInput, RenewInput } from '../requests.js';
import { Sip2Error } from '../sip2-error.js';
import type { ThreadMethod, ThreadReply, ThreadRequest } from './protocol.js';

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (err: Sip2Error) => void;
}

/** Options that can cross to the thread: everything but the clock, which is the thread's own. */
export type Sip2ThreadClientOptions = Omit<Sip2ClientOptions, 'now'>;

/**
 * A `Sip2Client` on a thread of its own, for the offline replay.
 *
 * SIP2 answers one request at a time, so a replay goes as fast as one round trip plus whatever
 * holds up the next request. On the engine's thread that is every commit, pick and status update
 * that happens to be running when an answer arrives (measured: a third of the replay's time when
 * the library system answers in a tenth of a millisecond). On its own thread the connection reads
 * each answer and sends the next queued request at once, while the engine records answers beside
 * it.
 *
 * The same requests and the same failures: every rejection is a `Sip2Error` of the kind and reason
 * the client on the thread gave. If the thread itself dies, requests waiting fail with `closed`,
 * which the replay treats as an attempt without an answer (resolved by item information).
 */
export class Sip2ThreadClient {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, Waiting>();
  #nextId = 1;
  #outgoing: ThreadRequest[] = [];
  #ended: Sip2Error | null = null;
  #closing: Promise<void> | null = null;

  /** `threadFile`: the built `sip2-thread.cjs` (see `sip2ThreadFile`). */
  constructor(options: Sip2ThreadClientOptions, threadFile: string) {
    this.#worker = new Worker(threadFile, { workerData: { options } });
    this.#worker.on('message', (replies: ThreadReply[]) => {
      for (const reply of replies) this.#settle(reply);
    });
    this.#worker.on('error', (err) =>
      this.#end(
        new Sip2Error('closed', `The SIP2 connection's thread failed: ${err.message}`, { cause: err }),
      ),
    );
    this.#worker.on('exit', () => this.#end(new Sip2Error('closed', "The SIP2 connection's thread ended")));
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
      if (!this.#ended) {
        await this.#call('close', []).catch(() => undefined);
        await this.#worker.terminate();
      }
      this.#end(new Sip2Error('closed', 'The client was closed'));
    })();
    return this.#closing;
  }

  #call(method: ThreadMethod | 'close', args: unknown[]): Promise<unknown> {
    if (this.#ended) return Promise.reject(this.#ended);
    if (this.#closing && method !== 'close') {
      return Promise.reject(new Sip2Error('closed', 'The client was closed'));
    }
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      // Requests leave in batches, once per turn: the claims of one commit become sendable
      // together, and the thread then takes them in one wake-up instead of one each.
      if (this.#outgoing.length === 0) setImmediate(() => this.#flush());
      this.#outgoing.push({ id, method, args });
    });
  }

  #flush(): void {
    const batch = this.#outgoing;
    this.#outgoing = [];
    if (batch.length > 0 && !this.#ended) this.#worker.postMessage(batch);
  }

  #settle(reply: ThreadReply): void {
    const waiting = this.#waiting.get(reply.id);
    if (!waiting) return;
    this.#waiting.delete(reply.id);
    if ('error' in reply) {
      waiting.reject(new Sip2Error(reply.error.kind, reply.error.message, { reason: reply.error.reason }));
    } else {
      waiting.resolve(reply.value);
    }
  }

  #end(reason: Sip2Error): void {
    this.#ended ??= reason;
    for (const waiting of this.#waiting.values()) waiting.reject(reason);
    this.#waiting.clear();
  }
}
