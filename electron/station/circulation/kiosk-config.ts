import { DEFAULT_OFFLINE_POLICY, DEFAULT_PRIVACY_POLICY, KioskSettings } from '../contract/index.js';
import type { SecretBox } from '../store/secrets.js';
import type { SettingsRepo } from '../store/settings.js';
import { type AttemptsStore, hashStaffPin, type StaffPinAttempts, staffPinMatches } from './staff-pin.js';

const KEY_SETTINGS = 'kiosk';
const KEY_PASSWORD = 'kiosk.sip2Password';
const KEY_STAFF_PIN = 'kiosk.staffPinHash';
const KEY_STAFF_PIN_ATTEMPTS = 'kiosk.staffPinAttempts';

/** A new kiosk: nothing to connect to yet, checkout and return allowed, PIN as the server says. */
export const DEFAULT_KIOSK_SETTINGS: KioskSettings = {
  sip2: {
    host: '',
    port: 6001,
    tls: false,
    tlsInsecure: false,
    institutionId: '',
    user: '',
    location: '',
    terminalPassword: '',
    encoding: 'utf-8',
    errorDetection: true,
    terminator: 'CR',
    timeoutSeconds: 10,
  },
  actions: { checkout: true, checkin: true, renew: true },
  pinPolicy: 'server',
  typedCardAllowed: true,
  patronIdPattern: '',
  itemIdPattern: '',
  idleTimeoutSeconds: 60,
  idleWarningSeconds: 20,
  sounds: true,
  offline: DEFAULT_OFFLINE_POLICY,
  privacy: DEFAULT_PRIVACY_POLICY,
};

/**
 * The kiosk's site configuration, its SIP2 password (encrypted) and its staff PIN (hashed), kept in
 * the settings table, with the count of wrong staff PINs (so a restart does not reset a lock). A
 * patron PIN never comes here.
 */
export class KioskConfig implements AttemptsStore {
  constructor(
    private readonly settings: SettingsRepo,
    private readonly secrets: SecretBox,
  ) {}

  get(): KioskSettings {
    const parsed = KioskSettings.safeParse(this.settings.getValue(KEY_SETTINGS));
    return parsed.success ? parsed.data : DEFAULT_KIOSK_SETTINGS;
  }

  save(next: KioskSettings, sip2Password?: string): void {
    this.settings.setValue(KEY_SETTINGS, next);
    if (sip2Password !== undefined) this.settings.setValue(KEY_PASSWORD, this.secrets.encrypt(sip2Password));
  }

  sip2Password(): string | null {
    const sealed = this.settings.getValue(KEY_PASSWORD);
    return typeof sealed === 'string' ? this.secrets.decrypt(sealed) : null;
  }

  isConfigured(): boolean {
    const { sip2 } = this.get();
    return sip2.host !== '' && sip2.port > 0;
  }

  staffPinSet(): boolean {
    return typeof this.settings.getValue(KEY_STAFF_PIN) === 'string';
  }

  async checkStaffPin(pin: string): Promise<boolean> {
    const stored = this.settings.getValue(KEY_STAFF_PIN);
    return typeof stored === 'string' && (await staffPinMatches(pin, stored));
  }

  async setStaffPin(pin: string): Promise<void> {
    this.settings.setValue(KEY_STAFF_PIN, await hashStaffPin(pin));
  }

  readAttempts(): StaffPinAttempts {
    const v = this.settings.getValue(KEY_STAFF_PIN_ATTEMPTS) as Partial<StaffPinAttempts> | undefined;
    return {
      failures: typeof v?.failures === 'number' ? v.failures : 0,
      lockedUntil: typeof v?.lockedUntil === 'number' ? v.lockedUntil : null,
    };
  }

  writeAttempts(attempts: StaffPinAttempts): void {
    this.settings.setValue(KEY_STAFF_PIN_ATTEMPTS, attempts);
  }
}
