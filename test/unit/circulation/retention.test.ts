import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_SETTINGS } from '../../../electron/station/circulation/kiosk-config.js';
import { exportTime, PatronDataRetention } from '../../../electron/station/circulation/retention.js';
import type { SeenPatrons } from '../../../electron/station/circulation/seen-patrons.js';
import { openStore, type Store } from '../../../electron/station/store/db.js';
import { OutboxRepo } from '../../../electron/station/store/outbox.js';
import { systemClock } from '../../../electron/station/sync/clock.js';

const DAY = 86_400_000;
const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) {
    store.close();
    fs.rmSync(store.dataDir, { recursive: true, force: true });
  }
});

describe('the age of a .koc export', () => {
  it('is read from the name the station stamped with its own clock, not from the file system', () => {
    expect(exportTime('bitig-offline-2026-12-07T18-58-00-000Z.koc')).toBe(
      Date.parse('2026-12-07T18:58:00.000Z'),
    );
  });

  it('is unknown for a file named otherwise (its modification time counts then)', () => {
    expect(exportTime('offline.koc')).toBe(null);
    expect(exportTime('bitig-offline-2026-13-40T99-00-00-000Z.koc')).toBe(null);
  });
});

describe('a replayed row after the retention period', () => {
  it('loses the card number and what the library system said about the patron, and keeps its decision', () => {
    const store = openStore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-retention-')) });
    stores.push(store);
    const outbox = new OutboxRepo(store.db, store.dataDir);
    const now = Date.parse('2026-12-07T12:00:00Z');
    const done = (itemId: string, daysAgo: number) => {
      const row = outbox.enqueue({
        idempotencyKey: itemId,
        target: 'sip2',
        orderingKey: itemId,
        payload: { action: 'checkout', patronId: '2100004', itemId, promisedDueDate: null },
        eventTime: new Date(now - (daysAgo + 1) * DAY),
      });
      const outcome = { accepted: true, screenMessages: ['Hold for Aziza Karimova: put on the hold shelf'] };
      store.db
        .prepare(
          "UPDATE outbox SET state = 'done', resolution = 'delivered', outcome = ?, done_at = ? WHERE id = ?",
        )
        .run(JSON.stringify(outcome), new Date(now - daysAgo * DAY).toISOString(), row.id);
      return row.id;
    };
    const old = done('3100001', 31);
    const recent = done('3100002', 29);
    const retention = new PatronDataRetention({
      db: store.db,
      seen: { prune: () => 0 } as unknown as SeenPatrons,
      settings: () => DEFAULT_KIOSK_SETTINGS,
      exportsDir: path.join(store.dataDir, 'exports'),
      clock: { ...systemClock, now: () => now },
    });

    expect(retention.run().blanked).toBe(1);
    expect(outbox.byId(old)).toMatchObject({
      payload: { patronId: null, patronIdErased: true, itemId: '3100001' },
      outcome: { accepted: true, screenMessages: [] },
    });
    expect(outbox.byId(recent)).toMatchObject({
      payload: { patronId: '2100004' },
      outcome: { screenMessages: ['Hold for Aziza Karimova: put on the hold shelf'] },
    });
    // Nothing left to blank: a second run changes nothing.
    expect(retention.run().blanked).toBe(0);
  });
});
