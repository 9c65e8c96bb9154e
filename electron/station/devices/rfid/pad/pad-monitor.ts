import { RfidError } from '../errors.js';
import type { ModelChoice } from '../model/detect.js';
import type { RfidReader } from '../readers/reader.js';
import { type ReadTagOptions, readTag, type TagReading, unreadable } from './read-tag.js';
import { type SecurityValues, setSecurity } from './security.js';

export interface TagArrived extends TagReading {
  /** When the tag was first seen in an inventory (ms, performance.now()). */
  seenAt: number;
}

export interface TagLeft {
  uid: string;
  at: number;
}

export interface PadMonitorEvents {
  /** A tag came onto the pad and was read once (decoded, or with the reason it was not). */
  arrived: (tag: TagArrived) => void;
  /** A tag announced earlier is gone (missing from `leaveAfterMisses` inventories in a row). */
  left: (tag: TagLeft) => void;
  /** An inventory or read failed; polling goes on. */
  error: (error: RfidError) => void;
  /** The reader went away (unplugged); polling has stopped. */
  disconnected: (error: RfidError) => void;
}

export interface PadMonitorOptions {
  /** Pause between inventories. Default 50 ms; 0 polls back to back. */
  pollIntervalMs?: number;
  /** Inventories a tag may be missing from before it counts as gone (debounce). Default 2. */
  leaveAfterMisses?: number;
  /** Attempts to read a new tag before it is announced with the read error. Default 3. */
  readAttempts?: number;
  model?: ModelChoice;
  read?: Omit<ReadTagOptions, 'model' | 'dsfid'>;
}

interface Known {
  uid: string;
  dsfid?: number;
  seenAt: number;
  misses: number;
  attempts: number;
  reading?: TagArrived;
}

/**
 * Turns repeated inventories into "arrived" and "left" events. Each new tag is read once and decoded;
 * a tag flickering at the edge of the field does not come and go (it must be missed several times in a
 * row to leave). One monitor per reader; security writes go through it so they queue with the polling.
 */
export class PadMonitor {
  private readonly known = new Map<string, Known>();
  private readonly listeners: { [K in keyof PadMonitorEvents]: Set<PadMonitorEvents[K]> } = {
    arrived: new Set(),
    left: new Set(),
    error: new Set(),
    disconnected: new Set(),
  };
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly options: Required<Omit<PadMonitorOptions, 'read' | 'model'>> &
    Pick<PadMonitorOptions, 'read' | 'model'>;

  constructor(
    readonly reader: RfidReader,
    options: PadMonitorOptions = {},
  ) {
    this.options = { pollIntervalMs: 50, leaveAfterMisses: 2, readAttempts: 3, ...options };
  }

  on<K extends keyof PadMonitorEvents>(event: K, listener: PadMonitorEvents[K]): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  private emit<K extends keyof PadMonitorEvents>(event: K, ...args: Parameters<PadMonitorEvents[K]>): void {
    for (const listener of this.listeners[event]) (listener as (...a: typeof args) => void)(...args);
  }

  /** Tags on the pad that have been announced, in arrival order. */
  present(): TagArrived[] {
    return [...this.known.values()].flatMap((k) => (k.reading ? [k.reading] : []));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops polling; resolves once the current inventory or read has finished. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Writes AFI and EAS and reads them back (see setSecurity); remembers the new AFI. */
  async setSecurity(
    uid: string,
    values: SecurityValues,
    options?: Parameters<typeof setSecurity>[3],
  ): Promise<void> {
    await setSecurity(this.reader, uid, values, options);
    const reading = this.known.get(uid)?.reading;
    if (reading) reading.afi = values.afi;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.cycle();
      } catch (err) {
        const error = err instanceof RfidError ? err : new RfidError('protocol', String(err));
        if (error.code === 'disconnected' || error.code === 'closed') {
          this.running = false;
          if (error.code === 'disconnected') this.emit('disconnected', error);
          return;
        }
        this.emit('error', error);
      }
      if (!this.running) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, this.options.pollIntervalMs);
      });
    }
  }

  private async cycle(): Promise<void> {
    const entries = await this.reader.inventory();
    const now = performance.now();
    const seen = new Set(entries.map((e) => e.uid));
    for (const known of [...this.known.values()]) {
      if (seen.has(known.uid)) continue;
      if (++known.misses < this.options.leaveAfterMisses) continue;
      this.known.delete(known.uid);
      if (known.reading) this.emit('left', { uid: known.uid, at: now });
    }
    for (const entry of entries) {
      const known = this.known.get(entry.uid);
      if (known) known.misses = 0;
      else
        this.known.set(entry.uid, {
          uid: entry.uid,
          ...(entry.dsfid !== undefined && { dsfid: entry.dsfid }),
          seenAt: now,
          misses: 0,
          attempts: 0,
        });
    }
    // Read the new tags one by one, in inventory order, announcing each as soon as it is read.
    for (const entry of entries) {
      if (!this.running) return;
      const known = this.known.get(entry.uid);
      if (!known || known.reading) continue;
      let reading: TagReading;
      try {
        reading = await readTag(this.reader, known.uid, {
          ...this.options.read,
          ...(this.options.model && { model: this.options.model }),
          ...(known.dsfid !== undefined && { dsfid: known.dsfid }),
        });
      } catch (err) {
        if (!(err instanceof RfidError) || err.code === 'disconnected' || err.code === 'closed') throw err;
        // The tag may be sliding into place; try again on the next inventories before giving up.
        if (++known.attempts < this.options.readAttempts) continue;
        reading = unreadable(known.uid, err, known.dsfid);
      }
      known.reading = { ...reading, seenAt: known.seenAt };
      this.emit('arrived', known.reading);
    }
  }
}
