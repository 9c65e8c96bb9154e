import { KioskConfig } from './circulation/kiosk-config.js';
import { KioskService } from './circulation/kiosk-service.js';
import { SeenPatrons } from './circulation/seen-patrons.js';
import type { AppInfo, Settings } from './contract.js';
import { createDispatch, type Dispatch } from './dispatch.js';
import { StationError } from './errors.js';
import { EventHub } from './events.js';
import { openStore, type Store } from './store/db.js';
import { OutboxRepo } from './store/outbox.js';
import { KeyFileSecretBox, type SecretBox } from './store/secrets.js';
import { SettingsRepo } from './store/settings.js';
import { APP_VERSION } from './version.js';

export interface StationOptions {
  dataDir: string;
  host: AppInfo['host'];
  /** Path to a better-sqlite3 binary built for this runtime (Electron's ABI differs from Node's). */
  sqliteBinding?: string;
  /** Where unexpected errors go; the caller sees only INTERNAL. */
  log?: (message: string, err?: unknown) => void;
  /** How secrets are sealed: the OS keychain in Electron; by default a key file in the data dir. */
  secrets?: SecretBox;
}

/**
 * The composition root: opens the store, and implements the contract. The core cannot tell which
 * host it runs in; `host` is only reported by app.info.
 */
export class Station {
  readonly events = new EventHub();
  readonly dispatch: Dispatch;
  readonly settings: SettingsRepo;
  readonly outbox: OutboxRepo;
  readonly kiosk: KioskService;

  private constructor(
    readonly store: Store,
    private readonly options: StationOptions,
  ) {
    this.settings = new SettingsRepo(store.db);
    this.outbox = new OutboxRepo(store.db, store.dataDir);
    this.kiosk = new KioskService({
      config: new KioskConfig(this.settings, options.secrets ?? new KeyFileSecretBox(store.dataDir)),
      events: this.events,
      outbox: this.outbox,
      seenPatrons: new SeenPatrons(store.db, this.settings),
      dataDir: store.dataDir,
      settings: () => this.settings.get(),
      log: options.log,
    });
    this.dispatch = createDispatch(
      {
        'app.info': () => this.info(),
        'settings.get': () => this.settings.get(),
        'setup.complete': async (input) => {
          if (this.settings.get().setupComplete) {
            throw new StationError('ALREADY_SET_UP', 'This station has already been set up.');
          }
          const settings = this.changeSettings({ ...input, setupComplete: true });
          await this.kiosk.start();
          return settings;
        },
        'settings.setLanguage': ({ language }) => this.changeSettings({ language }),
        'kiosk.status': () => this.kiosk.status(),
        'kiosk.identify': (input) => this.kiosk.identify(input),
        'kiosk.account': () => this.kiosk.account(),
        'kiosk.checkout': ({ itemId }) => this.kiosk.transact('checkout', itemId),
        'kiosk.checkin': ({ itemId }) => this.kiosk.transact('checkin', itemId),
        'kiosk.renew': ({ itemId }) => this.kiosk.transact('renew', itemId),
        'kiosk.renewAll': () => this.kiosk.renewAll(),
        'kiosk.endSession': ({ reason }) => this.kiosk.endSession(reason),
        'admin.verifyStaffPin': ({ staffPin }) => this.kiosk.verifyStaffPin(staffPin),
        'admin.setStaffPin': ({ currentPin, newPin }) => this.kiosk.setStaffPin(currentPin, newPin),
        'admin.getKioskSettings': ({ staffPin }) => this.kiosk.getSettings(staffPin),
        'admin.saveKioskSettings': ({ staffPin, settings, sip2Password }) =>
          this.kiosk.saveSettings(staffPin, settings, sip2Password),
        'admin.testConnection': ({ staffPin, sip2, sip2Password }) =>
          this.kiosk.testConnection(staffPin, sip2, sip2Password),
      },
      (method, err) => options.log?.(`${method} failed`, err),
    );
  }

  static open(options: StationOptions): Station {
    const store = openStore({ dataDir: options.dataDir, nativeBinding: options.sqliteBinding });
    return new Station(store, options);
  }

  info(): AppInfo {
    return {
      name: 'Bitig',
      version: APP_VERSION,
      host: this.options.host,
      schemaVersion: this.store.schemaVersion,
      dataDir: this.store.dataDir,
    };
  }

  private changeSettings(patch: Partial<Settings>): Settings {
    const next = this.settings.update(patch);
    this.events.emit('settings.changed', next);
    return next;
  }

  /** Starts what runs in the background: the kiosk's library connection (and demo library). */
  async start(): Promise<void> {
    await this.kiosk.start();
  }

  /** The database closes at once (a quitting Electron app does not wait); connections wind down after. */
  async close(): Promise<void> {
    const kioskClosed = this.kiosk.close();
    this.store.close();
    await kioskClosed;
  }
}
