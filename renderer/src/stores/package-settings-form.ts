/**
 * The package settings form, pure: a draft of text fields (an empty optional field is "none"), what
 * it becomes for the contract, and the contract schema's refusals as field problems the screen
 * translates, as the catalog source editor does.
 */
import {
  PACKAGE_FORMATS,
  type PackageFormat,
  PackageLayout,
  PackageSettings,
  type RightsSettings,
} from '@contract/index.js';
import { type FieldProblems, problemOf } from './catalog-source-form.js';

export { PACKAGE_FORMATS };
export const PACKAGE_LAYOUTS: readonly PackageLayout[] = PackageLayout.options;
export type TiffInPdf = PackageSettings['tiffInPdf'];
export const TIFF_IN_PDF: readonly TiffInPdf[] = PackageSettings.shape.tiffInPdf.unwrap().options;

/** The rights statement's fields, each a text field of the form. */
export const RIGHTS_FIELDS = [
  'owner',
  'ownerLogo',
  'ownerSiteURL',
  'ownerContact',
  'license',
  'sponsor',
  'reference',
  'presentation',
] as const;
export type RightsField = (typeof RIGHTS_FIELDS)[number];

export interface PackageSettingsDraft {
  formats: PackageFormat[];
  layout: PackageLayout;
  pdfa: boolean;
  tiffInPdf: TiffInPdf;
  iiifBaseUrl: string;
  rights: Record<RightsField, string>;
}

/**
 * Field keys, for problems and test ids (`package-field-rights.ownerLogo`): the top-level fields by
 * name, the rights statement's as `rights.<field>`.
 */
export const PACKAGE_FIELD = {
  formats: 'formats',
  layout: 'layout',
  pdfa: 'pdfa',
  tiffInPdf: 'tiffInPdf',
  iiifBaseUrl: 'iiifBaseUrl',
} as const;

export function rightsField(field: RightsField): string {
  return `rights.${field}`;
}

/** The settings in the form; a site without a rights statement starts with empty fields. */
export function settingsDraft(settings: PackageSettings): PackageSettingsDraft {
  const rights = Object.fromEntries(RIGHTS_FIELDS.map((f) => [f, settings.rights?.[f] ?? ''])) as Record<
    RightsField,
    string
  >;
  return {
    formats: [...settings.formats],
    layout: settings.layout,
    pdfa: settings.pdfa,
    tiffInPdf: settings.tiffInPdf,
    iiifBaseUrl: settings.iiifBaseUrl,
    rights,
  };
}

/** The formats in the contract's order, whatever order they were ticked in. */
export function withFormat(formats: readonly PackageFormat[], format: PackageFormat, on: boolean) {
  return PACKAGE_FORMATS.filter((f) => (f === format ? on : formats.includes(f)));
}

/** No rights field filled in: the site has no statement yet (null); else every required one is checked. */
function rightsOf(draft: PackageSettingsDraft): RightsSettings | null {
  const values = RIGHTS_FIELDS.map((f) => draft.rights[f].trim());
  if (values.every((v) => v === '')) return null;
  const text = (f: RightsField) => draft.rights[f].trim();
  const optional = (f: RightsField) => (text(f) === '' ? null : text(f));
  return {
    owner: text('owner'),
    ownerLogo: text('ownerLogo'),
    ownerSiteURL: text('ownerSiteURL'),
    ownerContact: text('ownerContact'),
    license: optional('license'),
    sponsor: optional('sponsor'),
    reference: optional('reference'),
    presentation: optional('presentation'),
  };
}

/** Where a schema issue is shown: `rights.<field>`, or the top-level field. */
function fieldOf(path: readonly PropertyKey[]): string {
  const [first, second] = path.map(String);
  if (first === 'rights' && second !== undefined) return rightsField(second as RightsField);
  return first ?? PACKAGE_FIELD.formats;
}

/** Checks the draft with the contract's schema: the settings to save, or the problems by field. */
export function checkSettingsDraft(draft: PackageSettingsDraft): {
  settings: PackageSettings | null;
  problems: FieldProblems;
} {
  const problems: FieldProblems = {};
  const parsed = PackageSettings.safeParse({
    formats: draft.formats,
    layout: draft.layout,
    pdfa: draft.pdfa,
    tiffInPdf: draft.tiffInPdf,
    iiifBaseUrl: draft.iiifBaseUrl.trim(),
    rights: rightsOf(draft),
  });
  if (parsed.success) return { settings: parsed.data, problems };
  for (const issue of parsed.error.issues) {
    const field = fieldOf(issue.path);
    if (problems[field]) continue;
    // No format ticked: the form says "choose at least one", not a number range.
    problems[field] =
      field === PACKAGE_FIELD.formats
        ? { kind: 'required' }
        : problemOf(issue as Parameters<typeof problemOf>[0]);
  }
  return { settings: null, problems };
}

/** Rights fields that may stay empty; of them, the addresses where `{id}` stands for the package. */
export const OPTIONAL_RIGHTS: ReadonlySet<RightsField> = new Set([
  'license',
  'sponsor',
  'reference',
  'presentation',
]);
export const PLACEHOLDER_RIGHTS: ReadonlySet<RightsField> = new Set(['reference', 'presentation']);
