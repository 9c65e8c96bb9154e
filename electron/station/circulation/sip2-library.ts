import type {
  Account,
  Hold,
  ItemOutcome,
  ItemReason,
  KioskAction,
  Loan,
  Sip2Settings,
} from '../contract/index.js';
import { StationError } from '../errors.js';
import { Sip2Client } from '../sip2/client.js';
import { sip2ClientOptions } from '../sip2/client-from-settings.js';
import { CIRCULATION_STATUS } from '../sip2/codec/constants.js';
import { parseDueDate } from '../sip2/codec/dates.js';
import type { Sip2Decoded } from '../sip2/codec/messages.js';
import { Sip2Error } from '../sip2/sip2-error.js';
import { type LibrarySystem, LibraryUnreachable, type PatronCredentials } from './library-system.js';

/** Item lists longer than this are cut: each entry costs an item-information round trip. */
const MAX_LISTED_ITEMS = 40;

export interface Sip2LibraryOptions {
  settings: Sip2Settings;
  password: string | null;
  /** Called whenever the library system is found reachable or not. */
  onReachability?: (online: boolean) => void;
  /** Connection retries happen in the background; the kiosk itself never waits on them. */
  reconnect?: boolean;
  /** The library system's zone (the station's): its dates without a zone are read in it. */
  timeZone?: string;
}

/** The kiosk's library system over SIP2: turns the kiosk's questions into SIP2 messages and back. */
export class Sip2Library implements LibrarySystem {
  readonly #client: Sip2Client;
  readonly #onReachability: (online: boolean) => void;
  readonly #timeZone: string | undefined;

  constructor(options: Sip2LibraryOptions) {
    const s = options.settings;
    this.#onReachability = options.onReachability ?? (() => {});
    this.#timeZone = options.timeZone;
    this.#client = new Sip2Client(
      sip2ClientOptions(s, options.password, {
        ...(options.reconnect === false ? { reconnect: false } : {}),
        ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      }),
    );
    this.#client.on('connected', () => this.#onReachability(true));
    this.#client.on('disconnected', () => this.#onReachability(false));
  }

  async probe(): Promise<boolean> {
    try {
      await this.#client.scStatus();
      this.#onReachability(true);
      return true;
    } catch {
      this.#onReachability(false);
      return false;
    }
  }

  /** For the admin screen's "test connection": the status answer itself. */
  status(): Promise<Sip2Decoded<'98'>> {
    return this.#client.connect();
  }

  async identify(patronId: string, pin: string | undefined) {
    const info = await this.#call(() =>
      this.#client.patronInformation({ patronIdentifier: patronId, patronPassword: pin, summary: null }),
    );
    const screenMessages = info.fields.screenMessage ?? [];
    if (info.fields.validPatron === false) {
      throw new StationError(
        'PATRON_UNKNOWN',
        'The library system does not know this card.',
        undefined,
        screenMessages,
      );
    }
    if (pin !== undefined && info.fields.validPatronPassword === false) {
      throw new StationError('PIN_WRONG', 'The PIN does not match this card.', undefined, screenMessages);
    }
    const status = info.fixed.patronStatus;
    if (status.cardReportedLost || (status.chargePrivilegesDenied && status.renewalPrivilegesDenied)) {
      throw new StationError('PATRON_BLOCKED', 'This card is blocked.', undefined, screenMessages);
    }
    return {
      name: info.fields.personalName ?? '',
      screenMessages,
      pinValid: info.fields.validPatronPassword ?? null,
      offline: false,
    };
  }

  async account(patronId: string, pin: string | undefined): Promise<Account> {
    const base = { patronIdentifier: patronId, patronPassword: pin };
    const charged = await this.#call(() =>
      this.#client.patronInformation({ ...base, summary: 'chargedItems' }),
    );
    const holds = await this.#call(() => this.#client.patronInformation({ ...base, summary: 'holdItems' }));
    const now = Date.now();
    const loans: Loan[] = [];
    for (const itemId of (charged.fields.chargedItems ?? []).slice(0, MAX_LISTED_ITEMS)) {
      const item = await this.#call(() => this.#client.itemInformation(itemId));
      const due = parseDueDate(item.fields.dueDate, this.#timeZone);
      loans.push({
        itemId,
        title: item.fields.titleIdentifier ?? itemId,
        dueDate: due,
        overdue: due !== null && Date.parse(due) < now,
      });
    }
    const holdList: Hold[] = [];
    for (const itemId of (holds.fields.holdItems ?? []).slice(0, MAX_LISTED_ITEMS)) {
      const item = await this.#call(() => this.#client.itemInformation(itemId));
      holdList.push({
        itemId,
        title: item.fields.titleIdentifier ?? itemId,
        ready: item.fixed.circulationStatus === CIRCULATION_STATUS.WAITING_ON_HOLD_SHELF,
      });
    }
    const amount = charged.fields.feeAmount?.trim();
    return {
      name: charged.fields.personalName ?? '',
      loans,
      holds: holdList,
      fines: amount && Number(amount) !== 0 ? { amount, currency: charged.fields.currencyType ?? '' } : null,
      screenMessages: charged.fields.screenMessage ?? [],
    };
  }

  async transact(
    action: KioskAction,
    itemId: string,
    patron: PatronCredentials | null,
  ): Promise<ItemOutcome> {
    try {
      if (action === 'checkin') {
        const r = await this.#client.checkin({ itemIdentifier: itemId });
        this.#onReachability(true);
        return {
          action,
          itemId,
          ok: r.fixed.ok,
          title: r.fields.titleIdentifier || null,
          dueDate: null,
          reason: r.fixed.ok ? null : await this.#reason(action, itemId, r.fields.screenMessage ?? []),
          screenMessages: r.fields.screenMessage ?? [],
          security: r.fixed.ok && r.fixed.resensitize ? 'resensitize' : null,
          pending: false,
        };
      }
      if (!patron) throw new StationError('NO_SESSION', 'No patron is identified.');
      const input = { patronIdentifier: patron.patronId, patronPassword: patron.pin, itemIdentifier: itemId };
      const r = action === 'checkout' ? await this.#client.checkout(input) : await this.#client.renew(input);
      this.#onReachability(true);
      return {
        action,
        itemId,
        ok: r.fixed.ok,
        title: r.fields.titleIdentifier || null,
        dueDate: r.fixed.ok ? parseDueDate(r.fields.dueDate, this.#timeZone) : null,
        reason: r.fixed.ok ? null : await this.#reason(action, itemId, r.fields.screenMessage ?? []),
        screenMessages: r.fields.screenMessage ?? [],
        security: r.fixed.ok && action === 'checkout' && r.fixed.desensitize === true ? 'desensitize' : null,
        pending: false,
      };
    } catch (err) {
      if (err instanceof StationError) throw err;
      if (err instanceof Sip2Error && err.kind !== 'protocol' && err.kind !== 'login_refused') {
        this.#onReachability(false);
        // Refused at connect: nothing was sent. Timed out or cut off: it may have been applied.
        throw new LibraryUnreachable(err.message, err.kind !== 'unreachable');
      }
      throw err;
    }
  }

  async renewAll(patron: PatronCredentials): Promise<ItemOutcome[]> {
    const r = await this.#call(() =>
      this.#client.renewAll({ patronIdentifier: patron.patronId, patronPassword: patron.pin }),
    );
    const messages = r.fields.screenMessage ?? [];
    const outcomes: ItemOutcome[] = [];
    for (const [list, ok] of [
      [r.fields.renewedItems ?? [], true],
      [r.fields.unrenewedItems ?? [], false],
    ] as const) {
      for (const itemId of list.slice(0, MAX_LISTED_ITEMS)) {
        const item = await this.#call(() => this.#client.itemInformation(itemId));
        outcomes.push({
          action: 'renew',
          itemId,
          ok,
          title: item.fields.titleIdentifier ?? null,
          dueDate: ok ? parseDueDate(item.fields.dueDate, this.#timeZone) : null,
          reason: ok ? null : 'RENEWAL_LIMIT',
          screenMessages: ok ? [] : messages,
          security: null,
          pending: false,
        });
      }
    }
    return outcomes;
  }

  async endSession(patron: PatronCredentials): Promise<void> {
    await this.#call(() =>
      this.#client.endPatronSession({ patronIdentifier: patron.patronId, patronPassword: patron.pin }),
    );
  }

  close(): Promise<void> {
    return this.#client.close();
  }

  /**
   * SIP2 refusals carry no reason code, only the server's own words (AF). What the item's state
   * says (item information, 17) gives a reason the patron can read in their language.
   */
  async #reason(action: KioskAction, itemId: string, messages: string[]): Promise<ItemReason> {
    let item: Sip2Decoded<'18'>;
    try {
      item = await this.#client.itemInformation(itemId);
    } catch {
      return 'REFUSED';
    }
    return reasonFromItem(action, item, messages);
  }

  async #call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      const result = await fn();
      this.#onReachability(true);
      return result;
    } catch (err) {
      if (err instanceof Sip2Error) {
        if (err.kind !== 'protocol') this.#onReachability(false);
        // Only questions come through here (patron and item information, 35): nothing to resolve.
        throw new LibraryUnreachable(`The library system did not answer: ${err.message}`, false);
      }
      throw err;
    }
  }
}

/** Reads a refusal from the item's state; exported for its tests. */
export function reasonFromItem(action: KioskAction, item: Sip2Decoded<'18'>, messages: string[]): ItemReason {
  const status = item.fixed.circulationStatus;
  const known = Boolean(item.fields.titleIdentifier);
  if (!known) return 'ITEM_UNKNOWN';
  if (action === 'checkin') return status === CIRCULATION_STATUS.AVAILABLE ? 'NOT_ON_LOAN' : 'REFUSED';
  if (action === 'renew') return 'RENEWAL_LIMIT';
  if (status === CIRCULATION_STATUS.WAITING_ON_HOLD_SHELF || Number(item.fields.holdQueueLength ?? 0) > 0) {
    return 'ON_HOLD_OTHER';
  }
  if (status === CIRCULATION_STATUS.CHARGED || status === CIRCULATION_STATUS.CHARGED_NOT_TO_BE_RECALLED) {
    return 'ALREADY_ON_LOAN';
  }
  if (status === CIRCULATION_STATUS.OTHER) return 'NOT_FOR_LOAN';
  if (messages.some((m) => /limit/i.test(m))) return 'LIMIT_REACHED';
  return 'REFUSED';
}
