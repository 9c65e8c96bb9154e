import { isValidIdPattern } from '../contract/common.js';
import type { ConnectionTestResult, KioskSettings, KioskStatus, Sip2Settings } from '../contract/index.js';
import { StationError } from '../errors.js';
import { Sip2Error } from '../sip2/sip2-error.js';
import type { KioskConfig } from './kiosk-config.js';
import { Sip2Library } from './sip2-library.js';
import { type StaffPinClock, StaffPinGuard } from './staff-pin.js';

export interface KioskAdminOptions {
  config: KioskConfig;
  /** The clock of the staff PIN's delays and lock. */
  clock: StaffPinClock;
  /** The station's time zone (the connection test's library system reads dates in it). */
  timeZone: () => string;
  /** The library system's settings were saved: the service connects to it as they now say. */
  replaceLibrary: () => Promise<void>;
  status: () => KioskStatus;
  /** The kiosk's status changed (the staff PIN was set). */
  publish: () => void;
}

/**
 * Staff administration of the kiosk (the admin screen): the staff PIN, checked and changed, and the
 * settings and connection test it guards. `KioskService` delegates here.
 */
export class KioskAdmin {
  readonly #staffPin: StaffPinGuard;

  constructor(private readonly o: KioskAdminOptions) {
    this.#staffPin = new StaffPinGuard(o.config, o.clock);
  }

  /** Checked one at a time, with a delay after each wrong PIN and a lock after several (staff-pin.ts). */
  async verifyStaffPin(pin: string): Promise<{ ok: true }> {
    if (!this.o.config.staffPinSet())
      throw new StationError(
        'STAFF_PIN_NOT_SET',
        'No staff PIN has been set yet: bitig admin set-staff-pin sets one.',
      );
    await this.#staffPin.check(() => this.o.config.checkStaffPin(pin));
    return { ok: true };
  }

  /**
   * Changes the staff PIN; the current one is always needed. The first one is set only by first-run
   * setup (`initialStaffPin`) or from the station's terminal, never by whoever calls first.
   */
  async setStaffPin(currentPin: string | undefined, newPin: string): Promise<{ ok: true }> {
    if (currentPin === undefined) {
      if (!this.o.config.staffPinSet())
        throw new StationError(
          'STAFF_PIN_NOT_SET',
          'No staff PIN has been set yet: bitig admin set-staff-pin sets one.',
        );
      throw new StationError('STAFF_PIN_WRONG', 'The current staff PIN is needed to change it.');
    }
    await this.verifyStaffPin(currentPin);
    await this.initialStaffPin(newPin);
    return { ok: true };
  }

  /** Setup's PIN and the terminal's (`bitig admin set-staff-pin`): the caller has checked who asks. */
  async initialStaffPin(pin: string): Promise<void> {
    await this.o.config.setStaffPin(pin);
    this.#staffPin.reset();
    this.o.publish();
  }

  async getSettings(pin: string): Promise<{ settings: KioskSettings; sip2PasswordSet: boolean }> {
    await this.verifyStaffPin(pin);
    return { settings: this.o.config.get(), sip2PasswordSet: this.o.config.sip2Password() !== null };
  }

  async saveSettings(pin: string, settings: KioskSettings, sip2Password?: string): Promise<KioskStatus> {
    await this.verifyStaffPin(pin);
    for (const pattern of [settings.patronIdPattern, settings.itemIdPattern]) {
      if (!isValidIdPattern(pattern))
        throw new StationError('VALIDATION', 'An id pattern is not a valid expression.');
    }
    this.o.config.save(settings, sip2Password);
    await this.o.replaceLibrary();
    return this.o.status();
  }

  /** Asks the library system for its status (SC status) with the settings given, saved or not. */
  async testConnection(
    pin: string,
    sip2: Sip2Settings,
    sip2Password?: string,
  ): Promise<ConnectionTestResult> {
    await this.verifyStaffPin(pin);
    const password = sip2Password ?? this.o.config.sip2Password();
    const probe = new Sip2Library({
      settings: sip2,
      password,
      reconnect: false,
      timeZone: this.o.timeZone(),
    });
    try {
      const status = await probe.status();
      return {
        ok: true,
        online: status.fixed.onlineStatus,
        checkoutOk: status.fixed.checkoutOk,
        checkinOk: status.fixed.checkinOk,
        renewalOk: status.fixed.acsRenewalPolicy,
        institutionId: status.fields.institutionId ?? '',
        libraryName: status.fields.libraryName ?? '',
        screenMessages: status.fields.screenMessage ?? [],
      };
    } catch (err) {
      const kind = err instanceof Sip2Error ? err.kind : 'protocol';
      return { ok: false, failure: kind, detail: err instanceof Error ? err.message : String(err) };
    } finally {
      await probe.close();
    }
  }
}
