import {
  CUSTOM_PAGE_MM,
  CustomPageSize,
  PAGE_SIZE_MAX,
  PAGE_SIZE_NAMES,
  type PageSize,
  SCAN_PROFILE_NAME_MAX,
  type ScanProfile,
  ScanProfileName,
} from '@contract/index.js';

/**
 * The fields of a scan profile as the screens edit them (new job, the Scan profiles screen). A
 * profile without a page size scans the whole area (`max`), as jobs did before page sizes; a
 * custom size may be half-typed (NaN, out of range) until it is sent.
 */
export type EditableProfile = Omit<ScanProfile, 'pageSize'> & { pageSize?: PageSize };

/** The page-size choice of the form: a named size, `max`, or `custom` (width and height fields). */
export const CUSTOM_SIZE = 'custom';
export type PageSizeName = (typeof PAGE_SIZE_NAMES)[number] | typeof PAGE_SIZE_MAX;
export type PageSizeChoice = PageSizeName | typeof CUSTOM_SIZE;
export const PAGE_SIZE_CHOICES: readonly PageSizeChoice[] = [PAGE_SIZE_MAX, ...PAGE_SIZE_NAMES, CUSTOM_SIZE];

/** Where a new custom size starts: A4, the commonest page, for the operator to change. */
export const FIRST_CUSTOM_SIZE: CustomPageSize = { widthMm: 210, heightMm: 297 };

export { CUSTOM_PAGE_MM, SCAN_PROFILE_NAME_MAX };

export function pageSizeChoice(pageSize: PageSize | undefined): PageSizeChoice {
  if (pageSize === undefined) return PAGE_SIZE_MAX;
  return typeof pageSize === 'string' ? pageSize : CUSTOM_SIZE;
}

/** The custom size, or null for a named size or `max`. */
export function customSizeOf(pageSize: PageSize | undefined): CustomPageSize | null {
  return typeof pageSize === 'object' ? pageSize : null;
}

/** The page size for a choice; `custom` keeps a custom size already there. */
export function pageSizeFor(choice: PageSizeChoice, current: PageSize | undefined): PageSize {
  if (choice !== CUSTOM_SIZE) return choice;
  return typeof current === 'object' ? current : FIRST_CUSTOM_SIZE;
}

export function isPageSizeChoice(value: string): value is PageSizeChoice {
  return (PAGE_SIZE_CHOICES as readonly string[]).includes(value);
}

/** A custom size's edge from its field: empty or not a number is NaN (refused until corrected). */
export function millimetres(text: string): number {
  const trimmed = text.trim().replace(',', '.');
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

/** Whether the page size can be sent: named sizes always, a custom one within the contract's bounds. */
export function pageSizeValid(pageSize: PageSize | undefined): boolean {
  return typeof pageSize !== 'object' || CustomPageSize.safeParse(pageSize).success;
}

/** What is wrong with a typed profile name, in the contract's terms; null when it is fine. */
export type NameProblem = 'empty' | 'long' | 'invalid';

export function nameProblem(name: string): NameProblem | null {
  if (ScanProfileName.safeParse(name).success) return null;
  const tidy = name.normalize('NFC').replace(/\s+/gu, ' ').trim();
  if (tidy.length === 0) return 'empty';
  if (tidy.length > SCAN_PROFILE_NAME_MAX) return 'long';
  return 'invalid';
}

/** Whether two profiles scan alike (no page size is `max`). */
export function sameProfile(a: EditableProfile, b: EditableProfile): boolean {
  return (
    (a.device ?? null) === (b.device ?? null) &&
    a.source === b.source &&
    a.mode === b.mode &&
    a.resolution === b.resolution &&
    samePageSize(a.pageSize ?? PAGE_SIZE_MAX, b.pageSize ?? PAGE_SIZE_MAX)
  );
}

function samePageSize(a: PageSize, b: PageSize): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.widthMm === b.widthMm && a.heightMm === b.heightMm;
}

/** A copy the form may change without touching the saved profile it came from. */
export function copyProfile(profile: EditableProfile): EditableProfile {
  const copy = { ...profile };
  if (typeof profile.pageSize === 'object') copy.pageSize = { ...profile.pageSize };
  return copy;
}
