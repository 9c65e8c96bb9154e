import type { OutboxResolution } from '../store/outbox.js';
import type { FailInput, SyncQueue } from './queue.js';
import type { WriteBatch } from './write-batch.js';

/**
 * One change of a row's state, as data: the dispatcher says what to write, the write batch decides
 * when (`write-batch.ts`), `applyQueueWrite` does it.
 */
export type QueueWrite =
  /** In flight, attempt counted; `checked` (undefined: unchanged) is what the target saw first. */
  | { kind: 'claim'; id: number; checked: unknown; now: number }
  | { kind: 'complete'; id: number; outcome: unknown; resolution: OutboxResolution; now: number }
  | { kind: 'fail'; id: number; input: FailInput; now: number }
  /** Nothing to write; the row is only released once writes queued before it are in. */
  | { kind: 'none' };

/** The result of `claim` (false: no longer claimable) and the others (false: row gone meanwhile). */
export function applyQueueWrite(queue: SyncQueue, write: QueueWrite): boolean | undefined {
  switch (write.kind) {
    case 'claim':
      return queue.claim(write.id, write.checked, write.now);
    case 'complete':
      return queue.complete(write.id, write.outcome, write.resolution, write.now);
    case 'fail':
      return queue.fail(write.id, write.input, write.now);
    case 'none':
      return undefined;
  }
}

/** The engine's batch of row writes. */
export type SyncWrites = WriteBatch<QueueWrite>;
