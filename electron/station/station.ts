import type { AppInfo, Settings } from './contract.js';
import { createDispatch, type Dispatch } from './dispatch.js';
import { StationError } from './errors.js';
import { EventHub } from './events.js';
import { openStore, type Store } from './store/db.js';
import { OutboxRepo } from './store/outbox.js';
import { SettingsRepo } from './store/settings.js';
import { APP_VERSION } from './version.js';

export interface StationOptions {
  dataDir: string;
  host: AppInfo['host'];
  /** Path to a better-sqlite3 binary built for this runtime (Electron's ABI differs from Node's). */
  sqliteBinding?: string;
  /** Where unexpected errors go; the caller sees only INTERNAL. */
  log?: (message: string, err?: unknown) => void;
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

  private constructor(
    readonly store: Store,
    private readonly options: StationOptions,
  ) {
    this.settings = new SettingsRepo(store.db);
    this.outbox = new OutboxRepo(store.db, store.dataDir);
    this.dispatch = createDispatch(
      {
        'app.info': () => this.info(),
        'settings.get': () => this.settings.get(),
        'setup.complete': (input) => {
          if (this.settings.get().setupComplete) {
            throw new StationError('ALREADY_SET_UP', 'This station has already been set up.');
          }
          return this.changeSettings({ ...input, setupComplete: true });
        },
        'settings.setLanguage': ({ language }) => this.changeSettings({ language }),
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

  close(): void {
    this.store.close();
  }
}
