/**
 * Whether a key event's target takes typing itself: a text field, a select, a button that Space
 * presses or editable content. Screens with keyboard shortcuts (and the kiosk's scan listener)
 * leave such keys to the field.
 */
export function isTypingTarget(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const el = target as { tagName?: unknown; isContentEditable?: unknown };
  return (
    el.tagName === 'INPUT' ||
    el.tagName === 'TEXTAREA' ||
    el.tagName === 'SELECT' ||
    el.isContentEditable === true
  );
}
