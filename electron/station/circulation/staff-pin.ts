import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * The staff PIN guards the kiosk's admin screen. Only a salted scrypt hash is stored, so the
 * database never holds the PIN itself.
 */
export function hashStaffPin(pin: string): string {
  const salt = randomBytes(16);
  return `scrypt:${salt.toString('base64')}:${scryptSync(pin, salt, 32).toString('base64')}`;
}

export function verifyStaffPin(pin: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split(':');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}
