/** Text fields that hold whole numbers (`NumberField`). */

/** A number typed into a field; NaN (refused by the schema) when it is not a whole number. */
export function parseWholeNumber(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** A number for its field: empty while it is not a number (being retyped). */
export function numberText(value: number): string {
  return Number.isNaN(value) ? '' : String(value);
}
