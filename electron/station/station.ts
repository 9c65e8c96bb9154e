import fs from 'node:fs';
import path from 'node:path';
import { CatalogService } from './catalog/catalog-service.js';
import { type DemoCatalogue, demoCatalogueSource, startDemoCatalogue } from './catalog/index.js';
import { CatalogSourceStore, type SourceWithLogin } from './catalog/source-store.js';
import { KioskConfig } from './circulation/kiosk-config.js';
import { KioskService } from './circulation/kiosk-service.js';
import { PatronDataRetention } from './circulation/retention.js';
import { SeenPatrons } from './circulation/seen-patrons.js';
import { SIP2_REPLAY_CONCURRENCY, Sip2ReplayTarget, sip2ReplayClients } from './circulation/sip2-replay.js';
import type { StaffPinClock } from './circulation/staff-pin.js';
import {
  type AppInfo,
  CatalogSource,
  DIGITIZATION_TOPICS,
  packagePdfPath,
  Role,
  type Settings,
} from './contract/index.js';
import { CaptureService } from './digitization/capture.js';
import { stationOcr } from './digitization/packaging/ocr-binding.js';
import { PACKAGES_DIR } from './digitization/packaging/packager.js';
import { PackagingService } from './digitization/packaging/packaging-service.js';
import { packageSteps } from './digitization/packaging/steps.js';
import { ImagePipeline } from './digitization/pipeline/pipeline.js';
import { ScanProfiles } from './digitization/scan-profiles.js';
import { DigitizationService } from './digitization/service.js';
import { createDispatch, type Dispatch } from './dispatch.js';
import { StationError } from './errors.js';
import { EventHub } from './events.js';
import { packageRoot } from './package-root.js';
import { sip2ThreadFile } from './sip2/thread/thread-file.js';
import { StationDevices } from './station-devices.js';
import { openStore, type Store } from './store/db.js';
import { OutboxRepo } from './store/outbox.js';
import { ownerOnlyDir } from './store/owner-only.js';
import { KeyFileSecretBox, type SecretBox } from './store/secrets.js';
import { SettingsRepo } from './store/settings.js';
import { folderError, runningStoreError } from './store/storage-errors.js';
import { type Clock, systemClock } from './sync/clock.js';
import { SyncEngine } from './sync/engine.js';
import { exportKoc } from './sync/koc.js';
import { SyncBusyError } from './sync/lease.js';
import { replayReport, reportRow } from './sync/report.js';
import { SIP2_TARGET } from './sync/sip2-payload.js';
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
  /**
   * Opens a file of the station's data in the system's viewer (the desktop host: Electron's
   * `shell.openPath`). Absent in the web host, where the screen opens the file's address instead.
   * Only ever given paths the core has checked are inside its packages folder.
   */
  openFile?: (absolutePath: string) => Promise<void>;
  /** The station's clock (tests pin it to an hour of the day); the system's by default. */
  now?: () => Date;
  /** The clock of the staff and patron PIN locks (tests). */
  pinClock?: StaffPinClock;
  /** The time patron data is kept against (tests step it forward instead of waiting). */
  clock?: Clock;
}

/** Where the station keeps the `.koc` files it exports, under the data directory. */
const EXPORTS_DIR = 'exports';

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
  readonly devices: StationDevices;
  readonly sync: SyncEngine;
  readonly capture: CaptureService;
  readonly retention: PatronDataRetention;
  readonly catalog: CatalogService;
  #digitization: DigitizationService | null = null;
  #packaging: PackagingService | null = null;
  /** The station's OCR (Tesseract and its pool), shared by packaging and held by capture. */
  readonly ocr = stationOcr();
  /** Demo mode's catalogue, a loopback SRU server started on the first lookup. */
  #demoCatalogue: Promise<DemoCatalogue> | null = null;

  private constructor(
    readonly store: Store,
    private readonly options: StationOptions,
  ) {
    this.settings = new SettingsRepo(store.db);
    this.outbox = new OutboxRepo(store.db, store.dataDir);
    this.sync = new SyncEngine({ db: store.db, outbox: this.outbox, log: options.log });
    this.sync.onStatus((status) => this.events.emit('sync.status', status));
    this.capture = new CaptureService({
      digitization: () => this.digitization,
      dataDir: store.dataDir,
      demo: () => this.settings.get().mode === 'demo',
      log: options.log,
      whileCapturing: () => this.ocr.hold(),
    });
    const secrets = options.secrets ?? new KeyFileSecretBox(store.dataDir);
    this.catalog = new CatalogService({
      store: new CatalogSourceStore(this.settings, secrets),
      fallback: () => this.#demoCatalogueSources(),
      clientVersion: APP_VERSION,
    });
    this.catalog.events.on('catalog.outcome', (outcome) => this.events.emit('catalog.outcome', outcome));
    const kioskConfig = new KioskConfig(this.settings, secrets);
    const seenPatrons = new SeenPatrons(
      store.db,
      this.settings,
      secrets,
      () => kioskConfig.get().offline.patrons === 'seen',
      options.log,
    );
    this.retention = new PatronDataRetention({
      db: store.db,
      seen: seenPatrons,
      settings: () => kioskConfig.get(),
      exportsDir: path.join(store.dataDir, EXPORTS_DIR),
      clock: options.clock ?? systemClock,
      log: options.log,
    });
    this.kiosk = new KioskService({
      forwardQueued: (itemId) => this.sync.forward(SIP2_TARGET, itemId),
      onQueued: () => this.sync.wake(SIP2_TARGET),
      onReachable: () => this.sync.targetReachable(SIP2_TARGET),
      onLibraryChanged: async (sip2, password) => {
        if (!sip2) return this.sync.unregisterTarget(SIP2_TARGET);
        const threadFile = sip2ThreadFile(packageRoot());
        // Only a run from source lacks it; a package without it would replay, but slower.
        if (!threadFile) options.log?.('sync: no built SIP2 thread (dist/sip2): replaying on this thread');
        const { timeZone } = this.settings.get();
        await this.sync.replaceTarget(
          new Sip2ReplayTarget({
            clients: sip2ReplayClients(sip2, password, { threadFile, timeZone }),
            timeZone,
          }),
          { concurrency: SIP2_REPLAY_CONCURRENCY },
        );
      },
      config: kioskConfig,
      events: this.events,
      outbox: this.outbox,
      seenPatrons,
      dataDir: store.dataDir,
      settings: () => this.settings.get(),
      log: options.log,
      ...(options.now ? { now: options.now } : {}),
      pinClock: options.pinClock,
    });
    this.devices = new StationDevices({
      settings: this.settings,
      appSettings: () => this.settings.get(),
      events: this.events,
      kiosk: this.kiosk,
      receiptName: () => kioskConfig.get().privacy.receiptName,
      dataDir: store.dataDir,
      log: options.log,
    });
    this.dispatch = createDispatch(
      {
        'app.info': () => this.info(),
        'settings.get': () => this.settings.get(),
        'setup.complete': async ({ staffPin, ...input }) => {
          if (this.settings.get().setupComplete) {
            throw new StationError('ALREADY_SET_UP', 'This station has already been set up.');
          }
          // The first staff PIN comes with setup, while nobody else can have set the station up.
          if (staffPin !== undefined) await this.kiosk.initialStaffPin(staffPin);
          const settings = this.changeSettings({ ...input, setupComplete: true });
          await this.kiosk.start();
          await this.devices.start();
          if (settings.role === 'station') this.digitization.startLookups();
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
        'kiosk.endSession': ({ reason, language }) => this.kiosk.endSession(reason, language),
        'jobs.list': (filter) => this.digitization.listJobs(filter),
        'jobs.get': ({ jobId }) => this.digitization.getJob(jobId),
        'jobs.create': ({ itemBarcode, profile, record, lookup, allowDuplicate }) =>
          this.digitization.createJob({
            itemBarcode,
            profile,
            catalogRecord: record,
            lookup,
            allowDuplicate,
          }),
        'jobs.transition': ({ jobId, to, note }) => this.digitization.transition(jobId, to, note ?? null),
        'jobs.duplicates': ({ code }) => this.digitization.duplicates(code),
        'jobs.setRecord': ({ jobId, record }) => this.digitization.setRecord(jobId, record),
        'jobs.lookup': ({ jobId, query }) => this.digitization.lookupRecord(jobId, query),
        'jobs.delete': async ({ jobId, staffPin }) => {
          await this.kiosk.verifyStaffPin(staffPin);
          await this.digitization.deleteJob(jobId);
          return { jobId };
        },
        'catalog.lookup': ({ lookupId, query }) => this.catalog.lookup(lookupId, query),
        'catalog.cancel': ({ lookupId }) => ({ cancelled: this.catalog.cancel(lookupId) }),
        'catalogSources.list': () => this.catalog.list(),
        'catalogSources.save': async ({ staffPin, source, replaces, credentials }) => {
          await this.kiosk.verifyStaffPin(staffPin);
          return this.catalog.save(source, replaces, credentials);
        },
        'catalogSources.delete': async ({ staffPin, name }) => {
          await this.kiosk.verifyStaffPin(staffPin);
          return this.catalog.remove(name);
        },
        'catalogSources.reorder': async ({ staffPin, names }) => {
          await this.kiosk.verifyStaffPin(staffPin);
          return this.catalog.reorder(names);
        },
        'packaging.settings': () => this.packaging.settings.get(),
        'packaging.saveSettings': async ({ staffPin, settings }) => {
          await this.kiosk.verifyStaffPin(staffPin);
          return this.packaging.settings.save(settings);
        },
        'ocr.status': () => this.packaging.ocrStatus(),
        'jobs.package': ({ jobId, formats, ocrLanguages, layout }) =>
          this.packaging.package(jobId, { formats, ocrLanguages, layout }),
        'jobs.cancelPackage': ({ jobId }) => this.packaging.cancel(jobId),
        'jobs.packageProgress': ({ jobId }) => this.packaging.progress(jobId),
        'jobs.openPackagePdf': async ({ jobId }) => {
          const file = this.#packagePdf(jobId);
          if (!this.options.openFile) return { opened: false, url: packagePdfPath(jobId) };
          await this.options.openFile(file);
          return { opened: true, url: null };
        },
        'demo.catalogue': async ({ available }) => {
          if (this.settings.get().mode !== 'demo') {
            throw new StationError('FORBIDDEN', 'The demo catalogue runs only in demo mode.');
          }
          await this.setDemoCatalogueAvailable(available);
          return { available };
        },
        'catalogSources.test': async ({ staffPin, source, replaces, credentials, query }) => {
          await this.kiosk.verifyStaffPin(staffPin);
          return this.catalog.test(source, replaces, credentials, query);
        },
        'pages.move': ({ jobId, pageIds, position }) => this.digitization.movePages(jobId, pageIds, position),
        'pages.delete': ({ jobId, pageIds }) => this.digitization.deletePages(jobId, pageIds),
        'pages.relabel': ({ jobId, pageIds, ...change }) =>
          this.digitization.relabelPages(jobId, pageIds, change),
        'pages.rotate': ({ jobId, pageIds, by }) => this.digitization.rotatePages(jobId, pageIds, by),
        'pages.crop': ({ jobId, pageId, crop }) => this.digitization.setCrop(jobId, pageId, crop),
        'pages.numbering': ({ jobId, rule }) => this.digitization.setNumbering(jobId, rule),
        'pages.undo': ({ jobId }) => this.digitization.undo(jobId),
        'pages.image': ({ jobId, pageId, kind }) => this.#pageImage(jobId, pageId, kind),
        'scan.capture': ({ jobId, profile, replacePageId, insert }) =>
          this.capture.capture(
            jobId,
            profile ??
              (this.digitization.getJob(jobId).profile as never) ?? {
                source: 'flatbed',
                mode: 'gray',
                resolution: 300,
              },
            { replacePageId, insert },
          ),
        'scan.cancel': () => ({ cancelled: this.capture.cancel() }),
        'scan.addFrame': ({ jobId, image, mimeType }) =>
          this.digitization.addCapturedPage(jobId, { data: Buffer.from(image, 'base64'), mimeType }),
        'scanners.list': () => this.capture.scanners(),
        // Saved profiles live in the settings table and hold no state: one reader per call.
        'scanProfiles.list': () => new ScanProfiles(this.settings, this.store.db).list(),
        'scanProfiles.save': (input) => new ScanProfiles(this.settings, this.store.db).save(input),
        'scanProfiles.delete': ({ id }) => new ScanProfiles(this.settings, this.store.db).delete(id),
        'scanProfiles.setDefault': ({ id }) => new ScanProfiles(this.settings, this.store.db).setDefault(id),
        'sync.status': () => this.sync.status(),
        'sync.report': async ({ attentionOnly, states, staffPin }) => {
          // Card numbers only for staff: without the PIN the report says what happened, not to whom.
          if (staffPin !== undefined) await this.kiosk.verifyStaffPin(staffPin);
          return replayReport(this.outbox, { attentionOnly })
            .filter((row) => !states || states.includes(row.state))
            .map((row) => (staffPin === undefined ? { ...row, patronId: null } : row));
        },
        'sync.retryNow': async ({ staffPin, id, note }) => {
          await this.kiosk.verifyStaffPin(staffPin);
          return reportRow(this.#staffAction(() => this.sync.retryNow(id, note)));
        },
        'sync.discard': async ({ staffPin, id, reason }) => {
          await this.kiosk.verifyStaffPin(staffPin);
          return reportRow(this.#staffAction(() => this.sync.discard(id, reason)));
        },
        'sync.exportKoc': async ({ staffPin }) => {
          await this.kiosk.verifyStaffPin(staffPin);
          return this.#exportKoc();
        },
        'admin.verifyStaffPin': ({ staffPin }) => this.kiosk.verifyStaffPin(staffPin),
        'admin.setStaffPin': ({ currentPin, newPin }) => this.kiosk.setStaffPin(currentPin, newPin),
        'admin.getKioskSettings': ({ staffPin }) => this.kiosk.getSettings(staffPin),
        'admin.saveKioskSettings': ({ staffPin, settings, sip2Password }) =>
          this.kiosk.saveSettings(staffPin, settings, sip2Password),
        'admin.testConnection': ({ staffPin, sip2, sip2Password }) =>
          this.kiosk.testConnection(staffPin, sip2, sip2Password),
        'devices.list': () => this.devices.list(),
        'devices.test': ({ id, action }) => this.devices.test(id, action),
        'kiosk.setAction': ({ action }) => this.devices.setKioskAction(action),
        'demo.placeTag': ({ kind, id }) => this.devices.demoPlace(kind, id),
        'demo.removeTag': ({ uid }) => this.devices.demoRemove(uid),
        'demo.scanBarcode': ({ text }) => this.devices.demoScan(text),
        'demo.state': () => this.devices.demoState(),
      },
      {
        // One row, not the whole settings table: this runs on every call (thumbnails included).
        role: () => Role.safeParse(this.settings.getValue('role')).data ?? null,
        onInternalError: (method, err) => options.log?.(`${method} failed`, err),
        onRoleRefused: (_method, err) => options.log?.(`refused (${err.code}): ${err.message}`),
        explain: (err) => runningStoreError(err, store.file),
      },
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
    this.retention.start();
    await this.kiosk.start();
    // Pages whose thumbnails a crash cut short get them now; half-written files are cleared.
    if (this.settings.get().role === 'station') {
      await this.digitization.recover();
      this.digitization.startLookups();
      this.packaging.resume();
    }
    await this.devices.start();
    try {
      this.sync.start();
    } catch (err) {
      // `bitig sync run` holds the queue: this station serves patrons and leaves replay to it.
      if (!(err instanceof SyncBusyError)) throw err;
      this.options.log?.('another process is syncing this station; replay is left to it');
    }
  }

  /** Winds down the connections, then closes the database (every commit is already on disk). */
  async close(): Promise<void> {
    this.retention.stop();
    await Promise.all([
      this.kiosk.close(),
      this.sync.close(),
      this.devices.close(),
      this.#packaging?.close().then(() => this.#digitization?.close()) ?? this.#digitization?.close(),
      this.#demoCatalogue?.then((c) => c.close()),
    ]);
    this.store.close();
  }

  /** Demo mode's catalogue when the station has no source of its own; none in connected mode. */
  async #demoCatalogueSources(): Promise<SourceWithLogin[]> {
    if (this.settings.get().mode !== 'demo') return [];
    this.#demoCatalogue ??= startDemoCatalogue();
    return [{ source: CatalogSource.parse(demoCatalogueSource((await this.#demoCatalogue).url)) }];
  }

  /** Demo mode: takes the demo catalogue off the network or puts it back (the offline walk-through). */
  async setDemoCatalogueAvailable(available: boolean): Promise<void> {
    await this.#demoCatalogueSources();
    (await this.#demoCatalogue)?.setAvailable(available);
  }

  /**
   * The scanning station's jobs and pages, made on first use: its worker threads (imaging) start
   * only on stations that digitize.
   */
  get digitization(): DigitizationService {
    if (!this.#digitization) {
      const workerFile = path.join(packageRoot(), 'dist', 'digitization', 'pipeline-worker.cjs');
      const service = new DigitizationService({
        db: this.store.db,
        dataDir: this.store.dataDir,
        pipeline: new ImagePipeline({ workerFile }),
        log: this.options.log,
        finder: this.catalog,
      });
      for (const topic of DIGITIZATION_TOPICS) {
        service.events.on(topic, (payload) => this.events.emit(topic, payload as never));
      }
      this.#digitization = service;
    }
    return this.#digitization;
  }

  /** Packaging reviewed jobs (OCR, METS, PDF, IIIF, BagIt), made on first use like digitization. */
  get packaging(): PackagingService {
    if (!this.#packaging) {
      const ocr = this.ocr;
      this.#packaging = new PackagingService({
        db: this.store.db,
        dataDir: this.store.dataDir,
        settings: this.settings,
        events: this.events,
        ocr,
        steps: packageSteps({
          ocr: ocr.pages,
          agent: `Bitig ${APP_VERSION}`,
          timeZone: () => this.settings.get().timeZone,
        }),
        job: (jobId) => this.digitization.getJob(jobId),
        transition: (jobId, to, note) => this.digitization.transition(jobId, to, note),
        log: this.options.log,
      });
    }
    return this.#packaging;
  }

  /**
   * The absolute path of a job's package PDF, for the web host's `/packages/<jobId>/pdf`; null when
   * this is not a scanning station, or the job has no finished package with a PDF on disk. Found only
   * from the job's stored package record, and only ever inside the data directory's packages folder.
   */
  packagePdfFile(jobId: number): string | null {
    if (!Number.isSafeInteger(jobId) || jobId < 1) return null;
    if (this.settings.get().role !== 'station') return null;
    try {
      return this.#packagePdf(jobId);
    } catch {
      return null;
    }
  }

  /** The job's package PDF, checked as for packagePdfFile; throws a StationError the screen can show. */
  #packagePdf(jobId: number): string {
    const relative = this.packaging.progress(jobId)?.pdf ?? null;
    if (!relative) throw new StationError('INVALID_OPERATION', `Job ${jobId} has no packaged PDF.`);
    const root = path.join(this.store.dataDir, PACKAGES_DIR);
    const parts = relative.split('/');
    if (
      parts[0] !== PACKAGES_DIR ||
      parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\'))
    )
      throw new StationError('INVALID_OPERATION', `Job ${jobId}'s PDF is not in the packages folder.`);
    const missing = () =>
      new StationError('FOLDER_MISSING', `The package of job ${jobId} is not on disk: ${relative}`);
    let rootReal: string;
    let real: string;
    try {
      rootReal = fs.realpathSync(root);
      real = fs.realpathSync(path.join(this.store.dataDir, ...parts));
    } catch {
      throw missing();
    }
    // A symlink (or anything else) leading out of the packages folder is refused.
    if (!real.startsWith(rootReal + path.sep))
      throw new StationError('INVALID_OPERATION', `Job ${jobId}'s PDF is not in the packages folder.`);
    if (!fs.statSync(real).isFile()) throw missing();
    return real;
  }

  async #pageImage(jobId: number, pageId: number, kind: 'thumb' | 'view'): Promise<{ url: string } | null> {
    const page = this.digitization.pages(jobId).pages.find((p) => p.id === pageId);
    const file = page?.[kind]?.path;
    if (!file) return null;
    const absolute = path.join(this.store.dataDir, file);
    // A folder gone with an unplugged disk, or removed by hand: a sentence naming it, not ENOENT.
    const data = await fs.promises.readFile(absolute).catch((err: unknown) => {
      throw folderError(err, path.dirname(absolute)) ?? err;
    });
    return { url: `data:image/jpeg;base64,${data.toString('base64')}` };
  }

  /** The engine's refusals (unknown row, row busy) are the staff's to read, not internal errors. */
  #staffAction<T>(action: () => T): T {
    try {
      return action();
    } catch (err) {
      if (err instanceof StationError) throw err;
      throw new StationError('VALIDATION', err instanceof Error ? err.message : String(err));
    }
  }

  /** The one way this file checks the staff PIN for its own methods (throws STAFF_PIN_*). */
  #exportKoc() {
    const stamp = new Date((this.options.clock ?? systemClock).now()).toISOString().replace(/[:.]/g, '-');
    const fileName = `bitig-offline-${stamp}.koc`;
    // Deleted after `privacy.keepExportsDays` by the retention run; owner-only meanwhile.
    ownerOnlyDir(path.join(this.store.dataDir, EXPORTS_DIR));
    const result = exportKoc(this.store.db, this.outbox, {
      file: path.join(this.store.dataDir, EXPORTS_DIR, fileName),
      generatorVersion: APP_VERSION,
      timeZone: this.settings.get().timeZone,
    });
    return result.file
      ? { fileName, content: fs.readFileSync(result.file, 'utf8'), count: result.ids.length }
      : { fileName: null, content: '', count: 0 };
  }
}
