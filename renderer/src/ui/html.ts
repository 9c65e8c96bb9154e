/**
 * Fixed attribute values for JSX. Biome's noJsxLiterals (with noStrings) rejects every string
 * literal in a .tsx file, so the few non-text values that must be strings are named here. None of
 * them is ever shown to anyone.
 */
export const BUTTON = 'button';
export const SUBMIT = 'submit';
export const RADIO = 'radio';
export const ALERT = 'alert';

/** Joins class names, skipping the falsy ones. */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}
