import type { OutboxRow } from '../../../electron/station/store/outbox.js';
import type { DispatcherQueue } from '../../../electron/station/sync/dispatcher.js';
import type { QueueWrite } from '../../../electron/station/sync/queue-write.js';
import { applyAll, type BatchCommitter } from '../../../electron/station/sync/write-batch.js';

/**
 * An outbox in plain JavaScript, with nothing durable: the benchmark runs the real dispatcher and
 * SIP2 target over it to show what the engine costs without SQLite (a floor to compare with, never
 * a mode of the station). Rows are kept in id order; done rows are dropped.
 */
export class MemoryQueue implements DispatcherQueue {
  readonly #rows = new Map<number, OutboxRow>();
  #nextId = 1;

  add(row: Omit<OutboxRow, 'id'>): void {
    const id = this.#nextId++;
    this.#rows.set(id, { ...row, id });
  }

  due(
    _target: string,
    now: number,
    limit: number,
    exclude: ReadonlySet<number>,
    closing: ReadonlySet<number> = new Set(),
    after = 0,
  ): OutboxRow[] {
    const picked: OutboxRow[] = [];
    const held = new Set<string>();
    for (const row of this.#rows.values()) {
      if (picked.length >= limit) break;
      const key = row.orderingKey;
      const open = row.state === 'pending' || row.state === 'in_flight' || row.state === 'failed';
      const waiting = row.state === 'pending' || row.state === 'failed';
      const heldBack = key !== null && held.has(key);
      if (open && key !== null && !closing.has(row.id)) held.add(key);
      if (row.id <= after || exclude.has(row.id) || !waiting || row.nextAttemptAt > now || heldBack) continue;
      picked.push({ ...row });
    }
    return picked;
  }

  successor(_target: string, orderingKey: string, after: number, now: number): OutboxRow | undefined {
    for (const row of this.#rows.values()) {
      if (row.id <= after || row.orderingKey !== orderingKey) continue;
      if (row.state === 'in_flight' || row.nextAttemptAt > now) return undefined;
      return row.state === 'pending' || row.state === 'failed' ? { ...row } : undefined;
    }
    return undefined;
  }

  recoverOrphans(): number {
    return 0;
  }

  nextDueAt(): number | null {
    return null;
  }

  /** The write batch's committer: each write applied at once, "durable" at the next microtask. */
  committer(): BatchCommitter<QueueWrite> {
    return {
      commit: async (writes) => applyAll(writes, (w) => this.#apply(w)),
      close: async () => {},
    };
  }

  #apply(write: QueueWrite): boolean | undefined {
    if (write.kind === 'none') return undefined;
    const row = this.#rows.get(write.id);
    if (!row) return false;
    switch (write.kind) {
      case 'claim':
        if (row.state !== 'pending' && row.state !== 'failed') return false;
        row.state = 'in_flight';
        row.attempts++;
        return true;
      case 'complete':
        this.#rows.delete(write.id);
        return true;
      case 'fail':
        row.state = write.input.dead ? 'dead' : 'failed';
        row.nextAttemptAt = write.input.nextAttemptAt;
        return true;
    }
  }
}
