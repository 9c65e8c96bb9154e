/** What the kiosk's staff may save: the staff PIN's shape and a settings draft's refused fields. */
import { KioskSettings } from '@contract/index.js';

/** Staff PINs are 4 to 12 digits (the contract's rule). */
export const STAFF_PIN_MIN = 4;
export const STAFF_PIN_MAX = 12;

export function isStaffPin(pin: string): boolean {
  return new RegExp(`^\\d{${STAFF_PIN_MIN},${STAFF_PIN_MAX}}$`).test(pin);
}

function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/**
 * The fields of a settings draft that would be refused, as dotted paths ("sip2.port"); empty when
 * the draft can be saved. The contract's schema decides, plus: id patterns must compile.
 */
export function invalidFields(draft: KioskSettings): string[] {
  const bad = new Set<string>();
  const parsed = KioskSettings.safeParse(draft);
  if (!parsed.success) for (const issue of parsed.error.issues) bad.add(issue.path.join('.'));
  if (!isValidPattern(draft.patronIdPattern)) bad.add('patronIdPattern');
  if (!isValidPattern(draft.itemIdPattern)) bad.add('itemIdPattern');
  return [...bad].sort();
}
