import type {
  ItemOutcome,
  ItemReason,
  KioskAction,
  KioskCardEvent,
  KioskItemEvent,
} from '../contract/index.js';
import { StationError } from '../errors.js';
import type { EventHub } from '../events.js';
import type { KioskService } from './kiosk-service.js';
import { refusedByKiosk } from './refused.js';

/** A decoded tag on the pad, as the kiosk needs it. */
export interface PadTag {
  /** The reader it lies on. */
  deviceId: string;
  uid: string;
  kind: 'patron' | 'item' | 'unknown';
  itemId: string | null;
  patronId: string | null;
  /** The owner library (ISIL), which with the item id names a multi-part set. */
  owner: string | null;
  set: { parts: number; part: number } | null;
}

/** The AFI and EAS a book's tag carries in the library (secured) and on loan (unsecured). */
export interface PadSecurity {
  secured: { afi: number; eas: boolean };
  unsecured: { afi: number; eas: boolean };
}

/** What the pad needs from the devices: the security write, and a way to tell staff it failed. */
export interface PadPort {
  /** Writes AFI and EAS and reads them back; throws when the tag does not verifiably carry them. */
  setSecurity(deviceId: string, uid: string, values: { afi: number; eas: boolean }): Promise<void>;
  reportSecurityFailure(deviceId: string, uid: string, itemId: string, detail: string): void;
}

export interface KioskPadOptions {
  kiosk: KioskService;
  events: EventHub;
  port: PadPort;
  /** The site's security values, read at each write. */
  security: () => PadSecurity;
  log?: (message: string, err?: unknown) => void;
}

interface Job {
  action: KioskAction;
  itemId: string;
  uids: string[];
  set: KioskItemEvent['set'];
}

/**
 * The kiosk's RFID pad: a library card placed on it identifies the patron (as `kiosk.identify` with
 * entry 'rfid'); books placed on it while the patron borrows or returns are handled book by book,
 * each published as `kiosk.item` (pending, then done) so the screen shows every row live. A
 * multi-part set waits until all its parts are on the pad. After each transaction the book's
 * security is set as the library system said (`secure`, also for books scanned by barcode while
 * their tag lies on the pad), and a failed write is reported, never ignored.
 *
 * Each tag is handled once per placing: one left lying on the pad is not handled again (not lent
 * to the next patron, not returned when its borrower switches to returns) until it is lifted and
 * placed again.
 */
export class KioskPad {
  /** Tags on the pad now, in the order they arrived. */
  readonly #tags = new Map<string, PadTag>();
  /** Tags handled (or being handled) since they were placed. */
  readonly #handled = new Set<string>();
  /** Sets announced as waiting for parts: key → the parts present when last announced. */
  readonly #waiting = new Map<string, string>();
  readonly #jobs: Job[] = [];
  #action: KioskAction | null = null;
  #working = false;
  #identifying = false;
  /** Bumped at the end of each session: work from an earlier one is dropped. */
  #epoch = 0;

  constructor(private readonly o: KioskPadOptions) {}

  /** The screen's current action; books already on the pad are taken up at once. */
  setAction(action: KioskAction | null): void {
    this.#action = action;
    if (action !== 'checkout' && action !== 'checkin') this.#waiting.clear();
    this.#prepare();
  }

  /** The session ended: nothing more is done for it; books not yet handled stay for the next one. */
  sessionEnded(): void {
    this.#epoch += 1;
    this.#action = null;
    this.#waiting.clear();
    for (const job of this.#jobs.splice(0)) for (const uid of job.uids) this.#handled.delete(uid);
  }

  arrived(tag: PadTag): void {
    this.#tags.set(tag.uid, tag);
    if (tag.kind === 'patron' && tag.patronId) void this.#card(tag.patronId);
    else this.#prepare();
  }

  left(uid: string): void {
    if (!this.#tags.delete(uid)) return;
    this.#handled.delete(uid);
    this.#prepare();
  }

  /** Tags on the pad now. */
  present(): PadTag[] {
    return [...this.#tags.values()];
  }

  /**
   * Sets the security of the book's tag(s) on the pad as the library system said (desensitize →
   * the site's "on loan" values, resensitize → "in the library"). Never throws: a failure is
   * reported to staff and marked on the outcome for the patron.
   */
  async secure(outcome: ItemOutcome): Promise<ItemOutcome> {
    if (!outcome.ok || outcome.security === null) return outcome;
    const tags = this.present().filter((t) => t.kind === 'item' && t.itemId === outcome.itemId);
    if (tags.length === 0) return outcome;
    const site = this.o.security();
    const values = outcome.security === 'desensitize' ? site.unsecured : site.secured;
    let failed = false;
    for (const tag of tags) {
      try {
        await this.o.port.setSecurity(tag.deviceId, tag.uid, values);
      } catch (err) {
        failed = true;
        const detail = err instanceof Error ? err.message : String(err);
        this.o.log?.(`security of item ${outcome.itemId} (tag ${tag.uid}) not set`, detail);
        this.o.port.reportSecurityFailure(tag.deviceId, tag.uid, outcome.itemId, detail);
      }
    }
    return { ...outcome, securityFailed: failed };
  }

  /** A card on the pad while nobody is signed in and nothing else is going on: identify. */
  async #card(patronId: string): Promise<void> {
    if (this.#identifying || this.#action !== null || this.o.kiosk.status().session) return;
    this.#identifying = true;
    this.#publishCard({ state: 'checking' });
    try {
      const patron = await this.o.kiosk.identify({ patronId, entry: 'rfid' });
      this.#publishCard({ state: 'identified', patron });
      this.#prepare();
    } catch (err) {
      const error =
        err instanceof StationError
          ? err.toContract()
          : { code: 'INTERNAL' as const, message: 'The card could not be checked.' };
      if (!(err instanceof StationError)) this.o.log?.('identifying a card from the pad failed', err);
      this.#publishCard(
        error.code === 'PIN_REQUIRED'
          ? { state: 'pin-required', patronId }
          : { state: 'failed', patronId, error },
      );
    } finally {
      this.#identifying = false;
    }
  }

  /** Queues the books that are ready (whole sets) and announces the sets still waiting for parts. */
  #prepare(): void {
    const action = this.#action;
    if (action !== 'checkout' && action !== 'checkin') return;
    if (action === 'checkout' && !this.o.kiosk.status().session) return;
    // Each book (all parts of a set) on the pad with a part not handled since it was placed.
    const groups = new Map<string, PadTag[]>();
    for (const tag of this.#tags.values()) {
      if (tag.kind !== 'item' || !tag.itemId) continue;
      const key = `${tag.owner ?? ''}\u0000${tag.itemId}`;
      groups.set(key, [...(groups.get(key) ?? []), tag]);
    }
    for (const [key, tags] of groups) if (tags.every((t) => this.#handled.has(t.uid))) groups.delete(key);
    // Sets announced as waiting whose parts have all left: the row goes.
    for (const [key, seen] of this.#waiting) {
      if (groups.has(key)) continue;
      this.#waiting.delete(key);
      const [, itemId] = key.split('\u0000');
      const parts = Number(seen.split(':')[0]);
      this.#publishItem({
        action,
        itemId: itemId!,
        state: 'waiting',
        set: { parts, present: [] },
        outcome: null,
      });
    }
    for (const [key, tags] of groups) {
      const itemId = tags[0]!.itemId!;
      const parts = Math.max(1, ...tags.map((t) => t.set?.parts ?? 1));
      const present = [...new Set(tags.map((t) => t.set?.part ?? 1))].sort((a, b) => a - b);
      const set = parts > 1 ? { parts, present } : null;
      if (parts > 1 && present.length < parts) {
        const signature = `${parts}:${present.join(',')}`;
        if (this.#waiting.get(key) !== signature) {
          this.#waiting.set(key, signature);
          this.#publishItem({ action, itemId, state: 'waiting', set, outcome: null });
        }
        continue;
      }
      this.#waiting.delete(key);
      const uids = tags.map((t) => t.uid);
      for (const uid of uids) this.#handled.add(uid);
      this.#jobs.push({ action, itemId, uids, set });
      this.#publishItem({ action, itemId, state: 'pending', set, outcome: null });
    }
    void this.#work();
  }

  /** One book at a time, in the order they were placed. */
  async #work(): Promise<void> {
    if (this.#working) return;
    this.#working = true;
    try {
      for (let job = this.#jobs.shift(); job; job = this.#jobs.shift()) await this.#process(job);
    } finally {
      this.#working = false;
    }
  }

  async #process(job: Job): Promise<void> {
    const epoch = this.#epoch;
    let outcome: ItemOutcome;
    try {
      outcome = await this.o.kiosk.transact(job.action, job.itemId);
    } catch (err) {
      if (epoch !== this.#epoch) return;
      if (err instanceof StationError && err.code === 'NO_SESSION') {
        // The patron went meanwhile: the book stays for whoever comes next.
        for (const uid of job.uids) this.#handled.delete(uid);
        return;
      }
      if (!(err instanceof StationError)) this.o.log?.(`${job.action} from the pad failed`, err);
      outcome = refusedByKiosk(
        job.action,
        job.itemId,
        err instanceof StationError ? reasonFor(err.code) : 'REFUSED',
      );
    }
    if (epoch !== this.#epoch) return;
    this.#publishItem({ action: job.action, itemId: job.itemId, state: 'done', set: job.set, outcome });
  }

  #publishItem(event: KioskItemEvent): void {
    this.o.events.emit('kiosk.item', event);
  }

  #publishCard(event: KioskCardEvent): void {
    this.o.events.emit('kiosk.card', event);
  }
}

function reasonFor(code: string): ItemReason {
  if (code === 'ACTION_NOT_ALLOWED') return 'ACTION_NOT_ALLOWED';
  if (code === 'KIOSK_NOT_CONFIGURED' || code === 'LIBRARY_UNREACHABLE') return 'LIBRARY_UNREACHABLE';
  return 'REFUSED';
}
