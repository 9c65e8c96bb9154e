import type {
  Account,
  ContractError,
  KioskAction,
  KioskCardEvent,
  KioskItemEvent,
  KioskStatus,
  Language,
  PatronSummary,
  Receipt,
} from '@contract/index.js';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/index.js';
import type { SoundKind } from '../ui/sounds.js';
import {
  addRenewRows,
  addScannedRow,
  failRows,
  type ItemRow,
  mergePadItem,
  mergeRenewOutcomes,
  updateRow,
} from './kiosk-rows.js';
import { KioskStep, MAX_ID_LENGTH, MAX_PIN_LENGTH } from './kiosk-steps.js';
import { reloadOnReconnect } from './reload-on-reconnect.js';

/** Where the identify step is: the card number being typed, the PIN, the call, or a refusal. */
export const IdentifyPhase = {
  card: 'card',
  pin: 'pin',
  checking: 'checking',
  failed: 'failed',
} as const;
export type IdentifyPhase = (typeof IdentifyPhase)[keyof typeof IdentifyPhase];

export { type ItemRow, RowState } from './kiosk-rows.js';

/**
 * Everything the kiosk knows about the person in front of it. All of it goes at once in `wipe`:
 * nothing here may outlive the session.
 */
export interface PatronData {
  step: KioskStep;
  identifyPhase: IdentifyPhase;
  /** The card presented, until the library system has accepted it (with the PIN). */
  cardNumber: string | null;
  cardTyped: boolean;
  /** The card was placed on the RFID pad. */
  cardFromPad: boolean;
  identifyError: ContractError | null;
  /** What is being typed on the on-screen keys: a card number, a PIN or an item number. */
  entry: string;
  /** The on-screen keyboard is open on the items screen. */
  keyboardOpen: boolean;
  patron: PatronSummary | null;
  action: KioskAction | null;
  /** Newest first. */
  rows: ItemRow[];
  account: Account | null;
  accountLoading: boolean;
  accountError: ContractError | null;
  finishing: boolean;
  receipt: Receipt | null;
  finishError: ContractError | null;
}

/** The kiosk with nobody at it. A new object each time (no shared arrays). */
export function patronFreeState(): PatronData {
  return {
    step: KioskStep.welcome,
    identifyPhase: 'card',
    cardNumber: null,
    cardTyped: false,
    cardFromPad: false,
    identifyError: null,
    entry: '',
    keyboardOpen: false,
    patron: null,
    action: null,
    rows: [],
    account: null,
    accountLoading: false,
    accountError: null,
    finishing: false,
    receipt: null,
    finishError: null,
  };
}

export interface KioskState extends PatronData {
  /** The kiosk's configuration and the library system's reachability; never holds the patron. */
  status: KioskStatus | null;
  statusError: ContractError | null;

  loadStatus(): Promise<void>;
  /** A scan arrived (card or item, as the step decides). */
  scan(code: string): void;
  presentCard(patronId: string, typed?: boolean): Promise<void>;
  startTypedCard(): void;
  typeKey(ch: string): void;
  backspace(): void;
  clearEntry(): void;
  /** OK on the on-screen keys: the card number, the PIN or the item number. */
  submitEntry(): Promise<void>;
  chooseAction(action: KioskAction): void;
  /** Returns without a card, from the welcome screen. */
  startReturns(): void;
  setKeyboardOpen(open: boolean): void;
  scanItem(itemId: string): Promise<void>;
  renewAll(): Promise<void>;
  openAccount(): void;
  loadAccount(): Promise<void>;
  goHome(): void;
  finish(): Promise<void>;
  /** The idle countdown reached zero: forget the patron now, then end the session on the core. */
  expireIdle(): void;
  /** Forget everything about the patron and show the welcome screen. */
  wipe(): void;
  openAdmin(): void;
  closeAdmin(): void;
  /**
   * Listens to the station's devices while the kiosk screens are up: barcodes from serial and USB
   * readers (as scans), cards and books on the RFID pad. Returns the way to stop listening.
   */
  connectDevices(): () => void;
}

export type KioskStore = StoreApi<KioskState>;

export interface KioskStoreOptions {
  /** Called with the result of each item and identification (the bound store plays a sound). */
  feedback?: (kind: SoundKind) => void;
  /**
   * Called after every wipe, whatever caused it (finish, idle, cancel, leaving the admin screen, the
   * next patron's card): what else belongs to the visit outside this store goes too (the bound store
   * returns the screen to the station's language).
   */
  onWipe?: () => void;
  /** The language on screen now (the patron's for the visit): the printed receipt is in it. */
  language?: () => Language;
}

const METHOD = {
  checkout: 'kiosk.checkout',
  checkin: 'kiosk.checkin',
  renew: 'kiosk.renew',
} as const satisfies Record<KioskAction, string>;

/** Errors a patron can fix by typing the card number again. */
const RETYPE_CARD = new Set<string>(['PATRON_UNKNOWN', 'PATRON_ID_FORMAT']);

export function createKioskStore(api: ApiClient, options: KioskStoreOptions = {}): KioskStore {
  const feedback = (kind: SoundKind) => {
    try {
      options.feedback?.(kind);
    } catch {
      // A sound is never worth an error.
    }
  };
  // Bumped by every wipe: a reply that arrives after it belongs to a patron who has gone.
  let epoch = 0;
  // Bumped by every identify call, so a late reply can tell whether it is still the latest.
  let identifySeq = 0;
  let rowKey = 0;

  const store = createStore<KioskState>()((set, get) => {
    const patchRow = (key: number, patch: Partial<ItemRow>) =>
      set((st) => ({ rows: updateRow(st.rows, key, patch) }));

    const identify = async (patronId: string, pin: string | undefined) => {
      const started = epoch;
      const seq = ++identifySeq;
      set({ identifyPhase: 'checking', identifyError: null, entry: '' });
      const entry = get().cardFromPad ? 'rfid' : get().cardTyped ? 'typed' : 'scan';
      const result = await api.call(
        'kiosk.identify',
        pin === undefined ? { patronId, entry } : { patronId, pin, entry },
      );
      if (started !== epoch) {
        // Wiped meanwhile (idle, cancel): a session opened for nobody must not stay open.
        if (result.ok && seq === identifySeq && get().patron === null) {
          void api.call('kiosk.endSession', { reason: 'cancelled' });
        }
        return;
      }
      if (result.ok) {
        feedback('success');
        set({
          step: KioskStep.home,
          patron: result.value,
          cardNumber: null,
          cardTyped: false,
          cardFromPad: false,
          identifyPhase: 'card',
          identifyError: null,
          entry: '',
        });
        return;
      }
      const error = result.error;
      if (error.code === 'PIN_REQUIRED') {
        set({ identifyPhase: 'pin', identifyError: pin === undefined ? null : error });
        return;
      }
      feedback('failure');
      if (error.code === 'PIN_WRONG') {
        set({ identifyPhase: 'pin', identifyError: error });
      } else if (get().cardTyped && RETYPE_CARD.has(error.code)) {
        // Let them correct what they typed.
        set({ identifyPhase: 'card', identifyError: error, entry: patronId, cardNumber: null });
      } else {
        set({ identifyPhase: 'failed', identifyError: error, cardNumber: null });
      }
    };

    /** Books on the RFID pad follow what the patron is doing. */
    const padAction = (action: KioskAction | null) => {
      void api.call('kiosk.setAction', { action });
    };

    /** A book on the pad, as the station handles it: its row appears, waits for parts, resolves. */
    const padItem = (event: KioskItemEvent) => {
      const st = get();
      // Nobody is borrowing or returning here (any more): nothing to show.
      if (st.patron === null && st.action === null) return;
      const rows = mergePadItem(st.rows, event, () => ++rowKey);
      if (rows !== st.rows) set({ rows });
      const outcome = event.outcome;
      if (event.state === 'done' && outcome)
        feedback(outcome.ok && !outcome.securityFailed ? 'success' : 'failure');
    };

    /** A card on the pad, as the station identifies it. */
    const padCard = (event: KioskCardEvent) => {
      const st = get();
      if (st.step === KioskStep.admin) {
        // Staff are at the kiosk: a session the pad opened meanwhile is closed again.
        if (event.state === 'identified') void api.call('kiosk.endSession', { reason: 'cancelled' });
        return;
      }
      if (st.patron !== null || (st.step === KioskStep.finish && st.finishing)) return;
      if (st.step === KioskStep.finish) wipe();
      const base = { step: KioskStep.identify, cardTyped: false, entry: '', identifyError: null };
      switch (event.state) {
        case 'checking':
          set({ ...base, identifyPhase: 'checking', cardNumber: null, cardFromPad: true });
          return;
        case 'pin-required':
          set({ ...base, identifyPhase: 'pin', cardNumber: event.patronId, cardFromPad: true });
          return;
        case 'identified':
          feedback('success');
          set({
            ...base,
            step: KioskStep.home,
            patron: event.patron,
            identifyPhase: 'card',
            cardNumber: null,
            cardFromPad: false,
          });
          return;
        case 'failed':
          feedback('failure');
          set({
            ...base,
            identifyPhase: 'failed',
            identifyError: event.error,
            cardNumber: null,
            cardFromPad: false,
          });
          return;
      }
    };

    const wipe = () => {
      epoch += 1;
      if (get().action !== null) padAction(null);
      const status = get().status;
      set({ ...patronFreeState(), status: status && { ...status, session: null } });
      try {
        options.onWipe?.();
      } catch {
        // The patron is forgotten already; whatever failed here must not undo that.
      }
    };

    return {
      ...patronFreeState(),
      status: null,
      statusError: null,

      async loadStatus() {
        const result = await api.call('kiosk.status', {});
        if (!result.ok) {
          set({ statusError: result.error });
          return;
        }
        const { session } = result.value;
        set({ status: { ...result.value, session: null }, statusError: null });
        // After a reload of the screen, the core may still hold the patron's session: carry on with it.
        if (session && get().patron === null && get().step === KioskStep.welcome) {
          set({ patron: session, step: KioskStep.home });
        }
      },

      scan(code) {
        const st = get();
        switch (st.step) {
          case KioskStep.welcome:
          case KioskStep.identify:
            // A kiosk that is not set up says so on its welcome screen; a card changes nothing.
            if (st.status?.configured === false) return;
            if (st.identifyPhase !== 'checking') void st.presentCard(code);
            return;
          case KioskStep.finish:
            // The next patron is here already.
            if (st.finishing) return;
            wipe();
            void get().presentCard(code);
            return;
          case KioskStep.home:
            if (st.status?.actions.checkout) {
              st.chooseAction('checkout');
              void get().scanItem(code);
            }
            return;
          case KioskStep.items:
            void st.scanItem(code);
            return;
          default:
            return;
        }
      },

      async presentCard(patronId, typed = false) {
        const id = patronId.trim();
        if (id === '' || get().patron !== null) return;
        set({
          step: KioskStep.identify,
          cardNumber: id,
          cardTyped: typed,
          identifyError: null,
          entry: '',
          identifyPhase: 'card',
        });
        if (get().status?.pinPolicy === 'always') {
          set({ identifyPhase: 'pin' });
          return;
        }
        await identify(id, undefined);
      },

      startTypedCard() {
        if (get().patron !== null) return;
        set({
          step: KioskStep.identify,
          identifyPhase: 'card',
          cardNumber: null,
          cardTyped: true,
          identifyError: null,
          entry: '',
        });
      },

      typeKey(ch) {
        const st = get();
        const max =
          st.step === KioskStep.identify && st.identifyPhase === 'pin' ? MAX_PIN_LENGTH : MAX_ID_LENGTH;
        if (st.entry.length >= max) return;
        set({ entry: st.entry + ch });
      },

      backspace() {
        set((st) => ({ entry: st.entry.slice(0, -1) }));
      },

      clearEntry() {
        set({ entry: '' });
      },

      async submitEntry() {
        const st = get();
        const entry = st.entry.trim();
        if (entry === '') return;
        if (st.step === KioskStep.identify && st.identifyPhase === 'card') {
          await st.presentCard(entry, true);
        } else if (st.step === KioskStep.identify && st.identifyPhase === 'pin' && st.cardNumber !== null) {
          await identify(st.cardNumber, entry);
        } else if (st.step === KioskStep.items) {
          set({ entry: '', keyboardOpen: false });
          await st.scanItem(entry);
        }
      },

      chooseAction(action) {
        if (get().patron === null) return;
        set({ step: KioskStep.items, action, entry: '', keyboardOpen: false });
        padAction(action);
        if (action === 'renew') void get().loadAccount();
      },

      startReturns() {
        if (get().patron !== null || !get().status?.actions.checkin) return;
        set({ step: KioskStep.items, action: 'checkin', entry: '', keyboardOpen: false });
        padAction('checkin');
      },

      setKeyboardOpen(open) {
        set({ keyboardOpen: open, entry: '' });
      },

      async scanItem(rawId) {
        const { action, rows } = get();
        const itemId = rawId.trim();
        if (action === null || itemId === '') return;
        const next = addScannedRow(rows, action, itemId, rowKey + 1);
        if (next === null) return;
        const key = ++rowKey;
        set({ rows: next });
        const started = epoch;
        const result = await api.call(METHOD[action], { itemId });
        if (started !== epoch) return;
        if (result.ok) {
          patchRow(key, { state: result.value.ok ? 'ok' : 'error', outcome: result.value });
          feedback(result.value.ok ? 'success' : 'failure');
        } else {
          patchRow(key, { state: 'error', error: result.error });
          feedback('failure');
        }
      },

      async renewAll() {
        const { account, rows } = get();
        if (get().patron === null) return;
        const { rows: next, keys, ids } = addRenewRows(rows, account?.loans ?? [], () => ++rowKey);
        set({ rows: next });
        const started = epoch;
        const result = await api.call('kiosk.renewAll', {});
        if (started !== epoch) return;
        if (!result.ok) {
          set((st) => ({ rows: failRows(st.rows, keys, result.error) }));
          feedback('failure');
          return;
        }
        set((st) => ({ rows: mergeRenewOutcomes(st.rows, keys, ids, result.value, () => ++rowKey) }));
        feedback(result.value.every((o) => o.ok) ? 'success' : 'failure');
      },

      openAccount() {
        if (get().patron === null) return;
        set({ step: KioskStep.account });
        void get().loadAccount();
      },

      async loadAccount() {
        const started = epoch;
        set({ accountLoading: true, accountError: null });
        const result = await api.call('kiosk.account', {});
        if (started !== epoch) return;
        if (result.ok) set({ account: result.value, accountLoading: false });
        else set({ accountError: result.error, accountLoading: false });
      },

      goHome() {
        if (get().patron === null) {
          wipe();
          return;
        }
        if (get().action !== null) padAction(null);
        set({ step: KioskStep.home, action: null, entry: '', keyboardOpen: false });
      },

      async finish() {
        const { patron } = get();
        if (get().action !== null) padAction(null);
        set({ step: KioskStep.finish, entry: '', keyboardOpen: false, receipt: null, finishError: null });
        if (patron === null) return;
        const started = epoch;
        set({ finishing: true });
        const language = options.language?.();
        const result = await api.call('kiosk.endSession', {
          reason: 'finished',
          ...(language ? { language } : {}),
        });
        if (started !== epoch) return;
        set({
          finishing: false,
          receipt: result.ok ? result.value : null,
          finishError: result.ok ? null : result.error,
        });
      },

      expireIdle() {
        const hadSession = get().patron !== null;
        wipe();
        if (hadSession) void api.call('kiosk.endSession', { reason: 'idle' });
      },

      wipe,

      openAdmin() {
        if (get().step === KioskStep.welcome) set({ step: KioskStep.admin });
      },

      closeAdmin() {
        if (get().step === KioskStep.admin) wipe();
      },

      connectDevices() {
        // A screen reloaded mid-visit: the pad follows what this screen shows.
        padAction(get().action);
        const off = [
          api.on('barcode.scanned', ({ text }) => {
            // The admin screen's fields take typing, not scans (as with keyboard-wedge readers).
            if (get().step !== KioskStep.admin) get().scan(text);
          }),
          api.on('kiosk.item', padItem),
          api.on('kiosk.card', padCard),
        ];
        return () => {
          for (const stop of off) stop();
        };
      },
    };
  });

  api.on('kiosk.status', (status) => {
    // The status names the patron of an open session; the store keeps only the kiosk's part.
    store.setState({ status: { ...status, session: null }, statusError: null });
  });

  reloadOnReconnect(api, () => void store.getState().loadStatus());

  return store;
}
