import fs from 'node:fs';
import path from 'node:path';
import sharp, { type JpegOptions, type Sharp } from 'sharp';
import { cropRegion } from './crop-region.js';
import type { DeriveInput, DeriveOutput, DeriveProgress, MadeDerivative } from './protocol.js';
import { judge } from './qc-judge.js';
import { measure, type Pixels } from './qc-measure.js';

/** The size quality control measures pages at; DEFAULT_QC's thresholds are set for it. */
export const QC_LONG_EDGE = 1600;

/**
 * Runs in a worker: makes the viewing copy and the thumbnail of a master and measures the page.
 * The master is decoded once, straight to viewing size (JPEG masters decode at a reduced scale),
 * and everything else is made from those pixels.
 */
export async function derive(
  input: DeriveInput,
  progress: (made: DeriveProgress) => void,
): Promise<DeriveOutput> {
  const { sizes } = input;
  // A master that is not there (its folder gone with an unplugged disk) is the disk's trouble, with
  // its errno code; sharp would report it as an image it cannot read, and the page be flagged.
  await fs.promises.access(input.master, fs.constants.R_OK);
  const master = sharp(input.master);
  const meta = await master.metadata();
  const greyMaster = meta.space === 'b-w' || meta.space === 'grey16' || (meta.channels ?? 3) <= 2;
  // A crop is cut from the oriented master before resizing, so derivatives keep their full size.
  const region = cropRegion(input.crop, meta.autoOrient ?? meta);
  const oriented = master.autoOrient();
  const { data, info } = await (region ? oriented.extract(region) : oriented)
    .resize({
      width: sizes.viewLongEdge,
      height: sizes.viewLongEdge,
      fit: 'inside',
      withoutEnlargement: true,
    })
    .flatten({ background: '#ffffff' })
    .toColourspace(greyMaster ? 'b-w' : 'srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const raw = { width: info.width, height: info.height, channels: info.channels };
  // One-channel pixels would come out as sRGB unless told otherwise: a grey page stays grey (smaller).
  const space = info.channels === 1 ? 'b-w' : 'srgb';

  // The encoders run on libuv's threads while this thread measures the page.
  const made = Promise.all([
    writeJpeg(sharp(data, { raw }).toColourspace(space), input.view, sizes.viewQuality),
    writeJpeg(
      sharp(data, { raw })
        .resize({ width: sizes.thumbLongEdge, height: sizes.thumbLongEdge, fit: 'inside' })
        .toColourspace(space),
      input.thumb,
      sizes.thumbQuality,
    ),
  ]);
  const measured = measure(await qcImage(data, raw, sizes.viewLongEdge));
  const [view, thumb] = await made;
  progress({ view, thumb });

  const metrics = {
    ...measured,
    resolution: input.resolution ?? (meta.density ? Math.round(meta.density) : null),
  };
  return { view, thumb, metrics, flags: judge(metrics, input.expectedResolution, input.qc) };
}

/**
 * The pixels quality control measures sharpness on. Its thresholds hold for pages QC_LONG_EDGE
 * pixels long: when the viewing copy has that size (the default) its pixels are used as they are.
 */
async function qcImage(
  data: Uint8Array,
  raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 },
  viewLongEdge: number,
): Promise<Pixels> {
  if (viewLongEdge === QC_LONG_EDGE || Math.max(raw.width, raw.height) < QC_LONG_EDGE)
    return { data, ...raw };
  const resized = await sharp(data, { raw })
    .resize({ width: QC_LONG_EDGE, height: QC_LONG_EDGE, fit: 'inside' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: resized.data, width: resized.info.width, height: resized.info.height, channels: 1 };
}

/**
 * JPEG settings of both derivatives. Optimised Huffman tables (a second pass) save 2–3 % of the
 * file and cost more than half of the encoding time, for files remade whenever they are missing.
 */
export function jpegOptions(quality: number): JpegOptions {
  return { quality, optimiseCoding: false };
}

/**
 * Derivatives are written under a temporary name and renamed, so a file under the final name is
 * always complete. They are not fsynced: after a power cut start-up remakes any that are missing
 * or short, from the master, which is. The JPEG is encoded in memory and written by Node, not by
 * libvips, so a full or failing disk comes back as its errno code (ENOSPC, EIO): the disk's
 * trouble, which stops the capture, and never mistaken for an unreadable page.
 */
async function writeJpeg(image: Sharp, target: string, quality: number): Promise<MadeDerivative> {
  const { data, info } = await image.jpeg(jpegOptions(quality)).toBuffer({ resolveWithObject: true });
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await fs.promises.writeFile(temp, data);
    await fs.promises.rename(temp, target);
    return { width: info.width, height: info.height, bytes: data.byteLength };
  } catch (err) {
    await fs.promises.rm(temp, { force: true });
    throw err;
  }
}
