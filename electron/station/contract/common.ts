/**
 * What every part of the contract declares with: a method's shape, the empty input, the staff PIN.
 * Imports only zod and the bare names.
 */
import { z } from 'zod';
import type { MethodRole } from './names.js';

/**
 * Declares a method: its input schema, the role whose screens use it (the dispatcher refuses it on
 * the other role's station), and its output type carried as a phantom.
 */
export function method<I extends z.ZodType, O>(
  input: I,
  role: MethodRole,
): { input: I; output: O; role: MethodRole } {
  return { input, output: undefined as O, role };
}

export const NoInput = z.object({}).strict();

/**
 * A card or item number: it arrives from scanners, RFID and on-screen keyboards, so it is trimmed,
 * bounded and free of control characters (and of `|`, SIP2's field separator).
 */
export const Identifier = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[^\p{Cc}|]+$/u);

/** Staff PINs are 4 to 12 digits. */
export const STAFF_PIN_MIN = 4;
export const STAFF_PIN_MAX = 12;
export const StaffPin = z.string().regex(new RegExp(`^\\d{${STAFF_PIN_MIN},${STAFF_PIN_MAX}}$`));

/** Whether a site's id pattern (a regular expression typed by staff) compiles. */
export function isValidIdPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone the runtime knows, e.g. `Asia/Tashkent`. */
export const TimeZone = z.string().refine((name) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name.trim() !== '';
  } catch {
    return false;
  }
}, 'Not a known time zone');
