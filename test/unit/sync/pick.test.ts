import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE } from '../../../electron/station/store/data-dir.js';
import { SyncQueue } from '../../../electron/station/sync/queue.js';
import { DeliveryError } from '../../../electron/station/sync/target.js';
import { enqueue, setup } from './fakes.js';

/** Real time: these rows take real milliseconds each. */
async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/**
 * How the dispatcher picks rows on a long queue: from where the last pick stopped, the next row of
 * a completed one looked up directly, claims committed in groups while requests are ahead. Each
 * must keep the guarantees (order per key, claim before send, backoff) while doing less work.
 */
describe('picking on a long queue', () => {
  it('a long queue of loans and returns is drained in order with few picks over the queue', async () => {
    const s = setup({ concurrency: 32 });
    const due = vi.spyOn(SyncQueue.prototype, 'due');
    const keys = Array.from({ length: 150 }, (_, i) => `I${i}`);
    const rows = keys.flatMap((key) => [enqueue(s, key), enqueue(s, key)]);
    await s.engine.runOnce('fake');
    expect(s.target.delivered).toHaveLength(rows.length);
    for (let i = 0; i < rows.length; i += 2) {
      expect(s.target.delivered.indexOf(rows[i]!.id)).toBeLessThan(
        s.target.delivered.indexOf(rows[i + 1]!.id),
      );
    }
    expect(s.target.overlapOfOneKey).toBe(false);
    // A pick per answer would be 300; each return is found by its loan's completion instead.
    expect(due.mock.calls.length).toBeLessThan(40);
    due.mockRestore();
  });

  it('every row is claimed and committed before the target sees it, also when claims share commits', async () => {
    const s = setup({ concurrency: 16 });
    s.target.latencyMs = 1;
    const rows = Array.from({ length: 60 }, (_, i) => enqueue(s, `K${i % 20}`));
    const other = new Database(`${s.dir}/${DATABASE_FILE}`, { readonly: true });
    const seen = new Map<number, unknown>();
    s.target.onDeliver = (r) => {
      seen.set(r.id, other.prepare('SELECT state, attempts FROM outbox WHERE id = ?').get(r.id));
    };
    await s.engine.runOnce('fake');
    other.close();
    expect(seen.size).toBe(rows.length);
    for (const row of rows) expect(seen.get(row.id)).toEqual({ state: 'in_flight', attempts: 1 });
  });

  it('a row whose backoff runs out while a long queue drains is taken within a second, not at the end', async () => {
    const s = setup({ concurrency: 8 });
    s.target.latencyMs = 1;
    const late = enqueue(s, 'LATE');
    s.target.script(late.id, new DeliveryError('transient', 'busy'));
    const bulk = Array.from({ length: 400 }, (_, i) => enqueue(s, `B${i}`));
    s.engine.start();
    await until(() => s.target.attempts.includes(late.id), 'the first attempt');
    await until(() => s.target.delivered.length >= 40, 'some of the queue');
    // The backoff (750 ms here) and the rescan interval pass while the queue is still long.
    s.clock.advance(1_000);
    await until(() => s.target.delivered.includes(late.id), 'the retried row');
    const at = s.target.delivered.indexOf(late.id);
    expect(at).toBeLessThan(bulk.length - 100);
    await until(() => s.target.delivered.length === bulk.length + 1, 'the whole queue');
    await s.engine.stop();
  });
});
