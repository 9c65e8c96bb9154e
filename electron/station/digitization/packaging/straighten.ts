import path from 'node:path';
import sharp from 'sharp';
import type { PageInfo } from '../../contract/digitization-types.js';
import { cropRegion } from '../pipeline/crop-region.js';

/**
 * The thumbnail's long edge when one is made here (DFG-Viewer and IIIF viewers show about this
 * size); the capture's own thumbnail is used when there is one.
 */
export const PACKAGE_THUMB_EDGE = 300;

/**
 * A page as readers see it: the master oriented, cut to its crop box and turned by its rotation,
 * at full resolution (DEFAULT, and what OCR reads, so ALTO's coordinates fit the image it names),
 * with its thumbnail. The master itself is never touched. Written as JPEG under `dir`; a JPEG
 * master that needs no change is its own view (`view` is then the master's path).
 */
export async function straighten(
  page: PageInfo,
  master: string,
  dir: string,
  /** The thumbnail made at capture (crop applied, not turned), absolute; null when not made yet. */
  capturedThumb: string | null = null,
): Promise<{ view: string; thumb: string }> {
  const stem = path.join(dir, String(page.sequence).padStart(5, '0'));
  const view = `${stem}.jpg`;
  const thumb = `${stem}.thumb.jpg`;
  const source = sharp(master, { failOn: 'error' });
  const meta = await source.metadata();
  const region = cropRegion(page.crop, meta.autoOrient ?? meta);
  if (meta.format === 'jpeg' && !region && page.rotation === 0 && (meta.orientation ?? 1) === 1) {
    // Already what readers should see: the master itself serves as the reader's image, not a
    // second, lossier JPEG of it (the package may point both file groups at one file).
    return { view: master, thumb: capturedThumb ?? (await thumbnail(master, thumb)) };
  }
  const oriented = source.autoOrient();
  // sharp turns an image once per pipeline: cut the oriented master first, then turn the cut.
  const cut = await (region ? oriented.extract(region) : oriented).png({ compressionLevel: 0 }).toBuffer();
  const density = page.master.resolution ?? (meta.density ? Math.round(meta.density) : 300);
  await sharp(cut)
    .rotate(page.rotation)
    .flatten({ background: '#ffffff' })
    .withMetadata({ density })
    .jpeg({ quality: 88, chromaSubsampling: '4:4:4' })
    .toFile(view);
  if (!capturedThumb) return { view, thumb: await thumbnail(view, thumb) };
  // The capture's thumbnail has the crop already: turning it is all it needs.
  if (page.rotation !== 0)
    await sharp(capturedThumb).rotate(page.rotation).jpeg({ quality: 75 }).toFile(thumb);
  return { view, thumb: page.rotation === 0 ? capturedThumb : thumb };
}

async function thumbnail(view: string, thumb: string): Promise<string> {
  await sharp(view)
    .resize({
      width: PACKAGE_THUMB_EDGE,
      height: PACKAGE_THUMB_EDGE,
      fit: 'inside',
      withoutEnlargement: true,
    })
    .jpeg({ quality: 75 })
    .toFile(thumb);
  return thumb;
}
