import { defaultTimeZone, endOfLocalDay } from '../../time-zone.js';
import {
  CIRCULATION_STATUS,
  type CirculationStatus,
  emptyPatronStatus,
  type PatronStatus,
} from '../codec/constants.js';
import type { ItemRecord, LibraryState, PatronRecord } from './seed.js';

/**
 * The test library's circulation rules over its in-memory state: loans and due dates, loan and
 * renewal limits, holds, fines, blocks. Deliberately small, but strict in the ways a kiosk must
 * cope with (refusals with a reason, holds for someone else, items not for loan).
 */
export interface Outcome {
  ok: boolean;
  /** Shown to the patron (`AF`). */
  message?: string;
}

export interface LoanOutcome extends Outcome {
  item?: ItemRecord;
  /** The checkout was of an item the patron already had: it was renewed. */
  renewal: boolean;
  due: Date | null;
}

export interface CheckinOutcome extends Outcome {
  item?: ItemRecord;
  /** Whose loan ended. */
  patron?: string;
  /** The item now waits on the hold shelf for this patron. */
  holdFor?: PatronRecord;
  alert: boolean;
}

export interface RenewAllOutcome extends Outcome {
  renewed: string[];
  unrenewed: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function formatAmount(amount: number): string {
  return amount.toFixed(2);
}

export class Library {
  readonly #state: LibraryState;
  readonly #onChange: () => void;

  /** The library's zone: a loan ends at the end of the library's day, wherever the server runs. */
  readonly #timeZone: string;

  constructor(state: LibraryState, options: { onChange?: () => void; timeZone?: string } = {}) {
    this.#state = state;
    this.#timeZone = options.timeZone ?? defaultTimeZone();
    this.#onChange = options.onChange ?? (() => undefined);
  }

  /** The live state (read it; change it only through the methods, which persist). */
  get data(): LibraryState {
    return this.#state;
  }

  snapshot(): LibraryState {
    return structuredClone(this.#state);
  }

  patron(barcode: string | undefined): PatronRecord | undefined {
    return barcode === undefined ? undefined : this.#state.patrons.find((p) => p.barcode === barcode);
  }

  item(barcode: string | undefined): ItemRecord | undefined {
    return barcode === undefined ? undefined : this.#state.items.find((i) => i.barcode === barcode);
  }

  loansOf(patron: string): ItemRecord[] {
    return this.#state.items.filter((i) => i.loan?.patron === patron);
  }

  overdueOf(patron: string, now: Date): ItemRecord[] {
    return this.loansOf(patron).filter((i) => i.loan && new Date(i.loan.due) < now);
  }

  /** Holds waiting on the shelf for the patron. */
  readyHoldsOf(patron: string): ItemRecord[] {
    return this.#state.items.filter((i) => i.holds.some((h) => h.patron === patron && h.ready));
  }

  /** Holds placed but not yet available. */
  waitingHoldsOf(patron: string): ItemRecord[] {
    return this.#state.items.filter((i) => i.holds.some((h) => h.patron === patron && !h.ready));
  }

  owed(patron: PatronRecord): number {
    return patron.fines.reduce((sum, f) => sum + f.amount, 0);
  }

  loanLimit(patron: PatronRecord): number {
    return patron.maxLoans ?? this.#state.rules.maxLoans;
  }

  pinMatches(patron: PatronRecord | undefined, pin: string | undefined): boolean {
    return patron !== undefined && pin !== undefined && patron.pin === pin;
  }

  patronStatus(patron: PatronRecord | undefined, now: Date): PatronStatus {
    const status = emptyPatronStatus();
    if (!patron) {
      // What servers answer for an unknown card: no privileges at all.
      status.chargePrivilegesDenied = true;
      status.renewalPrivilegesDenied = true;
      status.recallPrivilegesDenied = true;
      status.holdPrivilegesDenied = true;
      return status;
    }
    if (patron.blocked) {
      status.chargePrivilegesDenied = true;
      status.renewalPrivilegesDenied = true;
      status.recallPrivilegesDenied = true;
      status.holdPrivilegesDenied = true;
    }
    status.cardReportedLost = patron.cardLost;
    const fines = this.owed(patron) > this.#state.rules.fineLimit;
    status.excessiveOutstandingFines = fines;
    if (fines) status.chargePrivilegesDenied = true;
    status.tooManyItemsCharged = this.loansOf(patron.barcode).length >= this.loanLimit(patron);
    status.tooManyItemsOverdue = this.overdueOf(patron.barcode, now).length > 0;
    return status;
  }

  circulationStatus(item: ItemRecord): CirculationStatus {
    if (item.loan) return CIRCULATION_STATUS.CHARGED;
    if (item.holds[0]?.ready) return CIRCULATION_STATUS.WAITING_ON_HOLD_SHELF;
    if (item.notForLoan) return CIRCULATION_STATUS.OTHER;
    return CIRCULATION_STATUS.AVAILABLE;
  }

  /** Why this patron may not borrow now, or null. `pin` is checked only when the SC sent one. */
  #patronRefusal(patron: PatronRecord | undefined, pin: string | undefined): string | null {
    if (!patron) return 'Unknown patron';
    if (pin !== undefined && patron.pin !== pin) return 'Wrong PIN';
    if (patron.blocked) return `Card blocked: ${patron.blocked}`;
    const owed = this.owed(patron);
    if (owed > this.#state.rules.fineLimit) {
      return `Outstanding fines of ${formatAmount(owed)} ${this.#state.currency} must be paid first`;
    }
    return null;
  }

  checkout(
    patronId: string,
    itemId: string,
    options: { pin?: string; renewalPolicy: boolean; noBlock: boolean; nbDueDate: Date | null; at: Date },
  ): LoanOutcome {
    const fail = (message: string, item?: ItemRecord): LoanOutcome => ({
      ok: false,
      message,
      item,
      renewal: false,
      due: null,
    });
    const patron = this.patron(patronId);
    const item = this.item(itemId);
    if (!patron) return fail('Unknown patron', item);
    if (options.pin !== undefined && patron.pin !== options.pin) return fail('Wrong PIN', item);
    if (!item) return fail('Unknown item');
    if (item.loan?.patron === patron.barcode) {
      if (!options.renewalPolicy) return fail('You already have this item', item);
      return { ...this.renew(patronId, itemId, { pin: options.pin, at: options.at }), renewal: true };
    }
    // With "no block" the SC already lent the item offline: the ACS records it as it was.
    if (!options.noBlock) {
      const refusal = this.#patronRefusal(patron, undefined);
      if (refusal) return fail(refusal, item);
      if (item.notForLoan) return fail('This item is not for loan', item);
      if (item.loan) return fail('This item is on loan to another reader', item);
      const hold = item.holds[0];
      if (hold && hold.patron !== patron.barcode)
        return fail('This item is on hold for another reader', item);
      const limit = this.loanLimit(patron);
      if (this.loansOf(patron.barcode).length >= limit)
        return fail(`Loan limit of ${limit} items reached`, item);
    }
    const due =
      options.noBlock && options.nbDueDate
        ? options.nbDueDate
        : endOfLocalDay(options.at, this.#state.rules.loanDays, this.#timeZone);
    item.holds = item.holds.filter((h) => h.patron !== patron.barcode);
    item.loan = { patron: patron.barcode, due: due.toISOString(), renewals: 0 };
    this.#onChange();
    return { ok: true, item, renewal: false, due };
  }

  checkin(itemId: string, at: Date): CheckinOutcome {
    const item = this.item(itemId);
    if (!item) return { ok: false, message: 'Unknown item', alert: true };
    const loan = item.loan;
    if (!loan) return { ok: false, item, message: 'This item was not on loan', alert: true };
    const due = new Date(loan.due);
    const patron = this.patron(loan.patron);
    if (at > due && patron) {
      const days = Math.ceil((at.getTime() - due.getTime()) / DAY_MS);
      patron.fines.push({
        id: `F-${item.barcode}-${at.getTime()}`,
        amount: days * this.#state.rules.finePerDay,
        description: `Overdue ${days} day(s): ${item.title}`,
        item: item.barcode,
      });
    }
    item.loan = undefined;
    const next = item.holds[0];
    let holdFor: PatronRecord | undefined;
    if (next) {
      next.ready = true;
      holdFor = this.patron(next.patron);
    }
    this.#onChange();
    return {
      ok: true,
      item,
      patron: loan.patron,
      holdFor,
      alert: holdFor !== undefined,
      message: holdFor ? `Hold for ${holdFor.name}: put on the hold shelf` : undefined,
    };
  }

  renew(patronId: string, itemId: string | undefined, options: { pin?: string; at: Date }): LoanOutcome {
    const fail = (message: string, item?: ItemRecord): LoanOutcome => ({
      ok: false,
      message,
      item,
      renewal: false,
      due: null,
    });
    const patron = this.patron(patronId);
    const item = this.item(itemId);
    const refusal = this.#patronRefusal(patron, options.pin);
    if (refusal || !patron) return fail(refusal ?? 'Unknown patron', item);
    if (!item) return fail('Unknown item');
    if (item.loan?.patron !== patron.barcode) return fail('This item is not on loan to you', item);
    if (item.holds.some((h) => h.patron !== patron.barcode))
      return fail('This item is on hold for another reader', item);
    if (item.loan.renewals >= this.#state.rules.maxRenewals) return fail('Renewal limit reached', item);
    const due = endOfLocalDay(options.at, this.#state.rules.loanDays, this.#timeZone);
    item.loan = { ...item.loan, due: due.toISOString(), renewals: item.loan.renewals + 1 };
    this.#onChange();
    return { ok: true, item, renewal: true, due };
  }

  renewAll(patronId: string, options: { pin?: string; at: Date }): RenewAllOutcome {
    const patron = this.patron(patronId);
    const refusal = this.#patronRefusal(patron, options.pin);
    if (refusal || !patron)
      return { ok: false, message: refusal ?? 'Unknown patron', renewed: [], unrenewed: [] };
    const renewed: string[] = [];
    const unrenewed: string[] = [];
    for (const item of this.loansOf(patron.barcode)) {
      (this.renew(patronId, item.barcode, options).ok ? renewed : unrenewed).push(item.barcode);
    }
    return { ok: true, renewed, unrenewed };
  }

  pay(patronId: string, amount: number, feeId: string | undefined): Outcome {
    const patron = this.patron(patronId);
    if (!patron) return { ok: false, message: 'Unknown patron' };
    if (!Number.isFinite(amount) || amount <= 0) return { ok: false, message: 'Invalid amount' };
    const fines = feeId ? patron.fines.filter((f) => f.id === feeId) : patron.fines;
    if (feeId && fines.length === 0) return { ok: false, message: `No fee ${feeId}` };
    const due = fines.reduce((sum, f) => sum + f.amount, 0);
    if (amount > due + 1e-9)
      return { ok: false, message: `The amount exceeds what is owed (${formatAmount(due)})` };
    let left = amount;
    for (const fine of fines) {
      const paid = Math.min(left, fine.amount);
      fine.amount = Math.round((fine.amount - paid) * 100) / 100;
      left -= paid;
    }
    patron.fines = patron.fines.filter((f) => f.amount > 0);
    this.#onChange();
    return { ok: true };
  }

  setItemProperties(itemId: string, properties: string | undefined): Outcome {
    const item = this.item(itemId);
    if (!item) return { ok: false, message: 'Unknown item' };
    item.properties = properties;
    this.#onChange();
    return { ok: true };
  }

  block(patronId: string, message: string): Outcome {
    const patron = this.patron(patronId);
    if (!patron) return { ok: false, message: 'Unknown patron' };
    patron.blocked = message || 'Blocked by the self-check';
    this.#onChange();
    return { ok: true };
  }
}
