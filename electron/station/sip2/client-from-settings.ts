import type { Sip2Settings } from '../contract/index.js';
import type { Sip2ClientOptions } from './client.js';

/**
 * Client options from a site's SIP2 settings (the kiosk's admin screen), so the kiosk's live
 * connection and the sync engine's replay connections are set up the same way.
 */
export function sip2ClientOptions(
  settings: Sip2Settings,
  password: string | null,
  extra: Partial<Sip2ClientOptions> = {},
): Sip2ClientOptions {
  return {
    host: settings.host,
    port: settings.port,
    tls: settings.tls ? { rejectUnauthorized: !settings.tlsInsecure } : undefined,
    institutionId: settings.institutionId,
    login: settings.user
      ? { userId: settings.user, password: password ?? '', locationCode: settings.location || undefined }
      : null,
    terminalPassword: settings.terminalPassword,
    location: settings.location || undefined,
    encoding: settings.encoding,
    errorDetection: settings.errorDetection,
    terminator: settings.terminator === 'CRLF' ? '\r\n' : '\r',
    connectTimeoutMs: settings.timeoutSeconds * 1000,
    requestTimeoutMs: settings.timeoutSeconds * 1000,
    ...extra,
  };
}
