import type { LibrarySeed, TestAcs } from '../../../electron/station/sip2/acs/index.js';

/** Test fixtures shared by the sync tests, the crash harness and the benchmark (no vitest here). */

export const INSTITUTION = 'SYNC-TEST';
export const LOGIN = { userId: 'kiosk', password: 'kiosk-parol', locationCode: 'kiosk-1' };

/**
 * A library for replay tests: `items` books (I0000…), `patrons` readers (P000…) with room for any
 * number of loans, renewals enough for every test, no fines.
 */
export function syncSeed(items = 40, patrons = 5, extra: Partial<LibrarySeed> = {}): LibrarySeed {
  return {
    institutionId: INSTITUTION,
    libraryName: 'Sync test library',
    currency: 'UZS',
    rules: { loanDays: 14, maxLoans: 100_000, maxRenewals: 1_000, finePerDay: 0, fineLimit: 1e12 },
    terminals: [{ userId: LOGIN.userId, password: LOGIN.password, location: LOGIN.locationCode }],
    patrons: Array.from({ length: patrons }, (_, i) => ({
      barcode: patronId(i),
      pin: '0000',
      name: `Reader ${i}`,
    })),
    items: Array.from({ length: items }, (_, i) => ({ barcode: itemId(i), title: `Book ${i}` })),
    ...extra,
  };
}

export const itemId = (i: number) => `I${String(i).padStart(4, '0')}`;
export const patronId = (i: number) => `P${String(i).padStart(3, '0')}`;

export interface AppliedLog {
  /** Applied (ok) operations, in order, as `action item patron`. */
  entries: string[];
  count(action: 'checkout' | 'checkin' | 'renew', item?: string): number;
}

/**
 * Counts what the library system actually applied (successful checkouts, returns and renewals),
 * whatever came back over the wire: the measure of "exactly once".
 */
export function recordApplied(server: TestAcs): AppliedLog {
  const library = server.state;
  const entries: string[] = [];
  const checkout = library.checkout.bind(library);
  const checkin = library.checkin.bind(library);
  const renew = library.renew.bind(library);
  library.checkout = (patron, item, options) => {
    const out = checkout(patron, item, options);
    // A checkout that renews goes through renew() below and is counted there.
    if (out.ok && !out.renewal) entries.push(`checkout ${item} ${patron}`);
    return out;
  };
  library.checkin = (item, at) => {
    const out = checkin(item, at);
    if (out.ok) entries.push(`checkin ${item} ${out.patron ?? ''}`);
    return out;
  };
  library.renew = (patron, item, options) => {
    const out = renew(patron, item, options);
    if (out.ok) entries.push(`renew ${item ?? ''} ${patron}`);
    return out;
  };
  return {
    entries,
    count: (action, item) =>
      entries.filter((e) => e.startsWith(`${action} `) && (item === undefined || e.split(' ')[1] === item))
        .length,
  };
}
