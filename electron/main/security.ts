/**
 * Hardening applied to every webContents and session, whatever created it. The UI is our own code
 * from app://bitig, so anything that tries to leave that origin, open a window, embed a webview or
 * ask for a permission is refused by default; exceptions are added here, by name, when a feature
 * needs one.
 */
import type { App, Session, WebContents, WebPreferences } from 'electron';
import { APP_ORIGIN } from '../station/contract/names.js';
import { isAppUrl, originOf } from './origin.js';

export interface SecureWebPreferencesOptions {
  /** Absolute path to the built preload (dist/main/preload.cjs). */
  preload: string;
  /** Only ever true for an unpackaged operator build. */
  devTools: boolean;
}

/**
 * The webPreferences of every window. Spelled out even where they equal Electron's defaults, so a
 * change of default (or a careless edit) shows up in review and in the tests.
 */
export function secureWebPreferences({ preload, devTools }: SecureWebPreferencesOptions): WebPreferences {
  return {
    preload,
    devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    // Kiosks and operator stations sit in public rooms: no navigation by swipe or middle click.
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

type Permission = Parameters<NonNullable<Parameters<Session['setPermissionCheckHandler']>[0]>>[1];

/**
 * The one place where a permission may be granted; keep every exception here so that review sees
 * them all in one function. Everything is denied except the document camera: `media` for video only
 * (never the microphone), and only for our own pages at APP_ORIGIN. `mediaTypes` are the media the
 * request or check is about; a media request that does not name them is refused.
 */
export function mayUsePermission(
  permission: Permission | string,
  requestingOrigin: string,
  mediaTypes: readonly string[] = [],
): boolean {
  if (permission === 'media') {
    return requestingOrigin === APP_ORIGIN && mediaTypes.length > 0 && mediaTypes.every((m) => m === 'video');
  }
  return false;
}

/** The media a permission request names (Electron gives them for `media` requests only). */
function requestedMedia(details: unknown): string[] {
  const types = (details as { mediaTypes?: unknown } | undefined)?.mediaTypes;
  return Array.isArray(types) ? types.map(String) : [];
}

/** Denies permission requests and checks for one session (default and any partition). */
export function hardenSession(
  session: Pick<
    Session,
    'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
  >,
): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const origin = details?.requestingUrl ?? contents?.getURL?.() ?? '';
    callback(mayUsePermission(permission, originOf(origin), requestedMedia(details)));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    mayUsePermission(permission, requestingOrigin, details?.mediaType ? [details.mediaType] : []),
  );
  // WebUSB / WebHID / Web Serial: devices are the core's business, never the page's.
  session.setDevicePermissionHandler(() => false);
}

/** True when the navigation target is ours; everything else is cancelled. */
function guardNavigation(event: { preventDefault(): void; url?: string }, legacyUrl?: string): void {
  const url = event.url ?? legacyUrl;
  if (!isAppUrl(url)) event.preventDefault();
}

/**
 * Hardens one webContents: no navigation or redirect off app://bitig (in any frame), no new windows,
 * no <webview>. Links meant for the outside world (a library's website) are not followed at all: a
 * kiosk has no business opening a browser.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => guardNavigation(event, url));
  contents.on('will-redirect', (event, url) => guardNavigation(event, url));
  contents.on('will-frame-navigate', (event) => guardNavigation(event));
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Installs the hardening for every webContents the app will ever create, and for its session.
 * Call before any window exists.
 */
export function installSecurity(app: Pick<App, 'on'>): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents);
    hardenSession(contents.session);
  });
}
