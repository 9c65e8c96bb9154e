import { describe, expect, it } from 'vitest';
import { Library } from '../../../electron/station/sip2/acs/library.js';
import { DEMO_SEED, LibrarySeed, stateFromSeed } from '../../../electron/station/sip2/acs/seed.js';

const ZONE = 'Asia/Tashkent';
/** 10:00 on 15 March 2024 in Tashkent (UTC+5). */
const NOW = new Date('2024-03-15T05:00:00Z');
const at = NOW;

function demo(): { library: Library; changes: () => number } {
  let changes = 0;
  const library = new Library(stateFromSeed(DEMO_SEED, NOW, ZONE), {
    onChange: () => changes++,
    timeZone: ZONE,
  });
  return { library, changes: () => changes };
}

const checkout = (library: Library, patron: string, item: string) =>
  library.checkout(patron, item, { renewalPolicy: true, noBlock: false, nbDueDate: null, at });

describe('the demo library', () => {
  it('is valid, with 8 patrons and 30 items in Uzbek (both scripts), Russian and Kazakh', () => {
    const seed = LibrarySeed.parse(DEMO_SEED);
    expect(seed.patrons).toHaveLength(8);
    expect(seed.items).toHaveLength(30);
    const text = JSON.stringify(seed);
    expect(text).toContain('ʻ'); // U+02BB, the Uzbek Latin okina
    expect(text).toMatch(/[ҚқҒғҲҳЎў]/);
    expect(text).toMatch(/[ӘәҰұҮүІі]/);
    expect(seed.patrons.some((p) => p.blocked)).toBe(true);
    expect(seed.patrons.some((p) => p.fines.reduce((s, f) => s + f.amount, 0) > seed.rules.fineLimit)).toBe(
      true,
    );
    expect(seed.items.some((i) => i.holds.some((h) => h.ready))).toBe(true);
    expect(seed.items.some((i) => i.notForLoan)).toBe(true);
  });

  it('turns relative due dates into end-of-day dates', () => {
    const { library } = demo();
    const due = new Date(library.item('3100018')?.loan?.due ?? '');
    expect(due < NOW).toBe(true);
    // 23:59:59 in Tashkent is 18:59:59 UTC.
    expect(due.toISOString()).toMatch(/T18:59:59\.000Z$/);
  });
});

describe('circulation rules', () => {
  it('lends for 14 days and records the change', () => {
    const { library, changes } = demo();
    const outcome = checkout(library, '2100007', '3100001');
    expect(outcome.ok).toBe(true);
    // The end of the library's day 14 days on: 29 March, 23:59:59 in Tashkent.
    expect(outcome.due?.toISOString()).toBe('2024-03-29T18:59:59.000Z');
    expect(library.item('3100001')?.loan?.patron).toBe('2100007');
    expect(changes()).toBe(1);
  });

  it('refuses: blocked card, fines over the limit, not for loan, on hold for another, on loan to another, loan limit', () => {
    const { library, changes } = demo();
    expect(checkout(library, '2100005', '3100001').message).toMatch(/blocked/);
    expect(checkout(library, '2100004', '3100001').message).toMatch(/fines/);
    expect(checkout(library, '2100007', '3100011').message).toMatch(/not for loan/);
    expect(checkout(library, '2100007', '3100006').message).toMatch(/on hold for another/);
    expect(checkout(library, '2100007', '3100002').message).toMatch(/on loan to another/);
    expect(checkout(library, '2100008', '3100001').message).toMatch(/Loan limit of 2/);
    expect(checkout(library, 'nobody', '3100001').message).toBe('Unknown patron');
    expect(changes()).toBe(0);
  });

  it('lends a hold to the patron it waits for, and turns a checkout of an own loan into a renewal', () => {
    const { library } = demo();
    expect(checkout(library, '2100003', '3100006').ok).toBe(true);
    expect(library.item('3100006')?.holds).toEqual([]);
    const again = checkout(library, '2100003', '3100014');
    expect(again).toMatchObject({ ok: true, renewal: true });
  });

  it('checks in: an overdue loan leaves a fine, a hold goes to the shelf', () => {
    const { library } = demo();
    const overdue = library.checkin('3100018', at);
    expect(overdue).toMatchObject({ ok: true, patron: '2100006', alert: false });
    expect(library.patron('2100006')?.fines.some((f) => f.item === '3100018')).toBe(true);
    const held = library.checkin('3100007', at);
    expect(held.holdFor?.barcode).toBe('2100007');
    expect(library.circulationStatus(library.item('3100007') as never)).toBe('08');
    expect(library.checkin('3100001', at).ok).toBe(false);
  });

  it('renews up to the limit and never past a hold', () => {
    const { library } = demo();
    expect(library.renew('2100001', '3100002', { at }).ok).toBe(true);
    expect(library.renew('2100001', '3100003', { at }).message).toBe('Renewal limit reached');
    expect(library.renew('2100002', '3100007', { at }).message).toMatch(/on hold/);
    expect(library.renewAll('2100001', { at })).toMatchObject({
      ok: true,
      renewed: ['3100002'],
      unrenewed: ['3100003'],
    });
  });

  it('takes payments up to what is owed', () => {
    const { library } = demo();
    expect(library.pay('2100004', 30000, undefined).ok).toBe(false);
    expect(library.pay('2100004', 7000, 'F-4002').ok).toBe(true);
    expect(library.owed(library.patron('2100004') as never)).toBe(18000);
    expect(library.pay('2100004', 18000, undefined).ok).toBe(true);
    expect(library.patron('2100004')?.fines).toEqual([]);
  });
});
