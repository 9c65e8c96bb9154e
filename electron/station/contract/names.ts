/**
 * The contract's names only — method names, event topics, and the bridge's channel names — with no
 * schemas, so that Electron's sandboxed preload can check a method name without bundling zod.
 * `index.ts` re-exports all of this and fails to compile if its methods or events differ.
 */
/** Languages of the interface, as BCP 47 tags. The first is the default for a new station. */
export const LANGUAGES = ['uz-Latn', 'uz-Cyrl', 'ru', 'kk', 'en'] as const;

/** What a station is for (chosen once on first run). */
export const ROLES = ['kiosk', 'station'] as const;
/**
 * Which role's screens a method serves: one role, or `both` (setup, language, settings, devices,
 * sync). The dispatcher refuses another role's method with WRONG_ROLE.
 */
export type MethodRole = (typeof ROLES)[number] | 'both';

export const METHOD_NAMES = [
  'app.info',
  'settings.get',
  'setup.complete',
  'settings.setLanguage',
  'kiosk.status',
  'kiosk.identify',
  'kiosk.account',
  'kiosk.checkout',
  'kiosk.checkin',
  'kiosk.renew',
  'kiosk.renewAll',
  'kiosk.endSession',
  'jobs.list',
  'jobs.get',
  'jobs.create',
  'jobs.transition',
  'jobs.duplicates',
  'jobs.setRecord',
  'jobs.lookup',
  'jobs.delete',
  'catalog.lookup',
  'catalog.cancel',
  'catalogSources.list',
  'catalogSources.save',
  'catalogSources.delete',
  'catalogSources.reorder',
  'catalogSources.test',
  'demo.catalogue',
  'packaging.settings',
  'packaging.saveSettings',
  'ocr.status',
  'jobs.package',
  'jobs.cancelPackage',
  'jobs.packageProgress',
  'jobs.openPackagePdf',
  'pages.move',
  'pages.delete',
  'pages.relabel',
  'pages.rotate',
  'pages.crop',
  'pages.numbering',
  'pages.undo',
  'pages.image',
  'scan.capture',
  'scan.cancel',
  'scan.addFrame',
  'scanners.list',
  'scanProfiles.list',
  'scanProfiles.save',
  'scanProfiles.delete',
  'scanProfiles.setDefault',
  'sync.status',
  'sync.report',
  'sync.retryNow',
  'sync.discard',
  'sync.exportKoc',
  'admin.verifyStaffPin',
  'admin.setStaffPin',
  'admin.getKioskSettings',
  'admin.saveKioskSettings',
  'admin.testConnection',
  'devices.list',
  'devices.test',
  'kiosk.setAction',
  'demo.placeTag',
  'demo.removeTag',
  'demo.scanBarcode',
  'demo.state',
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

/** The scanning station's events: the digitization service publishes them, the station forwards them. */
export const DIGITIZATION_TOPICS = [
  'page.captured',
  'page.derivatives',
  'page.qc',
  'page.failed',
  'job.pages',
  'job.state',
  'job.record',
  'job.deleted',
] as const;

export const TOPICS = [
  'settings.changed',
  'kiosk.status',
  'barcode.scanned',
  'rfid.present',
  'device.status',
  'kiosk.item',
  'kiosk.card',
  'sync.status',
  ...DIGITIZATION_TOPICS,
  'catalog.outcome',
  'job.package',
] as const;
export type Topic = (typeof TOPICS)[number];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (METHOD_NAMES as readonly string[]).includes(name);
}

/** The preload's object on `window`, under this name. */
export const BRIDGE_NAME = 'bitig';
/** IPC channels: one per method (`bitig:call:<method>`), one for all events. */
export const IPC_CALL_PREFIX = 'bitig:call:';
export const IPC_EVENT_CHANNEL = 'bitig:event';
/** The custom scheme and host the desktop UI is served from. */
export const APP_ORIGIN = 'app://bitig';
