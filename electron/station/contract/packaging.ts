/**
 * The scanning station's packages: the site's settings (formats, layout, the owner's rights
 * statement), packaging a reviewed job with OCR, and its progress. Imported by index.ts and by the
 * renderer: zod only.
 */
import { z } from 'zod';
import { StaffPin } from './common.js';

/** What a package can hold; a site chooses its defaults, a job may ask for fewer. */
export const PACKAGE_FORMATS = ['mets', 'alto', 'pdf', 'iiif', 'bagit'] as const;
export const PackageFormat = z.enum(PACKAGE_FORMATS);
export type PackageFormat = z.infer<typeof PackageFormat>;

/** `bag`: a plain BagIt bag; `goobi`: a Goobi process folder (images/…_media, ocr/…_alto, meta.xml) in the bag. */
export const PackageLayout = z.enum(['bag', 'goobi']);
export type PackageLayout = z.infer<typeof PackageLayout>;

const Url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const Text = z.string().trim().max(500);

/** The owner's statement every METS (`dv:rights`, `dv:links`) and IIIF manifest carries. */
export const RightsSettings = z
  .object({
    owner: Text.min(1),
    ownerLogo: Url,
    ownerSiteURL: Url,
    /** An e-mail address or a URL. */
    ownerContact: Text.min(1),
    license: Url.nullable().default(null),
    sponsor: Text.nullable().default(null),
    /** The catalogue record's URL, `{id}` for the package name. */
    reference: Text.nullable().default(null),
    /** The viewer's URL, `{id}` for the package name. */
    presentation: Text.nullable().default(null),
  })
  .strict();
export type RightsSettings = z.infer<typeof RightsSettings>;

export const PackageSettings = z
  .object({
    formats: z
      .array(PackageFormat)
      .min(1)
      .default([...PACKAGE_FORMATS]),
    layout: PackageLayout.default('bag'),
    /** PDF/A-2b (XMP, an sRGB output intent) for archives. */
    pdfa: z.boolean().default(false),
    /** TIFF masters in the PDF: converted losslessly, or as a JPEG derivative (smaller). */
    tiffInPdf: z.enum(['lossless', 'jpeg']).default('lossless'),
    /** Where the repository will serve the package's IIIF resources (`{id}` for the package name). */
    iiifBaseUrl: Url.default('https://repository.example.org/iiif/{id}/'),
    rights: RightsSettings.nullable().default(null),
  })
  .strict();
export type PackageSettings = z.infer<typeof PackageSettings>;

export const PackageSettingsSaveInput = z.object({ staffPin: StaffPin, settings: PackageSettings }).strict();

/** Tesseract language names (`rus`, `uzb_cyrl`): what the OCR may be asked for. */
export const OcrLanguage = z
  .string()
  .regex(/^[a-z]{3}(_[a-z]{3,4})?$/, { error: 'not a Tesseract language' });

export const JobPackageInput = z
  .object({
    jobId: z.number().int().positive(),
    /** The site's formats when absent. */
    formats: z.array(PackageFormat).min(1).optional(),
    /**
     * OCR languages in order (`['rus', 'kaz']`); absent: from the job's record (Uzbek by the
     * title's script); an empty list: no OCR.
     */
    ocrLanguages: z.array(OcrLanguage).max(4).optional(),
    layout: PackageLayout.optional(),
  })
  .strict();

/** What OCR this station can do: Tesseract found or not, and the languages installed. */
export interface OcrStatus {
  available: boolean;
  version: string | null;
  languages: string[];
}

export const PACKAGE_PHASES = [
  'queued',
  'images',
  'ocr',
  'pdf',
  'metadata',
  'bag',
  'done',
  'failed',
  'cancelled',
] as const;
export type PackagePhase = (typeof PACKAGE_PHASES)[number];

/** A job's package as the screens follow it. */
export interface PackageProgress {
  jobId: number;
  phase: PackagePhase;
  /** Pages done in this phase, of `total`. */
  done: number;
  total: number;
  /** The package folder when done (relative to the data directory). */
  path: string | null;
  /**
   * The book's PDF when the finished package has one (relative to the data directory, forward
   * slashes): what "Open the PDF" opens.
   */
  pdf: string | null;
  /** When failed: the error's code and words. */
  error: { code: string; message: string } | null;
}

/**
 * What `jobs.openPackagePdf` did: the desktop opened the PDF in the system's viewer (`opened`), or,
 * in the web host, the address the screen opens in a new tab (`url`, the web host's
 * `packagePdfPath`; the screen adds its access token).
 */
export type OpenPackagePdfResult = { opened: true; url: null } | { opened: false; url: string };

/** The web host's address of a job's package PDF (served only with the access token). */
export function packagePdfPath(jobId: number): string {
  return `/packages/${jobId}/pdf`;
}

export interface PackagingEvents {
  'job.package': PackageProgress;
}
