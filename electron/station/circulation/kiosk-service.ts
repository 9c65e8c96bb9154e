import { randomUUID } from 'node:crypto';
import type {
  Account,
  ConnectionTestResult,
  ItemOutcome,
  KioskAction,
  KioskSettings,
  KioskStatus,
  Language,
  PatronSummary,
  Receipt,
  Settings,
  Sip2Settings,
} from '../contract/index.js';
import { idMatches } from '../devices/barcode/id-rules.js';
import { StationError } from '../errors.js';
import type { EventHub } from '../events.js';
import type { OutboxRepo } from '../store/outbox.js';
import { type DemoLibrary, startDemoLibrary } from './demo-library.js';
import { KioskAdmin } from './kiosk-admin.js';
import type { KioskConfig } from './kiosk-config.js';
import { type LibrarySystem, LibraryUnreachable, type PatronCredentials } from './library-system.js';
import { mayIdentifyOffline, offlineActions, offlineRefusal, promisedDueDate } from './offline-policy.js';
import { PatronPinLimit } from './patron-pin-limit.js';
import { PatronSession } from './patron-session.js';
import { refusedByKiosk } from './refused.js';
import type { SeenPatrons } from './seen-patrons.js';
import { Sip2Library } from './sip2-library.js';
import { REAL_CLOCK, type StaffPinClock } from './staff-pin.js';

export interface KioskServiceOptions {
  config: KioskConfig;
  outbox: OutboxRepo;
  seenPatrons: SeenPatrons;
  /**
   * Forwards what the outbox holds for the library system before a live transaction; resolves to
   * true when nothing is left waiting (then live transactions may go ahead).
   */
  forwardQueued?: (itemId: string) => Promise<boolean>;
  /** Called after a transaction is queued offline, so the sync engine can note it. */
  onQueued?: (rowId: number, maybeSent: boolean) => void;
  /** The library system answers again after it was away. */
  onReachable?: () => void;
  /** The library system's connection settings changed (null: none): the replay follows them. */
  onLibraryChanged?: (sip2: Sip2Settings | null, password: string | null) => void | Promise<void>;
  events: EventHub;
  dataDir: string;
  settings: () => Settings;
  /** Replaces the SIP2 library system (tests). */
  createLibrary?: (
    settings: Sip2Settings,
    password: string | null,
    onReachability: (online: boolean) => void,
  ) => LibrarySystem;
  log?: (message: string, err?: unknown) => void;
  /** The station's clock (tests pin it to an hour of the day). */
  now?: () => Date;
  /** The clock of the staff PIN's lock and the patron PIN's wait (tests move it by hand). */
  pinClock?: StaffPinClock;
}

/** What the station's devices add to the kiosk (`../station-devices.ts`). */
export interface KioskDeviceHooks {
  /**
   * After each checkout, return or renewal, before it is recorded: sets the book's RFID security as
   * the library system said, and gives back the outcome to record (with `securityFailed`).
   */
  secure?(outcome: ItemOutcome): Promise<ItemOutcome>;
  /** A session ended (the patron is already forgotten); the receipt when it was finished. */
  /** `language`: the patron's, for the printed receipt (the station's when not given). */
  sessionEnded?(
    receipt: Receipt | null,
    reason: 'finished' | 'idle' | 'cancelled',
    language?: Language,
  ): void;
}

/**
 * The kiosk's one circulation service: every checkout, return and renewal goes through here, so
 * this is where "online or queued" will be decided when the offline queue arrives. It owns the
 * patron session and the connection to the library system.
 */
export class KioskService {
  readonly #session = new PatronSession();
  #library: LibrarySystem | null = null;
  #demo: DemoLibrary | null = null;
  #online = false;
  /** The first connection to a library system just configured (start or save), while it is made. */
  #connecting: Promise<unknown> | null = null;
  #starting: Promise<void> | null = null;
  #hooks: KioskDeviceHooks = {};
  readonly #admin: KioskAdmin;
  readonly #patronPins: PatronPinLimit;

  constructor(private readonly o: KioskServiceOptions) {
    const clock = o.pinClock ?? REAL_CLOCK;
    this.#admin = new KioskAdmin({
      config: o.config,
      clock,
      timeZone: () => o.settings().timeZone,
      replaceLibrary: () => this.#replaceLibrary(),
      status: () => this.status(),
      publish: () => this.#publish(),
    });
    this.#patronPins = new PatronPinLimit(() => clock.now());
  }

  #now(): Date {
    return this.o.now?.() ?? new Date();
  }

  /** The devices' part of each transaction and of the end of each session. */
  setDeviceHooks(hooks: KioskDeviceHooks): void {
    this.#hooks = hooks;
  }

  /** Brings the library connection in line with the station's role and mode; idempotent. */
  start(): Promise<void> {
    this.#starting ??= this.#start().finally(() => {
      this.#starting = null;
    });
    return this.#starting;
  }

  async #start(): Promise<void> {
    const { role, mode, setupComplete } = this.o.settings();
    if (!setupComplete || role !== 'kiosk') return this.#stopLibrary();
    if (mode === 'demo' && !this.#demo) {
      this.#demo = await startDemoLibrary(this.o.dataDir, this.o.config.get(), this.o.settings().timeZone);
      this.o.config.save(this.#demo.settings, this.#demo.password);
      await this.#replaceLibrary();
    } else if (!this.#library) {
      await this.#replaceLibrary();
    }
  }

  async close(): Promise<void> {
    this.#session.wipe();
    await this.#stopLibrary();
    await this.#demo?.acs.close();
    this.#demo = null;
  }

  status(): KioskStatus {
    const s = this.o.config.get();
    const offline = !this.#online || this.#session.summary?.offline === true;
    return {
      configured: this.o.config.isConfigured(),
      online: this.#online,
      actions: offline ? offlineActions(s) : s.actions,
      pinPolicy: s.pinPolicy,
      typedCardAllowed: s.typedCardAllowed,
      idleTimeoutSeconds: s.idleTimeoutSeconds,
      idleWarningSeconds: s.idleWarningSeconds,
      sounds: s.sounds,
      staffPinSet: this.o.config.staffPinSet(),
      session: this.#session.summary,
    };
  }

  async identify(input: {
    patronId: string;
    pin?: string;
    entry: 'scan' | 'rfid' | 'typed';
  }): Promise<PatronSummary> {
    const s = this.o.config.get();
    this.#requireLibrary();
    if (input.entry === 'typed' && !s.typedCardAllowed) {
      throw new StationError('TYPED_CARD_NOT_ALLOWED', 'Typing a card number is not allowed here.');
    }
    if (!idMatches(s.patronIdPattern, input.patronId)) {
      throw new StationError('PATRON_ID_FORMAT', 'This is not a library card number.');
    }
    if (s.pinPolicy === 'always' && input.pin === undefined) {
      throw new StationError('PIN_REQUIRED', 'Enter your PIN.');
    }
    const pin = s.pinPolicy === 'never' ? undefined : input.pin;
    // A card that had its three wrong PINs waits, whatever is presented with it.
    this.#patronPins.assertMayTry(input.patronId);
    await this.#untilConnected(s);
    if (!this.#online) return this.#identifyOffline(input.patronId, s);
    let found: Awaited<ReturnType<LibrarySystem['identify']>>;
    try {
      // The library system as it is after the wait (staff may have saved other settings meanwhile).
      found = await this.#requireLibrary().identify(input.patronId, pin);
    } catch (err) {
      if (err instanceof LibraryUnreachable) return this.#identifyOffline(input.patronId, s);
      if (err instanceof StationError && err.code === 'PATRON_BLOCKED')
        this.o.seenPatrons.record(input.patronId, true);
      if (err instanceof StationError && err.code === 'PIN_WRONG') this.#patronPins.wrongPin(input.patronId);
      throw err;
    }
    this.#patronPins.accepted(input.patronId);
    if (s.pinPolicy === 'server' && pin === undefined && found.pinValid === false) {
      throw new StationError('PIN_REQUIRED', 'The library system asks for a PIN.');
    }
    this.o.seenPatrons.record(input.patronId, false);
    const summary: PatronSummary = { name: found.name, screenMessages: found.screenMessages, offline: false };
    this.#session.open({ patronId: input.patronId, pin }, summary);
    this.#publish();
    return summary;
  }

  /**
   * The library system is away: the card cannot be checked, so the site's offline policy decides.
   * No PIN can be checked either (the kiosk keeps none), so none is asked.
   */
  #identifyOffline(patronId: string, s: KioskSettings): PatronSummary {
    if (!mayIdentifyOffline(s.offline, patronId, this.o.seenPatrons)) {
      throw new StationError(
        'LIBRARY_UNREACHABLE',
        'The library system is not answering and this card cannot be checked.',
      );
    }
    const summary: PatronSummary = { name: '', screenMessages: [], offline: true };
    this.#session.open({ patronId, pin: undefined }, summary);
    this.#publish();
    return summary;
  }

  account(): Promise<Account> {
    const patron = this.#requireSession();
    if (this.#session.summary?.offline) {
      throw new StationError(
        'LIBRARY_UNREACHABLE',
        'The account cannot be shown while the library system is away.',
      );
    }
    return this.#requireLibrary().account(patron.patronId, patron.pin);
  }

  async transact(action: KioskAction, itemId: string): Promise<ItemOutcome> {
    const s = this.o.config.get();
    if (!s.actions[action])
      throw new StationError('ACTION_NOT_ALLOWED', `${action} is not allowed at this kiosk.`);
    const patron = action === 'checkin' ? this.#session.credentials : this.#requireSession();
    const library = this.#requireLibrary();
    const delivered =
      this.#checkItemId(action, itemId, s) ?? (await this.#deliver(library, action, itemId, patron, s));
    const outcome = this.#hooks.secure ? await this.#hooks.secure(delivered) : delivered;
    if (this.#session.credentials) this.#session.record(outcome);
    return outcome;
  }

  /** Live when the library system answers and nothing older waits in the queue; queued otherwise. */
  async #deliver(
    library: LibrarySystem,
    action: KioskAction,
    itemId: string,
    patron: PatronCredentials | null,
    s: KioskSettings,
  ): Promise<ItemOutcome> {
    if (!this.#online || this.#session.summary?.offline)
      return this.#queueOffline(action, itemId, patron, s, false);
    if (this.o.forwardQueued && !(await this.o.forwardQueued(itemId)))
      return this.#queueOffline(action, itemId, patron, s, false);
    try {
      return await library.transact(action, itemId, patron);
    } catch (err) {
      if (!(err instanceof LibraryUnreachable)) throw err;
      this.#setOnline(false);
      return this.#queueOffline(action, itemId, patron, s, err.maybeSent);
    }
  }

  /**
   * Records the transaction for replay, with its time and the due date promised, within the site's
   * offline policy. Durable before the patron sees ✓: the outbox commits with synchronous=FULL.
   */
  #queueOffline(
    action: KioskAction,
    itemId: string,
    patron: PatronCredentials | null,
    s: KioskSettings,
    maybeSent: boolean,
  ): ItemOutcome {
    // A transaction that may already have reached the library system is queued whatever the policy
    // says: the sync engine checks whether it took effect before anything is sent again.
    const refusal = maybeSent
      ? null
      : offlineRefusal(
          action,
          s.offline,
          this.#session.outcomes,
          () => this.o.outbox.counts().sip2?.pending ?? 0,
        );
    if (refusal) return refusedByKiosk(action, itemId, refusal);
    const now = this.#now();
    const dueDate = promisedDueDate(action, now, s.offline, this.o.settings().timeZone);
    const row = this.o.outbox.enqueue({
      idempotencyKey: randomUUID(),
      target: 'sip2',
      orderingKey: itemId,
      // A return is replayed without a patron (SIP2 checkin has none): its card number is not kept.
      payload: {
        action,
        patronId: action === 'checkin' ? null : (patron?.patronId ?? null),
        itemId,
        promisedDueDate: dueDate,
      },
      eventTime: now,
      maybeSent,
    });
    this.o.onQueued?.(row.id, maybeSent);
    return {
      action,
      itemId,
      ok: true,
      title: null,
      dueDate,
      reason: null,
      screenMessages: [],
      security: action === 'checkout' ? 'desensitize' : action === 'checkin' ? 'resensitize' : null,
      pending: true,
    };
  }

  async renewAll(): Promise<ItemOutcome[]> {
    if (!this.o.config.get().actions.renew)
      throw new StationError('ACTION_NOT_ALLOWED', 'Renewal is not allowed here.');
    const outcomes = await this.#requireLibrary().renewAll(this.#requireSession());
    for (const outcome of outcomes) this.#session.record(outcome);
    return outcomes;
  }

  /** Ends the session on the library system (35), then forgets the patron whatever it answered. */
  async endSession(reason: 'finished' | 'idle' | 'cancelled', language?: Language): Promise<Receipt | null> {
    const patron = this.#session.credentials;
    const summary = this.#session.summary;
    if (!patron || !summary) return null;
    const receipt: Receipt | null =
      reason === 'finished'
        ? {
            patronName: summary.name,
            library: this.o.config.get().sip2.institutionId,
            printedAt: this.#now().toISOString(),
            items: [...this.#session.outcomes],
          }
        : null;
    try {
      if (this.#online && !summary.offline) await this.#library?.endSession(patron);
    } catch (err) {
      // The session ends here regardless: the next patron must never inherit this one.
      this.o.log?.('end patron session failed', err instanceof StationError ? err.code : err);
    } finally {
      this.#session.wipe();
      this.#publish();
      try {
        this.#hooks.sessionEnded?.(receipt, reason, language);
      } catch (err) {
        this.o.log?.('devices at the end of a session failed', err);
      }
    }
    return receipt;
  }

  // Staff: the admin screen (kiosk-admin.ts).

  verifyStaffPin(pin: string): Promise<{ ok: true }> {
    return this.#admin.verifyStaffPin(pin);
  }

  setStaffPin(currentPin: string | undefined, newPin: string): Promise<{ ok: true }> {
    return this.#admin.setStaffPin(currentPin, newPin);
  }

  initialStaffPin(pin: string): Promise<void> {
    return this.#admin.initialStaffPin(pin);
  }

  getSettings(pin: string): Promise<{ settings: KioskSettings; sip2PasswordSet: boolean }> {
    return this.#admin.getSettings(pin);
  }

  saveSettings(pin: string, settings: KioskSettings, sip2Password?: string): Promise<KioskStatus> {
    return this.#admin.saveSettings(pin, settings, sip2Password);
  }

  testConnection(pin: string, sip2: Sip2Settings, sip2Password?: string): Promise<ConnectionTestResult> {
    return this.#admin.testConnection(pin, sip2, sip2Password);
  }

  #checkItemId(action: KioskAction, itemId: string, s: KioskSettings): ItemOutcome | null {
    const looksLikeCard =
      itemId === this.#session.credentials?.patronId ||
      (s.patronIdPattern !== '' &&
        idMatches(s.patronIdPattern, itemId) &&
        !idMatches(s.itemIdPattern, itemId));
    const reason = looksLikeCard
      ? 'PATRON_CARD_AS_ITEM'
      : idMatches(s.itemIdPattern, itemId)
        ? null
        : 'ITEM_ID_FORMAT';
    return reason ? refusedByKiosk(action, itemId, reason) : null;
  }

  #requireLibrary(): LibrarySystem {
    if (!this.#library)
      throw new StationError('KIOSK_NOT_CONFIGURED', 'The kiosk has no library system configured.');
    return this.#library;
  }

  #requireSession() {
    const credentials = this.#session.credentials;
    if (!credentials) throw new StationError('NO_SESSION', 'No patron is identified.');
    return credentials;
  }

  async #replaceLibrary(): Promise<void> {
    await this.#stopLibrary();
    if (!this.o.config.isConfigured()) {
      await this.o.onLibraryChanged?.(null, null);
      return this.#publish();
    }
    await this.o.onLibraryChanged?.(this.o.config.get().sip2, this.o.config.sip2Password());
    const create =
      this.o.createLibrary ??
      ((settings, password, onReachability) =>
        new Sip2Library({ settings, password, onReachability, timeZone: this.o.settings().timeZone }));
    this.#library = create(this.o.config.get().sip2, this.o.config.sip2Password(), (online) =>
      this.#setOnline(online),
    );
    // Connect at once, not awaited by the caller (staff saving settings); a patron who comes
    // meanwhile waits for it in identify, so the kiosk is not "offline" only because it just started.
    const connecting: Promise<unknown> = this.#library.probe().finally(() => {
      if (this.#connecting === connecting) this.#connecting = null;
    });
    this.#connecting = connecting;
  }

  /** While the first connection is being made, waits for it, at most the library system's timeout. */
  async #untilConnected(s: KioskSettings): Promise<void> {
    const connecting = this.#connecting;
    if (this.#online || !connecting) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(resolve, s.sip2.timeoutSeconds * 1000);
    });
    try {
      await Promise.race([connecting, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async #stopLibrary(): Promise<void> {
    const old = this.#library;
    this.#library = null;
    this.#connecting = null;
    this.#online = false;
    await old?.close().catch((err) => this.o.log?.('closing the library connection failed', err));
  }

  #setOnline(online: boolean): void {
    if (online === this.#online) return;
    this.#online = online;
    if (online) this.o.onReachable?.();
    this.#publish();
  }

  #publish(): void {
    this.o.events.emit('kiosk.status', this.status());
  }
}
