/**
 * A master as a PDF image: its bytes and the image dictionary's entries, without decoding where the
 * format allows — a JPEG's DCT stream as it is (as img2pdf does), a PNG's IDAT (zlib with PNG row
 * filters, which PDF reads as /FlateDecode with /Predictor 15); a TIFF made into one of the two.
 */
import fs from 'node:fs/promises';
import sharp, { type Metadata } from 'sharp';
import { StationError } from '../../errors.js';
import type { PackagePage } from '../package-input.js';

export type ColourSpace =
  | { kind: 'device'; name: 'DeviceGray' | 'DeviceRGB' | 'DeviceCMYK' }
  | { kind: 'icc'; components: 1 | 3 | 4; profile: Buffer }
  | { kind: 'indexed'; palette: Buffer; profile: Buffer | null };

export interface PdfImage {
  /** The stream's data as it goes in the file. */
  data: Buffer;
  width: number;
  height: number;
  bitsPerComponent: 8 | 16 | 1 | 2 | 4;
  colourSpace: ColourSpace;
  filter: 'DCTDecode' | 'FlateDecode';
  /** /DecodeParms for PNG data. */
  predictor: { colors: number; columns: number } | null;
  /** /Decode for Adobe's inverted CMYK JPEGs. */
  invertCmyk: boolean;
  /** Clockwise turn the file's orientation tag asks for (EXIF 1, 3, 6, 8). */
  orientation: 0 | 90 | 180 | 270;
  /** A PNG this writer cannot pass through (alpha, interlaced): handed to pdf-lib, which decodes it. */
  fallbackPng: Buffer | null;
}

const fail = (page: PackagePage, why: string): never => {
  throw new StationError(
    'IMAGE_FORMAT',
    `Page ${page.order}: the master ${page.master.path} cannot be used: ${why}`,
  );
};

const ORIENTATION: Record<number, PdfImage['orientation']> = { 1: 0, 3: 180, 6: 90, 8: 270 };

export async function readMaster(page: PackagePage, tiff: 'lossless' | 'jpeg'): Promise<PdfImage> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(page.master.source);
  } catch (err) {
    return fail(page, (err as Error).message);
  }
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch (err) {
    return fail(page, (err as Error).message);
  }
  const orientation = ORIENTATION[meta.orientation ?? 1];
  if (orientation === undefined)
    fail(page, `mirrored orientation (EXIF ${meta.orientation}) is not supported`);
  if (meta.format === 'jpeg') return jpeg(page, bytes, meta, orientation as PdfImage['orientation']);
  if (meta.format === 'png') return png(page, bytes, meta, orientation as PdfImage['orientation']);
  if (meta.format === 'tiff') {
    let derived: Buffer;
    try {
      let image = sharp(bytes, { limitInputPixels: false }).keepIccProfile();
      if (meta.hasAlpha) image = image.flatten({ background: '#ffffff' });
      // sharp writes 8-bit PNG unless told the image is 16-bit.
      const grey = (meta.channels ?? 3) - (meta.hasAlpha ? 1 : 0) === 1;
      if (tiff === 'lossless' && meta.depth === 'ushort')
        image = image.toColourspace(grey ? 'grey16' : 'rgb16');
      derived =
        tiff === 'jpeg'
          ? await image.jpeg({ quality: 90, chromaSubsampling: '4:4:4' }).toBuffer()
          : await image.png({ compressionLevel: 6 }).toBuffer();
    } catch (err) {
      return fail(page, (err as Error).message);
    }
    const derivedMeta = await sharp(derived).metadata();
    return tiff === 'jpeg'
      ? jpeg(page, derived, derivedMeta, orientation as PdfImage['orientation'])
      : png(page, derived, derivedMeta, orientation as PdfImage['orientation']);
  }
  return fail(page, `${meta.format} is not a master format (JPEG, PNG, TIFF)`);
}

function jpeg(
  page: PackagePage,
  data: Buffer,
  meta: Metadata,
  orientation: PdfImage['orientation'],
): PdfImage {
  // A truncated file decodes as grey below the cut in some viewers and not at all in others.
  let end = data.length;
  while (end > 2 && data[end - 1] === 0) end--;
  if (data[0] !== 0xff || data[1] !== 0xd8 || data[end - 2] !== 0xff || data[end - 1] !== 0xd9) {
    fail(page, 'the JPEG is truncated (no end-of-image marker)');
  }
  const channels = meta.channels ?? 3;
  if (channels !== 1 && channels !== 3 && channels !== 4) fail(page, `a JPEG with ${channels} channels`);
  const device = channels === 1 ? 'DeviceGray' : channels === 3 ? 'DeviceRGB' : 'DeviceCMYK';
  return {
    data,
    width: meta.width as number,
    height: meta.height as number,
    bitsPerComponent: 8,
    colourSpace: meta.icc
      ? { kind: 'icc', components: channels as 1 | 3 | 4, profile: meta.icc }
      : { kind: 'device', name: device },
    filter: 'DCTDecode',
    predictor: null,
    // Photoshop and most CMYK JPEG writers store the ink values inverted (Adobe APP14).
    invertCmyk: channels === 4,
    orientation,
    fallbackPng: null,
  };
}

function png(
  page: PackagePage,
  data: Buffer,
  meta: Metadata,
  orientation: PdfImage['orientation'],
): PdfImage {
  if (data.readUInt32BE(0) !== 0x89504e47) fail(page, 'not a PNG');
  let offset = 8;
  let header: { width: number; height: number; depth: number; colourType: number; interlace: number } | null =
    null;
  let palette: Buffer | null = null;
  let transparency = false;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset + 8 <= data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (body.length !== length) break;
    if (type === 'IHDR') {
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        depth: body[8] as number,
        colourType: body[9] as number,
        interlace: body[12] as number,
      };
    } else if (type === 'PLTE') palette = Buffer.from(body);
    else if (type === 'tRNS') transparency = true;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    offset += 12 + length;
  }
  if (!header || !ended || idat.length === 0) return fail(page, 'the PNG is truncated');
  const base = {
    width: header.width,
    height: header.height,
    orientation,
    invertCmyk: false,
    filter: 'FlateDecode' as const,
  };
  const passThrough =
    header.interlace === 0 &&
    !transparency &&
    (header.colourType === 0 || header.colourType === 2 || (header.colourType === 3 && palette !== null));
  if (!passThrough) {
    return {
      ...base,
      data: Buffer.alloc(0),
      bitsPerComponent: 8,
      colourSpace: { kind: 'device', name: 'DeviceRGB' },
      predictor: null,
      fallbackPng: data,
    };
  }
  const colors = header.colourType === 2 ? 3 : 1;
  const icc = meta.icc ?? null;
  const colourSpace: ColourSpace =
    header.colourType === 3
      ? { kind: 'indexed', palette: palette as Buffer, profile: icc }
      : icc
        ? { kind: 'icc', components: colors as 1 | 3, profile: icc }
        : { kind: 'device', name: colors === 3 ? 'DeviceRGB' : 'DeviceGray' };
  return {
    ...base,
    data: idat.length === 1 ? (idat[0] as Buffer) : Buffer.concat(idat),
    bitsPerComponent: header.depth as PdfImage['bitsPerComponent'],
    colourSpace,
    predictor: { colors, columns: header.width },
    fallbackPng: null,
  };
}
