import { z } from 'zod';
import { NAMED_PAGE_SIZES, type NamedPageSize } from './page-size.js';

const namedSizes = Object.keys(NAMED_PAGE_SIZES) as [NamedPageSize, ...NamedPageSize[]];

export const PageSizeSchema = z.union([
  z.enum([...namedSizes, 'max']),
  z.strictObject({
    widthMm: z.number().positive().max(1000),
    heightMm: z.number().positive().max(5000),
  }),
]);

/**
 * What to scan and how. `device` names the scanner (`sane:test:0`, `escl:http://host/eSCL/`);
 * `format` matters only for scanners that encode images themselves (eSCL): `auto` asks for a
 * lossless PNG when offered, else JPEG, else PDF, since these are archive masters.
 */
export const ScanProfileSchema = z.strictObject({
  device: z.string().min(1),
  source: z.enum(['flatbed', 'adf']),
  mode: z.enum(['color', 'gray', 'lineart']),
  resolution: z.number().int().min(25).max(4800),
  pageSize: PageSizeSchema,
  format: z.enum(['auto', 'png', 'jpeg', 'pdf']).default('auto'),
});

export type ScanProfile = z.output<typeof ScanProfileSchema>;
export type ScanProfileInput = z.input<typeof ScanProfileSchema>;
export type PageSize = z.output<typeof PageSizeSchema>;

/** Validates a profile from settings or the UI; throws zod's error, which names the bad field. */
export function parseScanProfile(input: unknown): ScanProfile {
  return ScanProfileSchema.parse(input);
}
