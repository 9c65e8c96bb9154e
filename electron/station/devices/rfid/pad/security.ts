import { RfidError, SecurityError } from '../errors.js';
import type { RfidReader } from '../readers/reader.js';

/** The AFI and EAS a tag should carry. */
export interface SecurityValues {
  afi: number;
  eas: boolean;
}

/** A site's security values: what "in the library" and "on loan" mean on its tags. */
export interface SecurityProfile {
  secured: SecurityValues;
  unsecured: SecurityValues;
}

/** ISO 28560 practice: AFI 0x07 + EAS set in the library, AFI 0xC2 + EAS reset on loan. */
export const ISO_SECURITY: SecurityProfile = {
  secured: { afi: 0x07, eas: true },
  unsecured: { afi: 0xc2, eas: false },
};

/** Older 3M installations: AFI 0xD7 secured, 0xDA unsecured. */
export const THREEM_SECURITY: SecurityProfile = {
  secured: { afi: 0xd7, eas: true },
  unsecured: { afi: 0xda, eas: false },
};

export interface SetSecurityOptions {
  /** Switch EAS too (tags without NXP EAS: set false and rely on the AFI). Default true. */
  eas?: boolean;
  /** Whole write-and-verify attempts before giving up. Default 2. */
  attempts?: number;
}

/**
 * Writes the AFI and EAS, then reads both back. Resolves only when the tag verifiably carries the
 * values; otherwise throws SecurityError (write_failed / verify_failed). The AFI is never locked.
 */
export async function setSecurity(
  reader: RfidReader,
  uid: string,
  values: SecurityValues,
  options: SetSecurityOptions = {},
): Promise<void> {
  const useEas = options.eas ?? true;
  const attempts = Math.max(1, options.attempts ?? 2);
  let last: SecurityError | undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      await reader.writeAfi(uid, values.afi);
      if (useEas) await reader.setEas(uid, values.eas);
    } catch (err) {
      if (!(err instanceof RfidError) || err.code === 'disconnected' || err.code === 'closed')
        throw wrap('write_failed', uid, values, err);
      last = wrap('write_failed', uid, values, err);
      continue;
    }
    let actual: { afi?: number; eas?: boolean };
    try {
      // Reading the AFI first also proves the tag is still there, so a silent EAS alarm means "off".
      const afi = (await reader.systemInfo(uid)).afi;
      actual = useEas ? { afi, eas: await reader.readEas(uid) } : { afi };
    } catch (err) {
      last = wrap('verify_failed', uid, values, err);
      if (err instanceof RfidError && (err.code === 'disconnected' || err.code === 'closed')) throw last;
      continue;
    }
    if (actual.afi === values.afi && (!useEas || actual.eas === values.eas)) return;
    last = new SecurityError(
      'verify_failed',
      uid,
      `tag ${uid} reads AFI 0x${hex(actual.afi)}${useEas ? ` EAS ${actual.eas ? 'on' : 'off'}` : ''} after writing AFI 0x${hex(values.afi)}${useEas ? ` EAS ${values.eas ? 'on' : 'off'}` : ''}`,
      values,
      actual,
    );
  }
  throw last!;
}

function hex(n: number | undefined): string {
  return n === undefined ? '??' : n.toString(16).padStart(2, '0').toUpperCase();
}

function wrap(
  code: 'write_failed' | 'verify_failed',
  uid: string,
  values: SecurityValues,
  err: unknown,
): SecurityError {
  const reason = err instanceof Error ? err.message : String(err);
  const what = code === 'write_failed' ? 'could not write security to' : 'could not verify security of';
  return new SecurityError(code, uid, `${what} tag ${uid}: ${reason}`, values, undefined, err);
}
