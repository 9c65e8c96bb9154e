/** Fixed attribute values of the sync screens (no string literals in .tsx; see renderer/README.md). */
export const COL = 'col';
