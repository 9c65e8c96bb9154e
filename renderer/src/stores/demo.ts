import type { ContractError, DemoState, DemoTagKind } from '@contract/index.js';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/index.js';

/**
 * Demo mode's panel of simulated devices: what lies on the simulated RFID pad, the training
 * library's books and cards to put there, and a barcode to "scan" with the simulated serial reader.
 * It holds the training library's catalogue only, never a patron's session.
 */
export interface DemoPanelState {
  open: boolean;
  state: DemoState | null;
  busy: boolean;
  error: ContractError | null;
  scanText: string;
  toggle(): void;
  close(): void;
  load(): Promise<void>;
  place(kind: DemoTagKind, id: string): Promise<void>;
  remove(uid: string): Promise<void>;
  setScanText(text: string): void;
  scan(): Promise<void>;
  /** Keeps the pad's list current as tags come and go (and change security); returns the way to stop. */
  watch(): () => void;
}

export type DemoPanelStore = StoreApi<DemoPanelState>;

export function createDemoPanelStore(api: ApiClient): DemoPanelStore {
  const apply = (
    result: { ok: true; value: DemoState } | { ok: false; error: ContractError },
    set: DemoPanelStore['setState'],
  ) => {
    if (result.ok) set({ state: result.value, error: null, busy: false });
    else set({ error: result.error, busy: false });
  };

  const store = createStore<DemoPanelState>()((set, get) => ({
    open: false,
    state: null,
    busy: false,
    error: null,
    scanText: '',

    toggle() {
      const open = !get().open;
      set({ open });
      if (open) void get().load();
    },

    close() {
      set({ open: false });
    },

    async load() {
      apply(await api.call('demo.state', {}), set);
    },

    async place(kind, id) {
      set({ busy: true });
      apply(await api.call('demo.placeTag', { kind, id }), set);
    },

    async remove(uid) {
      set({ busy: true });
      apply(await api.call('demo.removeTag', { uid }), set);
    },

    setScanText(text) {
      set({ scanText: text });
    },

    async scan() {
      const text = get().scanText.trim();
      if (text === '') return;
      set({ busy: true });
      const result = await api.call('demo.scanBarcode', { text });
      set(result.ok ? { busy: false, error: null, scanText: '' } : { busy: false, error: result.error });
    },

    watch() {
      let timer: ReturnType<typeof setTimeout> | undefined;
      // Security is switched after a book arrives: look again a little later too.
      const reload = () => {
        if (!get().open) return;
        void get().load();
        clearTimeout(timer);
        timer = setTimeout(() => void get().load(), 600);
      };
      const off = [api.on('rfid.present', reload), api.on('kiosk.item', reload)];
      return () => {
        clearTimeout(timer);
        for (const stop of off) stop();
      };
    },
  }));
  return store;
}
