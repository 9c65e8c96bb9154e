/** The numbering panel's start fields: digits only, read as a positive whole number (else 1). */
export function digits(text: string, max = 4): string {
  return text.replace(/\D/g, '').slice(0, max);
}

export function startNumber(text: string): number {
  const n = Number.parseInt(text, 10);
  return Number.isInteger(n) && n > 0 && n < 4000 ? n : 1;
}
