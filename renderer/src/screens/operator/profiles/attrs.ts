/** Fixed values of the Scan profiles screen (no string literals in .tsx; see renderer/README.md). */
export const ESCAPE = 'Escape';
