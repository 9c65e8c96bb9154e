/** What the kiosk's staff may save: the staff PIN's shape and a settings draft's refused fields. */
import { isValidIdPattern, KioskSettings, StaffPin } from '@contract/index.js';

export function isStaffPin(pin: string): boolean {
  return StaffPin.safeParse(pin).success;
}

/**
 * The fields of a settings draft that would be refused, as dotted paths ("sip2.port"); empty when
 * the draft can be saved. The contract's schema decides, plus: id patterns must compile.
 */
export function invalidFields(draft: KioskSettings): string[] {
  const bad = new Set<string>();
  const parsed = KioskSettings.safeParse(draft);
  if (!parsed.success) for (const issue of parsed.error.issues) bad.add(issue.path.join('.'));
  if (!isValidIdPattern(draft.patronIdPattern)) bad.add('patronIdPattern');
  if (!isValidIdPattern(draft.itemIdPattern)) bad.add('itemIdPattern');
  return [...bad].sort();
}
