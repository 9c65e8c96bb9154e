/**
 * Fixed attribute values for JSX. Biome's noJsxLiterals (with noStrings) rejects every string
 * literal in a .tsx file, so the few non-text values that must be strings are named here. None of
 * them is ever shown to anyone.
 */
export const BUTTON = 'button';
export const SUBMIT = 'submit';
export const RADIO = 'radio';
export const ALERT = 'alert';
export const POLITE = 'polite';
export const TEXT = 'text';
export const PASSWORD = 'password';
export const CHECKBOX = 'checkbox';
export const NUMERIC = 'numeric';
export const OFF = 'off';
/** `KeyboardEvent.key` of the key that leaves a dialog. */
export const ESCAPE_KEY = 'Escape';
export const NEW_PASSWORD = 'new-password';
/** `lang` for text in a language we do not know (what the library system sent). */
export const UNKNOWN_LANGUAGE = '';

/** Joins class names, skipping the falsy ones. */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}
