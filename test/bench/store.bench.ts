import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bench, describe } from 'vitest';
import { openStore } from '../../electron/station/store/db.js';
import { OutboxRepo } from '../../electron/station/store/outbox.js';

/**
 * Durable enqueue: what a kiosk pays per acknowledged transaction with synchronous=FULL (every commit
 * fsynced), beside the same enqueue with synchronous=NORMAL as the baseline (WAL fsynced only at
 * checkpoints: faster, but a power cut can lose the last commits).
 */
function outboxIn(synchronous: 'FULL' | 'NORMAL') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bitig-bench-${synchronous}-`));
  const store = openStore({ dataDir: dir });
  store.db.pragma(`synchronous = ${synchronous}`);
  const outbox = new OutboxRepo(store.db, dir);
  let n = 0;
  return () =>
    outbox.enqueue({
      idempotencyKey: `k${n++}`,
      target: 'sip2',
      orderingKey: `item-${n % 50}`,
      payload: { kind: 'checkout', patron: '21000000001234', item: `3100000${n}` },
      eventTime: new Date(),
    });
}

describe('outbox enqueue', () => {
  const full = outboxIn('FULL');
  const normal = outboxIn('NORMAL');
  bench('durable (synchronous=FULL)', () => void full(), { time: 2000 });
  bench('baseline (synchronous=NORMAL)', () => void normal(), { time: 2000 });
});
