/**
 * The contract between the station core and the screens: every method the renderer may call and
 * every event it may subscribe to. Both transports (Electron IPC and the web host's WebSocket) are
 * generated from this one map, so a method cannot exist on one and not the other.
 *
 * This file is imported by the renderer too: it may import `zod` and nothing from Node or Electron.
 */
import { z } from 'zod';
import {
  CatalogCancelInput,
  type CatalogEvents,
  CatalogLookupInput,
  type CatalogLookupResult,
  CatalogSourceDeleteInput,
  CatalogSourceOrderInput,
  CatalogSourceSaveInput,
  CatalogSourceTestInput,
  type CatalogSourceTestResult,
  DemoCatalogueInput,
  type SavedCatalogSource,
} from './catalog.js';
import { method, NoInput, TimeZone } from './common.js';
import { type DeviceEvents, deviceMethods } from './devices.js';
import {
  AddFrameInput,
  CaptureInput,
  type CaptureResult,
  type DigitizationEvents,
  JobCreateInput,
  JobDeleteInput,
  type JobDetail,
  JobDuplicatesInput,
  JobInput,
  JobLookupInput,
  type JobPages,
  JobSetRecordInput,
  type JobSummary,
  JobsListInput,
  JobTransitionInput,
  PageImageInput,
  type PageInfo,
  PagesCropInput,
  PagesInput,
  PagesMoveInput,
  PagesNumberingInput,
  PagesRelabelInput,
  PagesRotateInput,
  type SavedScanProfile,
  type ScannerSummary,
  ScanProfileDefaultInput,
  ScanProfileIdInput,
  type ScanProfileSaved,
  ScanProfileSaveInput,
} from './digitization.js';
import type { Result } from './errors.js';
import {
  type Account,
  type ConnectionTestResult,
  EndSessionInput,
  IdentifyInput,
  ItemInput,
  type ItemOutcome,
  type KioskSettings,
  type KioskStatus,
  type PatronSummary,
  type Receipt,
  SaveKioskSettingsInput,
  SetStaffPinInput,
  StaffInput,
  TestConnectionInput,
} from './kiosk.js';
import { LANGUAGES, type MethodName, ROLES, type Topic } from './names.js';
import {
  JobPackageInput,
  type OcrStatus,
  type OpenPackagePdfResult,
  type PackageProgress,
  type PackageSettings,
  PackageSettingsSaveInput,
  type PackagingEvents,
} from './packaging.js';
import {
  type KocExport,
  type ReplayReportRow,
  SyncDiscardInput,
  SyncExportInput,
  SyncReportInput,
  SyncRowInput,
  type SyncStatus,
} from './sync.js';

export * from './catalog.js';
export { isValidIdPattern, STAFF_PIN_MAX, STAFF_PIN_MIN, StaffPin, TimeZone } from './common.js';
export * from './devices.js';
export * from './digitization.js';
export * from './errors.js';
export * from './kiosk.js';
export * from './names.js';
export * from './packaging.js';
export * from './sync.js';

export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/** What this station is for; chosen once on first run. */
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Demo runs simulated devices and the training library; connected talks to the real systems. */
export const Mode = z.enum(['demo', 'connected']);
export type Mode = z.infer<typeof Mode>;

const SetupInput = z
  .object({
    role: Role,
    language: Language,
    mode: Mode,
    staffPin: z
      .string()
      .regex(/^\d{4,12}$/)
      .optional(),
  })
  .strict();

export const Settings = z.object({
  setupComplete: z.boolean(),
  role: Role.nullable(),
  mode: Mode.nullable(),
  language: Language,
  /**
   * The station's time zone: due dates end at the end of its day, and every date on screen, on
   * receipts and in exports is its wall clock, whichever zone the browser showing the screens is in.
   */
  timeZone: TimeZone,
});
export type Settings = z.infer<typeof Settings>;

export interface AppInfo {
  name: string;
  version: string;
  /** Which host the core runs in; screens use it only for display, never for behaviour. */
  host: 'electron' | 'web';
  schemaVersion: number;
  dataDir: string;
}

export const methods = {
  /** Version, host and where data lives: for the about box and `bitig doctor`. */
  'app.info': method<typeof NoInput, AppInfo>(NoInput, 'both'),
  /** The station's settings; the first call every screen makes. */
  'settings.get': method<typeof NoInput, Settings>(NoInput, 'both'),
  /** First run: choose the role, the language and demo or real systems. Allowed once. */
  /** `staffPin`: the first staff PIN, set only here or from the terminal (`bitig admin set-staff-pin`). */
  'setup.complete': method<typeof SetupInput, Settings>(SetupInput, 'both'),
  /** Switch the interface language; allowed at any time, before setup too. */
  'settings.setLanguage': method<z.ZodObject<{ language: typeof Language }>, Settings>(
    z.object({ language: Language }).strict(),
    'both',
  ),

  /** The kiosk's configuration as the patron screens need it, and whether the library system answers. */
  'kiosk.status': method<typeof NoInput, KioskStatus>(NoInput, 'kiosk'),
  /** A patron presents a card (and PIN): opens the session. */
  'kiosk.identify': method<typeof IdentifyInput, PatronSummary>(IdentifyInput, 'kiosk'),
  /** The open session's patron: loans, holds, fines. */
  'kiosk.account': method<typeof NoInput, Account>(NoInput, 'kiosk'),
  'kiosk.checkout': method<typeof ItemInput, ItemOutcome>(ItemInput, 'kiosk'),
  /** Returns need no session: a patron may return books without a card. */
  'kiosk.checkin': method<typeof ItemInput, ItemOutcome>(ItemInput, 'kiosk'),
  'kiosk.renew': method<typeof ItemInput, ItemOutcome>(ItemInput, 'kiosk'),
  'kiosk.renewAll': method<typeof NoInput, ItemOutcome[]>(NoInput, 'kiosk'),
  /** Ends the session on the library system and forgets the patron; the receipt when finished. */
  'kiosk.endSession': method<typeof EndSessionInput, Receipt | null>(EndSessionInput, 'kiosk'),

  /** The scanning station's jobs, newest first. */
  'jobs.list': method<typeof JobsListInput, JobSummary[]>(JobsListInput, 'station'),
  'jobs.get': method<typeof JobInput, JobDetail>(JobInput, 'station'),
  /**
   * A new job for the book whose barcode or ISBN the operator scanned, with the record picked or a
   * lookup to keep trying. Refused with JOB_DUPLICATE when another job has the code, unless allowed.
   */
  'jobs.create': method<typeof JobCreateInput, JobDetail>(JobCreateInput, 'station'),
  'jobs.transition': method<typeof JobTransitionInput, JobSummary>(JobTransitionInput, 'station'),
  /** Jobs that already have this barcode or ISBN: the new-job screen warns before making another. */
  'jobs.duplicates': method<typeof JobDuplicatesInput, JobSummary[]>(JobDuplicatesInput, 'station'),
  /** Sets or clears the job's catalog record (a candidate picked, fields edited by hand). */
  'jobs.setRecord': method<typeof JobSetRecordInput, JobDetail>(JobSetRecordInput, 'station'),
  /** Looks the job's record up again now (its pending query, or a new one); answers after the try. */
  'jobs.lookup': method<typeof JobLookupInput, JobDetail>(JobLookupInput, 'station'),
  /** Staff: deletes a job and its files. */
  'jobs.delete': method<typeof JobDeleteInput, { jobId: number }>(JobDeleteInput, 'station'),

  /**
   * Asks every source at once; each answer is published as `catalog.outcome` as it arrives, and the
   * call resolves with all of them. Another lookup, or `catalog.cancel`, cancels this one.
   */
  'catalog.lookup': method<typeof CatalogLookupInput, CatalogLookupResult>(CatalogLookupInput, 'station'),
  'catalog.cancel': method<typeof CatalogCancelInput, { cancelled: boolean }>(CatalogCancelInput, 'station'),
  /** The site's catalog sources in the order they are tried (demo mode: the demo catalogue). */
  'catalogSources.list': method<typeof NoInput, SavedCatalogSource[]>(NoInput, 'station'),
  /** Staff: adds a source or changes one; answers the list after it. */
  'catalogSources.save': method<typeof CatalogSourceSaveInput, SavedCatalogSource[]>(
    CatalogSourceSaveInput,
    'station',
  ),
  'catalogSources.delete': method<typeof CatalogSourceDeleteInput, SavedCatalogSource[]>(
    CatalogSourceDeleteInput,
    'station',
  ),
  'catalogSources.reorder': method<typeof CatalogSourceOrderInput, SavedCatalogSource[]>(
    CatalogSourceOrderInput,
    'station',
  ),
  /** The site's package settings: formats, layout, the owner's rights statement. */
  'packaging.settings': method<typeof NoInput, PackageSettings>(NoInput, 'station'),
  'packaging.saveSettings': method<typeof PackageSettingsSaveInput, PackageSettings>(
    PackageSettingsSaveInput,
    'station',
  ),
  /** Whether Tesseract is here, and its languages. */
  'ocr.status': method<typeof NoInput, OcrStatus>(NoInput, 'station'),
  /**
   * Packages a reviewed job in the background (reviewed → packaging → packaged): OCR, then the
   * formats; progress as `job.package` events. Answers at once with the job's progress.
   */
  'jobs.package': method<typeof JobPackageInput, PackageProgress>(JobPackageInput, 'station'),
  /** Stops the job's packaging; the job goes back to reviewed, nothing half-made is kept. */
  'jobs.cancelPackage': method<typeof JobInput, PackageProgress>(JobInput, 'station'),
  /** Where the job's package stands (also after a restart). */
  'jobs.packageProgress': method<typeof JobInput, PackageProgress | null>(JobInput, 'station'),
  /**
   * Opens the finished package's PDF: the desktop hands it to the system's viewer; the web host
   * answers the address to open (`/packages/<jobId>/pdf`, with the access token). Refused with
   * INVALID_OPERATION when the job's package has no PDF, FOLDER_MISSING when it is gone from disk.
   */
  'jobs.openPackagePdf': method<typeof JobInput, OpenPackagePdfResult>(JobInput, 'station'),
  /** Demo mode only: takes the demo catalogue off the network or brings it back. */
  'demo.catalogue': method<typeof DemoCatalogueInput, { available: boolean }>(DemoCatalogueInput, 'station'),
  /** Staff: one lookup with a source as typed (saved or not); the raw answer included. */
  'catalogSources.test': method<typeof CatalogSourceTestInput, CatalogSourceTestResult>(
    CatalogSourceTestInput,
    'station',
  ),
  'pages.move': method<typeof PagesMoveInput, JobPages>(PagesMoveInput, 'station'),
  'pages.delete': method<typeof PagesInput, JobPages>(PagesInput, 'station'),
  'pages.relabel': method<typeof PagesRelabelInput, JobPages>(PagesRelabelInput, 'station'),
  'pages.rotate': method<typeof PagesRotateInput, JobPages>(PagesRotateInput, 'station'),
  /** Sets or clears one page's crop box (master pixels); its viewing copy and thumbnail are remade. */
  'pages.crop': method<typeof PagesCropInput, JobPages>(PagesCropInput, 'station'),
  'pages.numbering': method<typeof PagesNumberingInput, JobPages>(PagesNumberingInput, 'station'),
  /** Reverts the job's last page operation. */
  'pages.undo': method<typeof JobInput, JobPages>(JobInput, 'station'),
  /** A page's thumbnail or viewing copy as a data: URL (the CSP allows those for images). */
  'pages.image': method<typeof PageImageInput, { url: string } | null>(PageImageInput, 'station'),
  /** Captures from the station's scanner into a job; pages arrive as `page.captured` events. */
  'scan.capture': method<typeof CaptureInput, CaptureResult>(CaptureInput, 'station'),
  /** Stops the scan under way after the page being delivered; its `scan.capture` resolves with `stoppedBy: 'cancelled'`. */
  'scan.cancel': method<typeof NoInput, { cancelled: boolean }>(NoInput, 'station'),
  /** A photo from a document camera (taken in the renderer) appended to the job as its next page. */
  'scan.addFrame': method<typeof AddFrameInput, PageInfo>(AddFrameInput, 'station'),
  'scanners.list': method<typeof NoInput, ScannerSummary[]>(NoInput, 'station'),
  /** The station's saved scan profiles, by name; the default one is marked. */
  'scanProfiles.list': method<typeof NoInput, SavedScanProfile[]>(NoInput, 'station'),
  /** Creates a saved profile (no `id`) or changes one; names are unique on the station. */
  'scanProfiles.save': method<typeof ScanProfileSaveInput, ScanProfileSaved>(ScanProfileSaveInput, 'station'),
  /** Deletes a saved profile; deleting the default leaves none. Jobs keep the settings they were made with. */
  'scanProfiles.delete': method<typeof ScanProfileIdInput, SavedScanProfile[]>(ScanProfileIdInput, 'station'),
  /** The profile new jobs start from (`id: null`: none). */
  'scanProfiles.setDefault': method<typeof ScanProfileDefaultInput, SavedScanProfile[]>(
    ScanProfileDefaultInput,
    'station',
  ),

  /** The outbox per target and state, and what the engine is doing. */
  'sync.status': method<typeof NoInput, SyncStatus>(NoInput, 'both'),
  /** The replay report: every queued transaction and what the library system decided. */
  'sync.report': method<typeof SyncReportInput, ReplayReportRow[]>(SyncReportInput, 'both'),
  /** Staff: try a failed or dead row again now. */
  'sync.retryNow': method<typeof SyncRowInput, ReplayReportRow>(SyncRowInput, 'both'),
  /** Staff: set a dead row aside, with the reason kept. */
  'sync.discard': method<typeof SyncDiscardInput, ReplayReportRow>(SyncDiscardInput, 'both'),
  /** Staff: write waiting offline transactions to a Koha .koc file; they are then not replayed. */
  'sync.exportKoc': method<typeof SyncExportInput, KocExport>(SyncExportInput, 'both'),

  /** Staff: check the staff PIN before showing the admin screen. */
  'admin.verifyStaffPin': method<typeof StaffInput, { ok: true }>(StaffInput, 'both'),
  /** Staff: set the staff PIN (the first time without `currentPin`). */
  'admin.setStaffPin': method<typeof SetStaffPinInput, { ok: true }>(SetStaffPinInput, 'both'),
  'admin.getKioskSettings': method<typeof StaffInput, { settings: KioskSettings; sip2PasswordSet: boolean }>(
    StaffInput,
    'kiosk',
  ),
  'admin.saveKioskSettings': method<typeof SaveKioskSettingsInput, KioskStatus>(
    SaveKioskSettingsInput,
    'kiosk',
  ),
  /** Staff: log in and ask the library system's status with these settings, without saving them. */
  'admin.testConnection': method<typeof TestConnectionInput, ConnectionTestResult>(
    TestConnectionInput,
    'kiosk',
  ),

  // Devices, the kiosk's pad, demo mode's simulated devices: devices.ts.
  ...deviceMethods,
} as const;

export type Methods = typeof methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = Methods[M]['output'];

/** Compile-time check that names.ts lists exactly these methods and events. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const methodNamesMatch: Same<keyof Methods, MethodName> = true;
const topicsMatch: Same<keyof Events, Topic> = true;
void methodNamesMatch;
void topicsMatch;

/** Every event the core publishes, topic → payload. */
export interface Events extends DeviceEvents, CatalogEvents, PackagingEvents {
  'settings.changed': Settings;
  /** The kiosk's status changed: the library system went away or came back, or staff saved settings. */
  'kiosk.status': KioskStatus;
  /** The outbox changed: counts, the row being worked on, a target down or back. */
  'sync.status': SyncStatus;
  'page.captured': DigitizationEvents['page.captured'];
  'page.derivatives': DigitizationEvents['page.derivatives'];
  'page.qc': DigitizationEvents['page.qc'];
  'page.failed': DigitizationEvents['page.failed'];
  'job.pages': DigitizationEvents['job.pages'];
  'job.state': DigitizationEvents['job.state'];
  'job.record': DigitizationEvents['job.record'];
  'job.deleted': DigitizationEvents['job.deleted'];
}

/** What both transports hand to the renderer: the only surface of the core it ever sees. */
export interface StationApi {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  on<T extends Topic>(topic: T, listener: (payload: Events[T]) => void): () => void;
}
