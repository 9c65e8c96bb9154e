import type { MasterFormat } from '../../contract/digitization-types.js';
import { DigitizationError } from '../errors.js';

/**
 * The master's format from its first bytes. The scanner's MIME type is not trusted for this: the
 * file's name and the packages' MIME types must match what is really inside.
 */
export function detectFormat(data: Uint8Array): MasterFormat {
  const b = data;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  // Little-endian "II*\0" or big-endian "MM\0*"; BigTIFF (43) too, for very large scans.
  if (b.length >= 4 && b[0] === 0x49 && b[1] === 0x49 && (b[2] === 42 || b[2] === 43) && b[3] === 0)
    return 'tiff';
  if (b.length >= 4 && b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && (b[3] === 42 || b[3] === 43))
    return 'tiff';
  throw new DigitizationError(
    'IMAGE_FORMAT',
    'The scanner delivered an image that is not TIFF, PNG or JPEG; set the scan profile to one of these.',
  );
}
