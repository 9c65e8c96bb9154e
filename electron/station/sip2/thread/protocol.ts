import type { ProtocolReason } from '../codec/errors.js';
import type { Sip2ErrorKind } from '../sip2-error.js';

/**
 * The messages between `Sip2ThreadClient` and its thread (`sip2-thread.ts`). A request names a
 * method of `Sip2Client` and carries its arguments; a reply carries the decoded answer or the
 * error's parts, because an Error subclass loses its own fields in the structured clone.
 */
export const THREAD_METHODS = [
  'connect',
  'scStatus',
  'checkout',
  'checkin',
  'renew',
  'itemInformation',
] as const;
export type ThreadMethod = (typeof THREAD_METHODS)[number];

export interface ThreadRequest {
  id: number;
  method: ThreadMethod | 'close';
  args: unknown[];
}

export interface ThreadError {
  kind: Sip2ErrorKind;
  message: string;
  reason: ProtocolReason | undefined;
}

export type ThreadReply = { id: number; value: unknown } | { id: number; error: ThreadError };

/** Posted by the thread once its client exists: before this, a failure means nothing was sent. */
export const THREAD_READY = 'ready';

/** What the thread posts: a batch of replies, or that it is ready. */
export type ThreadMessage = ThreadReply[] | typeof THREAD_READY;
