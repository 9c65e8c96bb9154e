import type { ConnectionTestResult, ContractError, KioskSettings, KioskStatus } from '@contract/index.js';
import { STAFF_PIN_MAX } from '@contract/index.js';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/index.js';
import { invalidFields, isStaffPin } from './kiosk-settings-rules.js';

/**
 * pin: asking the staff PIN. notSet: none is set yet, and this screen cannot set one (only first-run
 * setup or `bitig admin set-staff-pin` can). loading: fetching the settings. form: the settings.
 */
export const AdminPhase = {
  pin: 'pin',
  notSet: 'notSet',
  loading: 'loading',
  form: 'form',
} as const;
export type AdminPhase = (typeof AdminPhase)[keyof typeof AdminPhase];

/** A PIN problem found before asking the core. */
export const PinProblem = { short: 'short' } as const;
export type PinProblem = (typeof PinProblem)[keyof typeof PinProblem];

export interface AdminData {
  phase: AdminPhase;
  entry: string;
  /** The verified staff PIN, needed by every admin call; dropped when the screen closes. */
  staffPin: string | null;
  busy: boolean;
  error: ContractError | null;
  /** Locally detected PIN problem: too short. */
  pinProblem: PinProblem | null;
  draft: KioskSettings | null;
  sip2PasswordSet: boolean;
  /** A new SIP2 password typed by staff; empty keeps the stored one. */
  sip2Password: string;
  invalid: string[];
  testing: boolean;
  test: ConnectionTestResult | null;
  saving: boolean;
  saved: boolean;
}

export function closedAdminState(): AdminData {
  return {
    phase: 'pin',
    entry: '',
    staffPin: null,
    busy: false,
    error: null,
    pinProblem: null,
    draft: null,
    sip2PasswordSet: false,
    sip2Password: '',
    invalid: [],
    testing: false,
    test: null,
    saving: false,
    saved: false,
  };
}

export interface KioskAdminState extends AdminData {
  start(staffPinSet: boolean): void;
  typeKey(digit: string): void;
  backspace(): void;
  clearEntry(): void;
  submitPin(): Promise<void>;
  update(recipe: (draft: KioskSettings) => KioskSettings): void;
  setPassword(password: string): void;
  testConnection(): Promise<void>;
  save(): Promise<KioskStatus | null>;
  /** Leave the admin screen: the staff PIN and the settings are forgotten. */
  reset(): void;
}

export type KioskAdminStore = StoreApi<KioskAdminState>;

/** What the screen says on a kiosk with no staff PIN: how to set one from the terminal. */
const NOT_SET: ContractError = { code: 'STAFF_PIN_NOT_SET', message: 'No staff PIN has been set yet.' };

export function createKioskAdminStore(api: ApiClient): KioskAdminStore {
  let epoch = 0;
  return createStore<KioskAdminState>()((set, get) => {
    const loadSettings = async (staffPin: string) => {
      const started = epoch;
      set({ phase: 'loading', staffPin, entry: '', error: null });
      const result = await api.call('admin.getKioskSettings', { staffPin });
      if (started !== epoch) return;
      if (result.ok) {
        set({
          phase: 'form',
          draft: result.value.settings,
          sip2PasswordSet: result.value.sip2PasswordSet,
          invalid: invalidFields(result.value.settings),
        });
      } else {
        set({ phase: 'pin', staffPin: null, error: result.error });
      }
    };

    return {
      ...closedAdminState(),

      start(staffPinSet) {
        epoch += 1;
        set(staffPinSet ? closedAdminState() : { ...closedAdminState(), phase: 'notSet', error: NOT_SET });
      },

      typeKey(digit) {
        if (!/^\d$/.test(digit) || get().entry.length >= STAFF_PIN_MAX) return;
        set((st) => ({ entry: st.entry + digit, pinProblem: null }));
      },

      backspace() {
        set((st) => ({ entry: st.entry.slice(0, -1) }));
      },

      clearEntry() {
        set({ entry: '' });
      },

      async submitPin() {
        const { phase, entry, busy } = get();
        if (busy || phase !== 'pin') return;
        if (!isStaffPin(entry)) {
          set({ pinProblem: 'short', error: null });
          return;
        }
        const started = epoch;
        set({ busy: true, error: null });
        const result = await api.call('admin.verifyStaffPin', { staffPin: entry });
        if (started !== epoch) return;
        set({ busy: false });
        if (result.ok) await loadSettings(entry);
        else if (result.error.code === 'STAFF_PIN_NOT_SET')
          set({ phase: 'notSet', entry: '', error: result.error });
        // Locked: shown with the time it unlocks; the keypad stays, as a later try may be allowed.
        else set({ entry: '', error: result.error });
      },

      update(recipe) {
        const draft = get().draft;
        if (!draft) return;
        const next = recipe(draft);
        set({ draft: next, invalid: invalidFields(next), saved: false });
      },

      setPassword(password) {
        set({ sip2Password: password, saved: false });
      },

      async testConnection() {
        const { draft, staffPin, sip2Password } = get();
        if (!draft || !staffPin) return;
        const started = epoch;
        set({ testing: true, test: null, error: null });
        const input =
          sip2Password === '' ? { staffPin, sip2: draft.sip2 } : { staffPin, sip2: draft.sip2, sip2Password };
        const result = await api.call('admin.testConnection', input);
        if (started !== epoch) return;
        if (result.ok) set({ testing: false, test: result.value });
        else set({ testing: false, error: result.error });
      },

      async save() {
        const { draft, staffPin, sip2Password, invalid } = get();
        if (!draft || !staffPin || invalid.length > 0) return null;
        const started = epoch;
        set({ saving: true, saved: false, error: null });
        const input =
          sip2Password === '' ? { staffPin, settings: draft } : { staffPin, settings: draft, sip2Password };
        const result = await api.call('admin.saveKioskSettings', input);
        if (started !== epoch) return null;
        if (!result.ok) {
          set({ saving: false, error: result.error });
          return null;
        }
        set({
          saving: false,
          saved: true,
          sip2Password: '',
          sip2PasswordSet: get().sip2PasswordSet || sip2Password !== '',
        });
        return result.value;
      },

      reset() {
        epoch += 1;
        set(closedAdminState());
      },
    };
  });
}
