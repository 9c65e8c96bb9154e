import type { KioskAction, Language } from '@contract/index.js';

/**
 * Stable `data-testid` values: the e2e tests (test/e2e) find elements by these, so they are
 * renamed only together with the tests. Import this module there rather than copying strings.
 */
export const TID = {
  loadingScreen: 'loading-screen',
  startupError: 'startup-error',
  setupScreen: 'setup-screen',
  roleKiosk: 'role-kiosk',
  roleStation: 'role-station',
  modeDemo: 'mode-demo',
  modeConnected: 'mode-connected',
  finishSetup: 'finish-setup',
  setupStaffPin: 'setup-staff-pin',
  setupStaffPinConfirm: 'setup-staff-pin-confirm',
  setupStaffPinProblem: 'setup-staff-pin-problem',
  languageBar: 'language-bar',
  kioskWelcome: 'kiosk-welcome',
  operatorHome: 'operator-home',
  stationName: 'station-name',
  jobsView: 'jobs-view',
  jobsEmpty: 'jobs-empty',

  // The scanning station's jobs: list, new job, capture, review, viewer.
  jobsList: 'jobs-list',
  jobRow: 'job-row',
  jobsNew: 'jobs-new',
  jobsFilterEmpty: 'jobs-filter-empty',
  jobsError: 'jobs-error',
  newJob: 'new-job',
  newJobBarcode: 'new-job-barcode',
  newJobCreate: 'new-job-create',
  newJobError: 'new-job-error',
  profileDevice: 'profile-device',
  profileMode: 'profile-mode',
  profileResolution: 'profile-resolution',
  profilePageSize: 'profile-page-size',
  profileWidth: 'profile-width',
  profileHeight: 'profile-height',
  profileSizeProblem: 'profile-size-problem',
  /** The new-job screen's choice of a saved profile, and its "changed for this job" note. */
  profileSaved: 'profile-saved',
  profileSavedChanged: 'profile-saved-changed',
  /** The new job's catalogue lookup: duplicates, each source's line, the candidates, the ways on. */
  newJobLookUp: 'new-job-look-up',
  newJobDuplicates: 'new-job-duplicates',
  newJobDuplicateOpen: 'new-job-duplicate-open',
  newJobCreateAnyway: 'new-job-create-anyway',
  newJobSourceLine: 'new-job-source-line',
  newJobCandidates: 'new-job-candidates',
  newJobCandidate: 'new-job-candidate',
  newJobPick: 'new-job-pick',
  newJobNotFound: 'new-job-not-found',
  newJobCreatePending: 'new-job-create-pending',
  newJobLookupError: 'new-job-lookup-error',
  newJobHandOpen: 'new-job-hand-open',
  /** The title/author search (new job and record panel). */
  catalogSearchTitle: 'catalog-search-title',
  catalogSearchAuthor: 'catalog-search-author',
  catalogSearchRun: 'catalog-search-run',
  /** The record typed by hand (fields: `handFieldTestId`). */
  handEntry: 'hand-entry',
  handSubmit: 'hand-submit',
  handCancel: 'hand-cancel',
  handProblem: 'hand-problem',
  /** A job's book in the list rows and the job header, and its lookup badge. */
  jobTitle: 'job-title',
  jobAuthor: 'job-author',
  lookupBadge: 'lookup-badge',
  /** The record panel of the job screens. */
  recordPanel: 'record-panel',
  recordCandidate: 'record-candidate',
  recordPick: 'record-pick',
  recordPending: 'record-pending',
  recordTryNow: 'record-try-now',
  recordSearchAgain: 'record-search-again',
  recordEdit: 'record-edit',
  recordError: 'record-error',
  /** "Record found for …", wherever the operator is in the jobs section. */
  recordNotice: 'record-notice',
  recordNoticeOpen: 'record-notice-open',
  recordNoticeDismiss: 'record-notice-dismiss',
  /** Deleting a job with the staff PIN. */
  jobDelete: 'job-delete',
  jobDeleteDialog: 'job-delete-dialog',
  jobDeletePin: 'job-delete-pin',
  jobDeleteConfirm: 'job-delete-confirm',
  jobDeleteCancel: 'job-delete-cancel',
  jobDeleteError: 'job-delete-error',
  jobHeader: 'job-header',
  jobState: 'job-state',
  jobBack: 'job-back',
  jobError: 'job-error',
  captureScreen: 'capture-screen',
  captureScan: 'capture-scan',
  captureStop: 'capture-stop',
  captureCount: 'capture-count',
  captureProgress: 'capture-progress',
  captureResult: 'capture-result',
  captureStopped: 'capture-stopped',
  captureFailures: 'capture-failures',
  captureReview: 'capture-review',
  captureSourceScanner: 'capture-source-scanner',
  captureSourceCamera: 'capture-source-camera',
  cameraPreview: 'camera-preview',
  cameraTake: 'camera-take',
  cameraError: 'camera-error',
  cameraPhotoError: 'camera-photo-error',
  shortcuts: 'shortcuts',
  reviewScreen: 'review-screen',
  reviewSelected: 'review-selected',
  reviewMarkReviewed: 'review-mark-reviewed',
  reviewStatus: 'review-status',
  reviewOpError: 'review-op-error',
  reviewPackage: 'review-package',
  // Packaging a job: its choices, progress, result and the table of contents METS will carry.
  jobTabPackage: 'job-tab-package',
  packageScreen: 'package-screen',
  packageNotReady: 'package-not-ready',
  packageOcrNone: 'package-ocr-none',
  packageOcrUnavailable: 'package-ocr-unavailable',
  packageProblem: 'package-problem',
  packageStart: 'package-start',
  packageStop: 'package-stop',
  packagePhase: 'package-phase',
  packageProgress: 'package-progress',
  packageResult: 'package-result',
  packagePath: 'package-path',
  packageOpenPdf: 'package-open-pdf',
  packagePdfOpened: 'package-pdf-opened',
  packageError: 'package-error',
  packageToc: 'package-toc',
  packageTocEntry: 'package-toc-entry',
  pageGrid: 'page-grid',
  pageThumb: 'page-thumb',
  pageThumbImage: 'page-thumb-image',
  pageQc: 'page-qc',
  qcSummary: 'qc-summary',
  relabelType: 'relabel-type',
  relabelLabel: 'relabel-label',
  relabelSide: 'relabel-side',
  relabelApply: 'relabel-apply',
  numberingState: 'numbering-state',
  numberingFrontMatter: 'numbering-front-matter',
  numberingAllArabic: 'numbering-all-arabic',
  numberingOff: 'numbering-off',
  numberingRomanStart: 'numbering-roman-start',
  numberingArabicStart: 'numbering-arabic-start',
  pageViewer: 'page-viewer',
  viewerImage: 'viewer-image',
  viewerZoom: 'viewer-zoom',
  viewerZoomIn: 'viewer-zoom-in',
  viewerZoomOut: 'viewer-zoom-out',
  viewerZoomFit: 'viewer-zoom-fit',
  viewerPrev: 'viewer-prev',
  viewerNext: 'viewer-next',
  viewerClose: 'viewer-close',
  viewerCrop: 'viewer-crop',
  viewerCropApply: 'viewer-crop-apply',
  viewerCropClear: 'viewer-crop-clear',
  viewerCropCancel: 'viewer-crop-cancel',
  viewerCropLayer: 'viewer-crop-layer',
  viewerCropBox: 'viewer-crop-box',
  viewerCropHint: 'viewer-crop-hint',
  viewerCropError: 'viewer-crop-error',
  viewerUpdating: 'viewer-updating',
  pageCropMarker: 'page-crop-marker',
  demoBadge: 'demo-badge',
  offlineBanner: 'offline-banner',
  reconnectNow: 'reconnect-now',
  errorMessage: 'error-message',
  screenMessages: 'screen-messages',

  // The Scan profiles screen (operator section): the list, the editor, deleting.
  scanProfiles: 'scan-profiles',
  scanProfilesAdd: 'scan-profiles-add',
  scanProfilesEmpty: 'scan-profiles-empty',
  scanProfilesError: 'scan-profiles-error',
  scanProfilesNotice: 'scan-profiles-notice',
  scanProfilesDefault: 'scan-profiles-default',
  scanProfileRow: 'scan-profile-row',
  scanProfileDefaultMark: 'scan-profile-default-mark',
  scanProfileEdit: 'scan-profile-edit',
  scanProfileDelete: 'scan-profile-delete',
  scanProfileMakeDefault: 'scan-profile-make-default',
  scanProfileClearDefault: 'scan-profile-clear-default',
  scanProfileActionError: 'scan-profile-action-error',
  scanProfileEditor: 'scan-profile-editor',
  scanProfileName: 'scan-profile-name',
  scanProfileNameProblem: 'scan-profile-name-problem',
  scanProfileIsDefault: 'scan-profile-is-default',
  scanProfileSave: 'scan-profile-save',
  scanProfileCancel: 'scan-profile-cancel',
  scanProfileSaveError: 'scan-profile-save-error',
  scanProfileDeleteDialog: 'scan-profile-delete-dialog',
  scanProfileDeleteConfirm: 'scan-profile-delete-confirm',
  scanProfileDeleteCancel: 'scan-profile-delete-cancel',
  scanProfileDeleteError: 'scan-profile-delete-error',

  // The kiosk's patron flow.
  kioskApp: 'kiosk-app',
  libraryOffline: 'library-offline',
  patronName: 'patron-name',
  typeCard: 'type-card',
  returnBooks: 'return-books',
  kioskNotConfigured: 'kiosk-not-configured',
  kioskIdentify: 'kiosk-identify',
  identifyChecking: 'identify-checking',
  identifyError: 'identify-error',
  identifyCancel: 'identify-cancel',
  startOver: 'start-over',
  pinKeypad: 'pin-keypad',
  pinDisplay: 'pin-display',
  pinSubmit: 'pin-submit',
  pinBackspace: 'pin-backspace',
  onscreenKeyboard: 'onscreen-keyboard',
  oskDisplay: 'osk-display',
  oskSubmit: 'osk-submit',
  oskBackspace: 'osk-backspace',
  oskClear: 'osk-clear',
  sessionHome: 'session-home',
  greeting: 'greeting',
  actionAccount: 'action-account',
  finishButton: 'finish-button',
  itemsScreen: 'items-screen',
  typeItem: 'type-item',
  itemList: 'item-list',
  itemRow: 'item-row',
  backHome: 'back-home',
  renewList: 'renew-list',
  renewRow: 'renew-row',
  renewButton: 'renew-button',
  renewAll: 'renew-all',
  accountScreen: 'account-screen',
  loanRow: 'loan-row',
  holdRow: 'hold-row',
  fines: 'fines',
  finishScreen: 'finish-screen',
  finishSummary: 'finish-summary',
  receipt: 'receipt',
  finishDone: 'finish-done',
  idleWarning: 'idle-warning',
  stillHere: 'still-here',
  idleEndNow: 'idle-end-now',

  // The kiosk's admin screen.
  adminEntry: 'admin-entry',
  adminScreen: 'admin-screen',
  adminClose: 'admin-close',
  staffPin: 'staff-pin',
  staffPinError: 'staff-pin-error',
  adminForm: 'admin-form',
  adminTest: 'admin-test',
  adminTestResult: 'admin-test-result',
  adminSave: 'admin-save',
  adminSaved: 'admin-saved',
  adminStatus: 'admin-status',
  /** The admin form's choice of the station's language, its "saved" note and its error. */
  adminStationLanguage: 'admin-station-language',
  adminStationLanguageSaved: 'admin-station-language-saved',
  adminStationLanguageError: 'admin-station-language-error',

  // The operator's Settings section: its staff PIN gate and the catalog sources.
  settingsView: 'settings-view',
  settingsPin: 'settings-pin',
  settingsPinSubmit: 'settings-pin-submit',
  settingsPinError: 'settings-pin-error',
  settingsLock: 'settings-lock',
  catalogSources: 'catalog-sources',
  catalogSourcesAdd: 'catalog-sources-add',
  catalogSourcesEmpty: 'catalog-sources-empty',
  catalogSourcesError: 'catalog-sources-error',
  catalogSourcesNotice: 'catalog-sources-notice',
  catalogSourceRow: 'catalog-source-row',
  catalogSourceBuiltIn: 'catalog-source-built-in',
  catalogSourceUp: 'catalog-source-up',
  catalogSourceDown: 'catalog-source-down',
  catalogSourceEdit: 'catalog-source-edit',
  catalogSourceDelete: 'catalog-source-delete',
  catalogSourceActionError: 'catalog-source-action-error',
  catalogSourceEditor: 'catalog-source-editor',
  catalogSourceParamAdd: 'catalog-source-param-add',
  catalogSourceProblems: 'catalog-source-problems',
  catalogSourceSave: 'catalog-source-save',
  catalogSourceCancel: 'catalog-source-cancel',
  catalogSourceSaveError: 'catalog-source-save-error',
  catalogSourceTest: 'catalog-source-test',
  catalogSourceTestKind: 'catalog-source-test-kind',
  catalogSourceTestValue: 'catalog-source-test-value',
  catalogSourceTestResult: 'catalog-source-test-result',
  catalogSourceTestError: 'catalog-source-test-error',
  catalogSourceTestRecords: 'catalog-source-test-records',
  catalogSourceTestRaw: 'catalog-source-test-raw',
  catalogSourceDeleteDialog: 'catalog-source-delete-dialog',
  catalogSourceDeleteConfirm: 'catalog-source-delete-confirm',
  catalogSourceDeleteCancel: 'catalog-source-delete-cancel',
  catalogSourceDeleteError: 'catalog-source-delete-error',
  // Settings → Packages (fields: packageFieldTestId).
  packageSettings: 'package-settings',
  packageSettingsError: 'package-settings-error',
  packageSettingsProblems: 'package-settings-problems',
  packageSettingsSave: 'package-settings-save',
  packageSettingsSaved: 'package-settings-saved',

  // The sync queue (operator section and kiosk admin tab).
  syncQueue: 'sync-queue',
  syncTarget: 'sync-target',
  syncStaffPin: 'sync-staff-pin',
  syncShowCards: 'sync-show-cards',
  syncExport: 'sync-export',
  syncExported: 'sync-exported',
  syncActionError: 'sync-action-error',
  syncReport: 'sync-report',
  syncRow: 'sync-row',
  syncDecision: 'sync-decision',
  syncRetry: 'sync-retry',
  syncRetried: 'sync-retried',
  syncDiscard: 'sync-discard',
  syncDiscardDialog: 'sync-discard-dialog',
  syncDiscardReason: 'sync-discard-reason',
  syncDiscardConfirm: 'sync-discard-confirm',
  syncDiscardCancel: 'sync-discard-cancel',
  syncMore: 'sync-more',

  // Devices (operator section and kiosk admin tab), and demo mode's simulated devices.
  devicesView: 'devices-view',
  devicesRefresh: 'devices-refresh',
  deviceCard: 'device-card',
  deviceTestResult: 'device-test-result',
  deviceEvents: 'device-events',
  demoPanelToggle: 'demo-panel-toggle',
  demoPanel: 'demo-panel',
  demoPanelClose: 'demo-panel-close',
  demoPadTag: 'demo-pad-tag',
  demoRemoveTag: 'demo-remove-tag',
  demoPlaceCard: 'demo-place-card',
  demoPlaceBook: 'demo-place-book',
  demoScanInput: 'demo-scan-input',
  demoScanSubmit: 'demo-scan-submit',
} as const;

/** The language bar's button for one language: `lang-<tag>`. */
export function langTestId(language: Language): string {
  return `lang-${language}`;
}

/** One language of the admin form's station-language choice: `station-language-<tag>`. */
export function stationLanguageTestId(language: Language): string {
  return `station-language-${language}`;
}

/** An operator nav entry: `nav-<section>`. */
export function navTestId(section: string): string {
  return `nav-${section}`;
}

/** A filter of the jobs list: `jobs-filter-all`, `jobs-filter-active`… */
export function jobsFilterTestId(filter: string): string {
  return `jobs-filter-${filter}`;
}

/** A field of the record typed by hand: `hand-field-title`, `hand-field-year`… */
export function handFieldTestId(field: string): string {
  return `hand-field-${field}`;
}

/** A source choice of the scan profile: `profile-source-adf`, `profile-source-flatbed`. */
export function profileSourceTestId(source: string): string {
  return `profile-source-${source}`;
}

/** A page operation of the review screen: `page-op-delete`, `page-op-undo`, `page-op-move-first`… */
export function pageOpTestId(op: string): string {
  return `page-op-${op}`;
}

/** A QC filter of the review screen: `qc-filter-all`, `qc-filter-flagged`, `qc-filter-blur`… */
export function qcFilterTestId(filter: string): string {
  return `qc-filter-${filter}`;
}

/** A home-screen action button: `action-checkout`, `action-checkin`, `action-renew`. */
export function actionTestId(action: KioskAction): string {
  return `action-${action}`;
}

/** A key of the PIN keypad (`pin-key-7`) or of the on-screen keyboard (`osk-key-A`). */
export function pinKeyTestId(digit: string): string {
  return `pin-key-${digit}`;
}

export function oskKeyTestId(key: string): string {
  return `osk-key-${key}`;
}

/** An admin form field, by its settings path: `admin-field-sip2.host`, `admin-field-sounds`. */
export function adminFieldTestId(path: string): string {
  return `admin-field-${path}`;
}

/**
 * A field of the catalog source editor, by its key: `source-field-name`, `source-field-url`,
 * `source-field-queries.isbn.template`, `source-field-extraParams.0.key`, `source-field-login.user`.
 */
export function sourceFieldTestId(field: string): string {
  return `source-field-${field}`;
}

/** A tab of the kiosk's admin screen: `admin-tab-settings`, `admin-tab-sync`. */
export function adminTabTestId(tab: string): string {
  return `admin-tab-${tab}`;
}

/** One count of the sync queue: `sync-count-sip2-pending`. */
export function syncCountTestId(target: string, state: string): string {
  return `sync-count-${target}-${state}`;
}

/** A filter of the replay report: `sync-filter-all`, `sync-filter-attention`, `sync-filter-dead`. */
export function syncFilterTestId(filter: string): string {
  return `sync-filter-${filter}`;
}

/** A device's test button: `device-test-read-pad`, `device-test-print-test`, `device-test-beep`. */
export function deviceTestTestId(action: string): string {
  return `device-test-${action}`;
}

/** A format to include in a job's package: `package-format-mets`, `package-format-pdf`… */
export function packageFormatTestId(format: string): string {
  return `package-format-${format}`;
}

/** An OCR language to read a job's pages in: `package-ocr-rus`, `package-ocr-uzb_cyrl`… */
export function packageOcrTestId(language: string): string {
  return `package-ocr-${language}`;
}

/** A layout of a job's package: `package-layout-bag`, `package-layout-goobi`. */
export function packageLayoutTestId(layout: string): string {
  return `package-layout-${layout}`;
}

/** One phase's progress bar while packaging: `package-progress-images`, `package-progress-ocr`… */
export function packageStepTestId(phase: string): string {
  return `package-progress-${phase}`;
}

/**
 * A field of Settings → Packages, by its key: `package-field-layout`, `package-field-iiifBaseUrl`,
 * `package-field-formats.pdf`, `package-field-rights.ownerLogo`.
 */
export function packageFieldTestId(field: string): string {
  return `package-field-${field}`;
}
