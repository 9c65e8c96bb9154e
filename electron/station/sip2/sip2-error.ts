import type { ProtocolReason } from './codec/errors.js';
import { Sip2ProtocolError } from './codec/errors.js';

/**
 * What went wrong talking to the library system, as a caller needs to decide what to do next:
 * - `unreachable`: no connection (refused, unknown host, TLS handshake failed, connect timeout);
 * - `timeout`: connected, sent, no answer in time (the transaction may or may not have happened);
 * - `login_refused`: the server said no to our SC login;
 * - `protocol`: an answer that breaks the protocol (garbage, bad checksum after retries, wrong code);
 * - `closed`: the connection ended under a request, or the client was closed.
 */
export type Sip2ErrorKind = 'unreachable' | 'timeout' | 'login_refused' | 'protocol' | 'closed';

export class Sip2Error extends Error {
  /** For `protocol`: the codec's reason, when the codec found the fault. */
  readonly reason: ProtocolReason | undefined;

  constructor(
    readonly kind: Sip2ErrorKind,
    message: string,
    options: { cause?: unknown; reason?: ProtocolReason } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'Sip2Error';
    this.reason =
      options.reason ?? (options.cause instanceof Sip2ProtocolError ? options.cause.reason : undefined);
  }
}

/** Any failure as a `Sip2Error`; a codec error becomes `protocol`, anything unforeseen too. */
export function asSip2Error(err: unknown): Sip2Error {
  if (err instanceof Sip2Error) return err;
  if (err instanceof Sip2ProtocolError) return new Sip2Error('protocol', err.message, { cause: err });
  return new Sip2Error(
    'protocol',
    `Unexpected failure: ${err instanceof Error ? err.message : String(err)}`,
    { cause: err },
  );
}
