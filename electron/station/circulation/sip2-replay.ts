import type { ItemReason, Sip2Settings } from '../contract/index.js';
import { Sip2Client } from '../sip2/client.js';
import { sip2ClientOptions } from '../sip2/client-from-settings.js';
import { CIRCULATION_STATUS } from '../sip2/codec/constants.js';
import { parseDueDate } from '../sip2/codec/dates.js';
import type { Sip2Decoded } from '../sip2/codec/messages.js';
import type { CheckinInput, CheckoutInput, RenewInput } from '../sip2/requests.js';
import { Sip2Error } from '../sip2/sip2-error.js';
import { Sip2ThreadClient } from '../sip2/thread/thread-client.js';
import type { OutboxRow } from '../store/outbox.js';
import { SIP2_TARGET, Sip2TransactionPayload } from '../sync/sip2-payload.js';
import { DeliveryError, type Resolution, type SyncTarget } from '../sync/target.js';
import { reasonFromItem } from './sip2-library.js';

/**
 * Rows in flight per target with one connection: SIP2 answers one request at a time, so this is
 * how many wait in the connection's queue. Deep enough that claims and answers share commits, and
 * that the connection's thread still has requests queued while the engine commits the next claims
 * (64 left it waiting a sixth of the time when the library system answers at once). A connection
 * that drops fails only the request on the wire as unanswered; the queued ones wait for the next.
 */
export const SIP2_REPLAY_CONCURRENCY = 128;

/** What the replay needs of a SIP2 client (`Sip2Client` has it all). */
export interface Sip2ReplayClient {
  scStatus(): Promise<Sip2Decoded<'98'>>;
  checkout(input: CheckoutInput): Promise<Sip2Decoded<'12'>>;
  checkin(input: CheckinInput): Promise<Sip2Decoded<'10'>>;
  renew(input: RenewInput): Promise<Sip2Decoded<'30'>>;
  itemInformation(itemIdentifier: string): Promise<Sip2Decoded<'18'>>;
  close(): Promise<void>;
}

/** What the library system decided about one replayed transaction: the row's `outcome`. */
export interface Sip2ReplayOutcome {
  action: Sip2TransactionPayload['action'];
  /** The library system recorded it. A refusal is a decision too, for the staff report. */
  accepted: boolean;
  /** The due date the library system gave (checkout/renew), ISO. */
  dueDate: string | null;
  promisedDueDate: string | null;
  /** Accepted, and the library system's due date is not the one the patron was promised. */
  dueDateChanged: boolean;
  /** The library system's own words (AF). */
  screenMessages: string[];
  /** For a refusal: why, as the kiosk's reason codes have it (from the item's state). */
  reason: ItemReason | null;
  title: string | null;
  /** A return that needs staff (on hold for someone, another branch's book). */
  alert: boolean;
  /** `answer`: the reply to the replay; `item-information`: an unanswered attempt found done. */
  confirmedBy: 'answer' | 'item-information';
}

/** What was seen just before a renewal was sent: its `checked_before`. */
export interface Sip2CheckedBefore {
  circulationStatus: string;
  dueDate: string | null;
}

export interface Sip2ReplayTargetOptions {
  /** One or more connections; rows of different items share them, the least busy first. */
  clients: readonly Sip2ReplayClient[];
  /** Default `sip2`. */
  name?: string;
  /** The library system's zone (the station's): its dates without a zone are read in it. */
  timeZone?: string;
}

const CHARGED: ReadonlySet<string> = new Set([
  CIRCULATION_STATUS.CHARGED,
  CIRCULATION_STATUS.CHARGED_NOT_TO_BE_RECALLED,
  CIRCULATION_STATUS.RECALLED,
]);

/**
 * Replays offline circulation to the library system over SIP2, the protocol's way: `no block = Y`,
 * the original transaction date, the promised due date as `nb due date` (a return carries its own
 * date as the return date). Whatever the library system decides is recorded; a refusal is a
 * decision, not an error.
 *
 * An attempt without an answer is judged by item information (17) alone: a checkout took effect if
 * the item is now on loan with the promised due date, a return if it is no longer on loan, a
 * renewal if its due date moved past the one seen just before it was sent. Nothing that may
 * have happened is sent again, and a replayed checkout never asks for a renewal (`SC renewal
 * policy = N`): a second checkout of the same loan is refused rather than renewing it.
 */
export class Sip2ReplayTarget implements SyncTarget {
  readonly name: string;
  readonly #clients: Array<{ client: Sip2ReplayClient; busy: number }>;
  readonly #timeZone: string | undefined;

  constructor(options: Sip2ReplayTargetOptions) {
    if (options.clients.length === 0) throw new Error('The SIP2 replay needs at least one client');
    this.name = options.name ?? SIP2_TARGET;
    this.#timeZone = options.timeZone;
    this.#clients = options.clients.map((client) => ({ client, busy: 0 }));
  }

  async probe(): Promise<boolean> {
    try {
      const status = await this.#use((c) => c.scStatus());
      return status.fixed.onlineStatus;
    } catch {
      return false;
    }
  }

  async prepare(row: OutboxRow): Promise<Sip2CheckedBefore | undefined> {
    const payload = parsePayload(row);
    if (payload.action !== 'renew') return undefined;
    const item = await this.#use((c) => c.itemInformation(payload.itemId));
    return {
      circulationStatus: item.fixed.circulationStatus,
      dueDate: parseDueDate(item.fields.dueDate, this.#timeZone),
    };
  }

  async deliver(row: OutboxRow): Promise<Sip2ReplayOutcome> {
    const p = parsePayload(row);
    const at = new Date(row.eventTime);
    const promised = p.promisedDueDate === null ? null : new Date(p.promisedDueDate);
    if (p.action === 'checkin') {
      const r = await this.#use((c) =>
        c.checkin({ itemIdentifier: p.itemId, noBlock: true, transactionDate: at, returnDate: at }),
      );
      return {
        ...this.#base(p, r.fields.screenMessage, r.fields.titleIdentifier),
        accepted: r.fixed.ok,
        alert: r.fixed.alert,
        reason: r.fixed.ok ? null : await this.#reason(p, r.fields.screenMessage ?? []),
      };
    }
    const input = {
      patronIdentifier: p.patronId ?? '',
      itemIdentifier: p.itemId,
      noBlock: true,
      transactionDate: at,
      nbDueDate: promised,
    };
    const r =
      p.action === 'checkout'
        ? await this.#use((c) => c.checkout({ ...input, scRenewalPolicy: false }))
        : await this.#use((c) => c.renew(input));
    const dueDate = r.fixed.ok ? parseDueDate(r.fields.dueDate, this.#timeZone) : null;
    return {
      ...this.#base(p, r.fields.screenMessage, r.fields.titleIdentifier),
      accepted: r.fixed.ok,
      dueDate,
      dueDateChanged: r.fixed.ok && dueChanged(dueDate, p.promisedDueDate),
      reason: r.fixed.ok ? null : await this.#reason(p, r.fields.screenMessage ?? []),
    };
  }

  async resolve(row: OutboxRow): Promise<Resolution> {
    const p = parsePayload(row);
    const item = await this.#use((c) => c.itemInformation(p.itemId));
    const charged = CHARGED.has(item.fixed.circulationStatus);
    const due = parseDueDate(item.fields.dueDate, this.#timeZone);
    const tookEffect = (dueDate: string | null): Resolution => ({
      verdict: 'took_effect',
      outcome: {
        ...this.#base(p, undefined, item.fields.titleIdentifier),
        accepted: true,
        dueDate,
        dueDateChanged: dueChanged(dueDate, p.promisedDueDate),
        confirmedBy: 'item-information',
      } satisfies Sip2ReplayOutcome,
    });
    switch (p.action) {
      case 'checkin':
        return charged ? { verdict: 'not_taken' } : tookEffect(null);
      case 'checkout':
        if (!charged) return { verdict: 'not_taken' };
        if (p.promisedDueDate === null || (due !== null && sameSecond(due, p.promisedDueDate))) {
          return tookEffect(due);
        }
        // On loan, but not with the due date we sent: someone else's loan, or a server that ignores
        // `nb due date`. Sending it again could lend it twice; staff decide.
        return {
          verdict: 'unknown',
          detail: `the item is on loan, due ${due ?? '(no date)'}, not on the promised ${p.promisedDueDate}`,
        };
      case 'renew': {
        const before = checkedBefore(row.checkedBefore);
        if (!before?.dueDate) {
          return { verdict: 'unknown', detail: 'the due date before the renewal was not recorded' };
        }
        if (!charged) return { verdict: 'not_taken' };
        if (due !== null && Date.parse(due) >= Date.parse(before.dueDate) + 1000) return tookEffect(due);
        // A renewal that promised no later date than the loan had (renewed the day it was lent)
        // leaves the due date where it was whether or not it took effect: sending it again could
        // renew twice.
        if (p.promisedDueDate !== null && Date.parse(p.promisedDueDate) < Date.parse(before.dueDate) + 1000) {
          return {
            verdict: 'unknown',
            detail: `the renewal promised ${p.promisedDueDate}, no later than the due date it had (${before.dueDate}): whether it took effect cannot be seen`,
          };
        }
        return { verdict: 'not_taken' };
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.#clients.map(({ client }) => client.close()));
  }

  #base(
    p: Sip2TransactionPayload,
    screenMessages: string[] | undefined,
    title: string | undefined,
  ): Sip2ReplayOutcome {
    return {
      action: p.action,
      accepted: false,
      dueDate: null,
      promisedDueDate: p.promisedDueDate,
      dueDateChanged: false,
      screenMessages: screenMessages ?? [],
      reason: null,
      title: title || null,
      alert: false,
      confirmedBy: 'answer',
    };
  }

  /** A refusal's reason from the item's state; the refusal stands even if that question fails. */
  async #reason(p: Sip2TransactionPayload, messages: string[]): Promise<ItemReason> {
    try {
      const item = await this.#use((c) => c.itemInformation(p.itemId));
      return reasonFromItem(p.action, item, messages);
    } catch {
      return 'REFUSED';
    }
  }

  /** Runs a request on the least busy connection, turning SIP2 failures into delivery errors. */
  async #use<T>(fn: (client: Sip2ReplayClient) => Promise<T>): Promise<T> {
    const slot = this.#clients.reduce((a, b) => (b.busy < a.busy ? b : a));
    slot.busy++;
    try {
      return await fn(slot.client);
    } catch (err) {
      throw asDeliveryError(err);
    } finally {
      slot.busy--;
    }
  }
}

/**
 * Replay connections, set up as the kiosk connects (sip2/client-from-settings.ts), each on a
 * thread of its own when given the built SIP2 thread (`sip2/thread/`: the next request leaves as
 * soon as an answer arrives, whatever the engine is doing), else on this thread.
 */
export function sip2ReplayClients(
  settings: Sip2Settings,
  password: string | null,
  how: { connections?: number; threadFile: string | null; timeZone?: string },
): Sip2ReplayClient[] {
  const { connections = 1, threadFile } = how;
  // The engine probes and pauses by itself; a background reconnection would only duplicate it.
  const options = sip2ClientOptions(settings, password, {
    reconnect: false,
    ...(how.timeZone ? { timeZone: how.timeZone } : {}),
  });
  return Array.from({ length: Math.max(1, connections) }, () =>
    threadFile ? new Sip2ThreadClient(options, threadFile) : new Sip2Client(options),
  );
}

function parsePayload(row: OutboxRow): Sip2TransactionPayload {
  const parsed = Sip2TransactionPayload.safeParse(row.payload);
  if (!parsed.success) {
    throw new DeliveryError('permanent', `Not a SIP2 transaction: ${parsed.error.issues[0]?.message ?? ''}`);
  }
  // Only done rows are blanked; one sent again (by staff) must not reach the library with no patron.
  if (parsed.data.action !== 'checkin' && parsed.data.patronId === null) {
    throw new DeliveryError('permanent', 'The card number of this transaction was blanked after it was done');
  }
  return parsed.data;
}

function checkedBefore(value: unknown): Sip2CheckedBefore | null {
  if (typeof value !== 'object' || value === null) return null;
  const dueDate = (value as { dueDate?: unknown }).dueDate;
  const status = (value as { circulationStatus?: unknown }).circulationStatus;
  return {
    dueDate: typeof dueDate === 'string' ? dueDate : null,
    circulationStatus: typeof status === 'string' ? status : '',
  };
}

/** SIP2 failures as the engine sees them: was anything sent, and may it have taken effect? */
export function asDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof Sip2Error) {
    switch (err.kind) {
      case 'unreachable':
      case 'login_refused':
        return new DeliveryError('unreachable', err.message, { cause: err });
      case 'protocol':
        // Our own request could not be written: nothing went out, and it never will.
        if (err.reason === 'INVALID_MESSAGE')
          return new DeliveryError('permanent', err.message, { cause: err });
        return new DeliveryError('ambiguous', err.message, { cause: err });
      case 'timeout':
      case 'closed':
        return new DeliveryError('ambiguous', err.message, { cause: err });
    }
  }
  return new DeliveryError('ambiguous', (err as Error)?.message ?? String(err), { cause: err });
}

/** SIP2 dates carry whole seconds. */
function sameSecond(a: string, b: string): boolean {
  return Math.floor(Date.parse(a) / 1000) === Math.floor(Date.parse(b) / 1000);
}

function dueChanged(given: string | null, promised: string | null): boolean {
  return given !== null && promised !== null && !sameSecond(given, promised);
}
