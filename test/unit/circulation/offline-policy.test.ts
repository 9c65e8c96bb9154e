import { describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_SETTINGS } from '../../../electron/station/circulation/kiosk-config.js';
import {
  mayIdentifyOffline,
  offlineActions,
  offlineRefusal,
  promisedDueDate,
} from '../../../electron/station/circulation/offline-policy.js';
import {
  DEFAULT_OFFLINE_POLICY,
  type ItemOutcome,
  type OfflinePolicy,
} from '../../../electron/station/contract/index.js';
import { item } from '../../integration/devices/helpers.js';

const policy: OfflinePolicy = { ...DEFAULT_OFFLINE_POLICY, maxItemsPerPatron: 2, maxItemsTotal: 10 };
const pending = (action: ItemOutcome['action'], itemId: string) => item({ action, itemId, pending: true });

describe('offline policy', () => {
  it('offers offline only what the site allows at all and allows offline', () => {
    expect(
      offlineActions({
        ...DEFAULT_KIOSK_SETTINGS,
        actions: { checkout: true, checkin: false, renew: true },
        offline: { ...policy, actions: { checkout: true, checkin: true, renew: false } },
      }),
    ).toEqual({ checkout: true, checkin: false, renew: false });
  });

  it('lets a card in offline only when something may be borrowed or renewed, and under "seen" only a seen card', () => {
    const seen = { isTrusted: (id: string, days: number) => id === '1234567' && days === 90 };
    expect(mayIdentifyOffline(policy, '1234567', seen)).toBe(true);
    expect(mayIdentifyOffline(policy, '7654321', seen)).toBe(false);
    expect(mayIdentifyOffline({ ...policy, patrons: 'any' }, '7654321', seen)).toBe(true);
    const returnsOnly = {
      ...policy,
      patrons: 'any' as const,
      actions: { checkout: false, checkin: true, renew: false },
    };
    expect(mayIdentifyOffline(returnsOnly, '1234567', seen)).toBe(false);
  });

  it('refuses what is not allowed offline, and beyond the per-patron or total limit', () => {
    const none = () => 0;
    expect(offlineRefusal('renew', policy, [], none)).toBe('NOT_ALLOWED_OFFLINE');
    expect(offlineRefusal('checkout', policy, [], none)).toBeNull();
    // Pending returns do not count towards the patron's limit; pending loans do.
    const two = [pending('checkout', 'a'), pending('checkin', 'b'), pending('checkout', 'c')];
    expect(offlineRefusal('checkout', policy, two, none)).toBe('OFFLINE_LIMIT_REACHED');
    expect(offlineRefusal('checkin', policy, two, none)).toBeNull();
    expect(offlineRefusal('checkout', policy, two.slice(0, 2), none)).toBeNull();
    expect(offlineRefusal('checkin', policy, [], () => 10)).toBe('OFFLINE_LIMIT_REACHED');
    expect(offlineRefusal('checkin', policy, [], () => 9)).toBeNull();
  });

  it('asks the outbox for its count only when the other rules let the transaction through', () => {
    let asked = 0;
    const waiting = () => {
      asked++;
      return 0;
    };
    offlineRefusal('renew', policy, [], waiting);
    offlineRefusal('checkout', policy, [pending('checkout', 'a'), pending('checkout', 'b')], waiting);
    expect(asked).toBe(0);
    offlineRefusal('checkout', policy, [], waiting);
    expect(asked).toBe(1);
  });

  it('promises the end of the local day loanDays ahead; no due date for a return', () => {
    const now = new Date('2026-03-10T20:30:00Z');
    expect(promisedDueDate('checkout', now, policy, 'Asia/Tashkent')).toBe('2026-03-25T18:59:59.000Z');
    expect(promisedDueDate('renew', now, { ...policy, loanDays: 1 }, 'Europe/Berlin')).toBe(
      '2026-03-11T22:59:59.000Z',
    );
    expect(promisedDueDate('checkin', now, policy, 'Asia/Tashkent')).toBeNull();
  });
});
