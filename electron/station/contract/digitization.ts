/**
 * The scanning station's part of the contract: jobs, pages and capture. Imported by index.ts
 * and by the renderer: zod, and type-only imports from the digitization domain.
 */
import { z } from 'zod';
import { BibRecord, CatalogQuery } from './catalog-types.js';
import { StaffPin } from './common.js';
import { JOB_STATES, PAGE_SIDES, PAGE_TYPES } from './digitization-types.js';

/** The shapes of jobs and pages, and their enums, are the contract's too. */
export * from './digitization-types.js';

const JobId = z.number().int().positive();
const PageIds = z.array(z.number().int().positive()).min(1).max(5000);

/**
 * The named paper sizes a profile may ask for, in the order the screens offer them. The scanner
 * layer (`devices/scanner/page-size.ts`) holds their millimetres, one for each of these names (its
 * type says so).
 */
export const PAGE_SIZE_NAMES = ['a4', 'a3', 'a5', 'b5', 'letter', 'legal'] as const;
export type NamedPageSize = (typeof PAGE_SIZE_NAMES)[number];

/** `max`: everything the scanner covers (its whole glass or feeder width). */
export const PAGE_SIZE_MAX = 'max';

/**
 * Bounds of a custom page size in millimetres: below 10 mm is a slip of the finger, and the upper
 * bounds are those the scanner layer accepts (long feeder documents are narrow and long).
 */
export const CUSTOM_PAGE_MM = { min: 10, maxWidth: 1000, maxHeight: 5000 } as const;

const pageEdge = (name: string, max: number) =>
  z
    .number({ error: `${name} must be a number of millimetres` })
    .min(CUSTOM_PAGE_MM.min, { error: `${name} must be at least ${CUSTOM_PAGE_MM.min} mm` })
    .max(max, { error: `${name} must be at most ${max} mm` });

export const CustomPageSize = z
  .object({
    widthMm: pageEdge('widthMm', CUSTOM_PAGE_MM.maxWidth),
    heightMm: pageEdge('heightMm', CUSTOM_PAGE_MM.maxHeight),
  })
  .strict();
export type CustomPageSize = z.infer<typeof CustomPageSize>;

/**
 * The area to scan: a named paper size, `max`, or a custom size. The scanner scans that area cut
 * to what it covers (an A3 page on an A4 flatbed is scanned as far as the glass reaches).
 */
export const PageSize = z.union([z.enum([...PAGE_SIZE_NAMES, PAGE_SIZE_MAX]), CustomPageSize], {
  error: `a page size is one of ${PAGE_SIZE_NAMES.join(', ')}, ${PAGE_SIZE_MAX}, or { widthMm, heightMm }`,
});
export type PageSize = z.infer<typeof PageSize>;

/**
 * How a job's pages are scanned. `pageSize` came later: a job recorded without one is read as
 * `max`, which is what capture did before it existed.
 */
export const ScanProfile = z
  .object({
    device: z.string().max(300).optional(),
    source: z.enum(['flatbed', 'adf']).default('flatbed'),
    mode: z.enum(['color', 'gray', 'lineart']).default('gray'),
    resolution: z.number().int().min(50).max(1200).default(300),
    pageSize: PageSize.default(PAGE_SIZE_MAX),
  })
  .strict();
export type ScanProfile = z.infer<typeof ScanProfile>;

/** A saved profile's name: at most this many characters, after trimming. */
export const SCAN_PROFILE_NAME_MAX = 60;
/** At most this many saved profiles per station: a list an operator can still choose from at a glance. */
export const SCAN_PROFILES_MAX = 50;

/**
 * A saved profile's name as the operator typed it, tidied: Unicode NFC, runs of white space made
 * one space, trimmed. Two names that differ only in case are the same name (the service checks).
 */
export const ScanProfileName = z
  .string({ error: 'name must be text' })
  .transform((name) => name.normalize('NFC').replace(/\s+/gu, ' ').trim())
  .pipe(
    z
      .string()
      .min(1, { error: 'name must not be empty' })
      .max(SCAN_PROFILE_NAME_MAX, { error: `name must be at most ${SCAN_PROFILE_NAME_MAX} characters` })
      .refine((name) => !/\p{Cc}/u.test(name), { error: 'name must not contain control characters' }),
  );

export const ScanProfileId = z
  .string({ error: 'id must be text' })
  .regex(/^[A-Za-z0-9-]{1,64}$/, { error: 'id is not a scan profile id' });

/** Saves a profile: a new one without `id`, else that one is changed. */
export const ScanProfileSaveInput = z
  .object({
    id: ScanProfileId.optional(),
    name: ScanProfileName,
    profile: ScanProfile,
    /**
     * True: new jobs start from this profile. False: if it was the default, there is none now.
     * Absent: the default stays as it is.
     */
    makeDefault: z.boolean().optional(),
  })
  .strict();
export const ScanProfileIdInput = z.object({ id: ScanProfileId }).strict();
/** Which profile new jobs start from; null: none (the new-job screen keeps the last one used). */
export const ScanProfileDefaultInput = z.object({ id: ScanProfileId.nullable() }).strict();

/** A named scan profile saved on this station. */
export interface SavedScanProfile {
  id: string;
  name: string;
  profile: ScanProfile;
  /** New jobs start from this profile; at most one is the default. */
  isDefault: boolean;
}

/** What `scanProfiles.save` answers: the profile as saved, and the station's list after it. */
export interface ScanProfileSaved {
  saved: SavedScanProfile;
  profiles: SavedScanProfile[];
}

export const JobsListInput = z
  .object({
    states: z.array(z.enum(JOB_STATES)).optional(),
    itemBarcode: z.string().trim().max(64).optional(),
  })
  .strict();
export const JobInput = z.object({ jobId: JobId }).strict();
const ItemCode = z.string().trim().min(1).max(64);

export const JobCreateInput = z
  .object({
    /** What identifies the book: the library's barcode (inventory number), or its ISBN. */
    itemBarcode: ItemCode,
    profile: ScanProfile.prefault({}),
    /** The record the operator picked or typed. */
    record: BibRecord.nullable().optional(),
    /**
     * Without a record: the lookup to keep trying in the background (sources down, station
     * offline); the operator is told when its answer comes.
     */
    lookup: CatalogQuery.optional(),
    /** The operator saw the jobs that already have this barcode or ISBN and wants another one. */
    allowDuplicate: z.boolean().optional(),
  })
  .strict();
/** Jobs that already have this barcode or ISBN (ISBN-10 and -13, hyphens or not, are one). */
export const JobDuplicatesInput = z.object({ code: ItemCode }).strict();
/** Sets the job's record (a picked candidate, or fields edited by hand); null clears it. */
export const JobSetRecordInput = z.object({ jobId: JobId, record: BibRecord.nullable() }).strict();
/** Looks the job's record up again now: with its pending query, or with a new one. */
export const JobLookupInput = z.object({ jobId: JobId, query: CatalogQuery.optional() }).strict();
/** Staff: deletes a job with its files. */
export const JobDeleteInput = z.object({ jobId: JobId, staffPin: StaffPin }).strict();
export const JobTransitionInput = z
  .object({ jobId: JobId, to: z.enum(JOB_STATES), note: z.string().max(500).optional() })
  .strict();
export const PagesMoveInput = z
  .object({ jobId: JobId, pageIds: PageIds, position: z.number().int().min(1) })
  .strict();
export const PagesInput = z.object({ jobId: JobId, pageIds: PageIds }).strict();
export const PagesRelabelInput = z
  .object({
    jobId: JobId,
    pageIds: PageIds,
    type: z.enum(PAGE_TYPES).optional(),
    label: z.string().trim().max(64).nullable().optional(),
    side: z.enum(PAGE_SIDES).optional(),
  })
  .strict();
export const PagesRotateInput = z
  .object({
    jobId: JobId,
    pageIds: PageIds,
    by: z.union([z.literal(90), z.literal(-90), z.literal(180), z.literal(270)]),
  })
  .strict();
/**
 * Larger than any master a scanner or camera delivers (a 600 dpi A0 sheet is about 28,000 pixels
 * long): a bound on numbers from outside, not a rule about pages. Whether a box lies inside its
 * page is the service's to check, against the master's own size (INVALID_OPERATION).
 */
export const MAX_CROP_PIXELS = 100_000;

const cropEdge = (name: string, least: number) =>
  z
    .number({ error: `${name} must be a number of pixels` })
    .int({ error: `${name} must be a whole number of pixels` })
    .min(least, { error: `${name} must be at least ${least}` })
    .max(MAX_CROP_PIXELS, { error: `${name} must be at most ${MAX_CROP_PIXELS}` });

/**
 * A crop box in master pixels, before the page's rotation (see CropBox). Refused with a message
 * per field, reported as VALIDATION with the fields' paths (`crop.width`…).
 */
export const CropBoxInput = z
  .object({
    x: cropEdge('x', 0),
    y: cropEdge('y', 0),
    width: cropEdge('width', 1),
    height: cropEdge('height', 1),
  })
  .strict()
  .refine((box) => box.x + box.width <= MAX_CROP_PIXELS, {
    error: `x + width must be at most ${MAX_CROP_PIXELS}`,
    path: ['width'],
  })
  .refine((box) => box.y + box.height <= MAX_CROP_PIXELS, {
    error: `y + height must be at most ${MAX_CROP_PIXELS}`,
    path: ['height'],
  });

/** Sets one page's crop box, or with `crop: null` clears it; always given, so a lost field is refused. */
export const PagesCropInput = z
  .object({ jobId: JobId, pageId: z.number().int().positive(), crop: CropBoxInput.nullable() })
  .strict();
export const PagesNumberingInput = z
  .object({
    jobId: JobId,
    rule: z
      .object({
        frontMatterEndsAt: z.number().int().positive().nullable(),
        romanStart: z.number().int().positive(),
        arabicStart: z.number().int().positive(),
      })
      .strict()
      .nullable(),
  })
  .strict();
export const PageImageInput = z
  .object({ jobId: JobId, pageId: z.number().int().positive(), kind: z.enum(['thumb', 'view']) })
  .strict();
export const CaptureInput = z
  .object({
    jobId: JobId,
    profile: ScanProfile.optional(),
    /** Rescan: the new image replaces this page, which keeps its place. */
    replacePageId: z.number().int().positive().optional(),
    /** Insert the captured pages next to this page instead of at the end. */
    insert: z
      .object({ pageId: z.number().int().positive(), where: z.enum(['before', 'after']) })
      .strict()
      .optional(),
  })
  .strict();

/** A camera frame's largest size as base64 (about 30 MB of JPEG or PNG). */
export const MAX_FRAME_BASE64 = 40 * 1024 * 1024;
export const FRAME_MIME_TYPES = ['image/jpeg', 'image/png'] as const;
export const AddFrameInput = z
  .object({
    jobId: JobId,
    /** The photo from the renderer's camera, base64 (no data: prefix). */
    image: z.string().min(1).max(MAX_FRAME_BASE64),
    mimeType: z.enum(FRAME_MIME_TYPES),
  })
  .strict();

export interface CaptureResult {
  jobId: number;
  pages: number;
  /**
   * Why capture stopped early: the scanner's error codes (jammed, no_documents…), or the disk's
   * (DISK_FULL, DISK_FAILED, FOLDER_READ_ONLY, FOLDER_MISSING); null when done.
   */
  stoppedBy: string | null;
  /**
   * The scanner's own words for it, in English (`the scanner does not deliver image/png`), for the
   * CLI and logs (a disk stop: "Disk full at <path>…"); screens say `stoppedBy` in the operator's language.
   * Null when done.
   */
  stopDetail: string | null;
  /** For the disk's stops: the folder concerned ("Disk full at <path>"). */
  path?: string;
}

export interface ScannerSummary {
  id: string;
  name: string;
  kind: 'sane' | 'escl' | 'demo';
}
