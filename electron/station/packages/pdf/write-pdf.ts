/**
 * The package's PDF (DOWNLOAD): a page per page of the book, each its master embedded without
 * re-encoding where the format allows (JPEG as is, PNG's compressed data as is, TIFF made lossless
 * PNG data or a JPEG at quality 90), sized from the master's pixels and resolution, the page's
 * rotation as /Rotate and its crop as /CropBox (so nothing is re-encoded for them either), with
 * Tesseract's invisible text over it. Optionally PDF/A-2b: XMP, an sRGB output intent, a document ID.
 *
 * Written to a temporary name beside `file`, fsynced and renamed: a failed or cancelled run leaves
 * nothing at `file`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  PDFDocument,
  type PDFEmbeddedPage,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFRef,
  PDFString,
} from '@cantoo/pdf-lib';
import sharp from 'sharp';
import type { PackageInput, PackagePage } from '../package-input.js';
import { type PdfImage, readMaster } from './images.js';
import { documentInfo, xmpPacket } from './metadata.js';
import { PdfFile } from './pdf-file.js';

export interface WritePdfOptions {
  file: string;
  /**
   * Per page order, a PDF whose first page is Tesseract's text-only output for that page
   * (`tesseract IMG OUT -c textonly_pdf=1 … pdf`), made from the viewing copy: its page is laid
   * over what the reader sees (the crop, turned by the rotation).
   */
  textLayers?: Map<number, string>;
  /** TIFF masters: PNG data (lossless, 16-bit kept) or a JPEG at quality 90. */
  tiff: 'lossless' | 'jpeg';
  pdfa?: boolean;
  signal?: AbortSignal;
  onPage?: (done: number, total: number) => void;
}

export interface WrittenPdf {
  bytes: number;
  sha256: string;
  pages: number;
}

const PRODUCER = 'Bitig PDF writer (@cantoo/pdf-lib)';
/** Points per inch; masters without a resolution are taken as 300 dpi. */
const DEFAULT_DPI = 300;

export async function writePdf(input: PackageInput, options: WritePdfOptions): Promise<WrittenPdf> {
  const { file, signal } = options;
  signal?.throwIfAborted();
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(6).toString('hex')}.part`,
  );
  const handle = await fs.open(temp, 'wx');
  let closed = false;
  try {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const context = doc.context;
    // pdf-lib's own catalog and page tree are not used; their object numbers are taken for ours.
    const catalogRef = context.trailerInfo.Root as PDFRef;
    const pagesRef = doc.catalog.get(PDFName.of('Pages')) as PDFRef;
    for (const [ref] of context.enumerateIndirectObjects()) context.delete(ref);

    const out = new PdfFile(context, handle);
    await out.header();
    const icc = new Map<string, PDFRef>();
    const kids: PDFRef[] = [];
    const total = input.pages.length;
    const pages = [...input.pages].sort((a, b) => a.order - b.order);
    // The next master is read while this one is written.
    let next = pages[0] ? readMaster(pages[0], options.tiff) : null;
    for (let i = 0; i < pages.length; i++) {
      signal?.throwIfAborted();
      const page = pages[i] as PackagePage;
      const image = await (next as Promise<PdfImage>);
      const following = pages[i + 1];
      next = following ? readMaster(following, options.tiff) : null;
      next?.catch(() => {});
      kids.push(
        await writePage(
          doc,
          out,
          page,
          image,
          pagesRef,
          icc,
          options.textLayers?.get(page.order),
          options.pdfa,
        ),
      );
      await out.flushContext();
      options.onPage?.(i + 1, total);
    }
    signal?.throwIfAborted();

    const info = documentInfo(input, PRODUCER);
    const text = (s: string) => PDFHexString.fromText(s);
    const infoDict = context.obj({});
    infoDict.set(PDFName.of('Title'), text(info.title));
    if (info.author) infoDict.set(PDFName.of('Author'), text(info.author));
    if (info.subject) infoDict.set(PDFName.of('Subject'), text(info.subject));
    if (info.keywords) infoDict.set(PDFName.of('Keywords'), text(info.keywords));
    infoDict.set(PDFName.of('Creator'), text(info.creator));
    infoDict.set(PDFName.of('Producer'), text(info.producer));
    infoDict.set(PDFName.of('CreationDate'), PDFString.of(info.created.pdf));
    infoDict.set(PDFName.of('ModDate'), PDFString.of(info.created.pdf));
    const infoRef = context.nextRef();
    await out.object(infoRef, infoDict);

    await out.object(pagesRef, context.obj({ Type: 'Pages', Kids: kids, Count: kids.length }));
    const catalog = context.obj({ Type: 'Catalog', Pages: pagesRef });
    if (info.language) catalog.set(PDFName.of('Lang'), PDFString.of(info.language));
    if (options.pdfa) {
      const metadataRef = context.nextRef();
      const xmp = Buffer.from(xmpPacket(info, randomUUID()), 'utf8');
      await out.stream(metadataRef, context.obj({ Type: 'Metadata', Subtype: 'XML' }), xmp);
      catalog.set(PDFName.of('Metadata'), metadataRef);
      const profile = await iccRef(out, icc, await srgbProfile(), 3);
      const intent = context.obj({
        Type: 'OutputIntent',
        S: 'GTS_PDFA1',
        OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
        Info: PDFString.of('sRGB IEC61966-2.1'),
        RegistryName: PDFString.of('http://www.color.org'),
        DestOutputProfile: profile,
      });
      const intentRef = context.nextRef();
      await out.object(intentRef, intent);
      catalog.set(PDFName.of('OutputIntents'), context.obj([intentRef]));
    }
    await out.object(catalogRef, catalog);

    const id = PDFHexString.of(out.digestSoFar().subarray(0, 16).toString('hex'));
    await out.finish(context.obj({ Root: catalogRef, Info: infoRef, ID: [id, id] }));
    await handle.sync();
    await handle.close();
    closed = true;
    signal?.throwIfAborted();
    await fs.rename(temp, file);
    return { bytes: out.bytes, sha256: out.sha256(), pages: kids.length };
  } catch (err) {
    if (!closed) await handle.close().catch(() => {});
    await fs.rm(temp, { force: true });
    throw err;
  }
}

async function writePage(
  doc: PDFDocument,
  out: PdfFile,
  page: PackagePage,
  image: PdfImage,
  pagesRef: PDFRef,
  icc: Map<string, PDFRef>,
  textLayer: string | undefined,
  pdfa: boolean | undefined,
): Promise<PDFRef> {
  const context = doc.context;
  const imageRef = await writeImage(doc, out, image, icc, pdfa);
  const dpi = page.master.resolution && page.master.resolution > 0 ? page.master.resolution : DEFAULT_DPI;
  const scale = 72 / dpi;
  const width = image.width * scale;
  const height = image.height * scale;
  const rotate = (image.orientation + (page.rotation ?? 0)) % 360;
  const box = cropBox(page, image, scale);

  const xobjects = context.obj({ Im0: imageRef });
  let content = `q ${num(width)} 0 0 ${num(height)} 0 0 cm /Im0 Do Q\n`;
  if (textLayer) {
    let embedded: PDFEmbeddedPage;
    try {
      [embedded] = (await doc.embedPdf(await fs.readFile(textLayer), [0])) as [PDFEmbeddedPage];
      await embedded.embed();
    } catch (err) {
      throw new Error(
        `Page ${page.order}: the text layer ${textLayer} cannot be read: ${(err as Error).message}`,
      );
    }
    xobjects.set(PDFName.of('Tx0'), embedded.ref);
    const m = textMatrix(box, rotate, embedded.width, embedded.height);
    content += `q ${m.map(num).join(' ')} cm /Tx0 Do Q\n`;
  }
  const contentRef = context.register(context.flateStream(content));
  const dict = context.obj({
    Type: 'Page',
    Parent: pagesRef,
    MediaBox: [0, 0, num(width), num(height)].map(Number),
    Resources: { XObject: xobjects },
    Contents: contentRef,
  });
  if (page.crop)
    dict.set(
      PDFName.of('CropBox'),
      context.obj([box.x, box.y, box.x + box.width, box.y + box.height].map((v) => Number(num(v)))),
    );
  if (rotate) dict.set(PDFName.of('Rotate'), PDFNumber.of(rotate));
  return context.register(dict);
}

async function writeImage(
  doc: PDFDocument,
  out: PdfFile,
  image: PdfImage,
  icc: Map<string, PDFRef>,
  pdfa: boolean | undefined,
): Promise<PDFRef> {
  const context = doc.context;
  if (image.fallbackPng) {
    const embedded = await doc.embedPng(image.fallbackPng);
    await embedded.embed();
    return embedded.ref;
  }
  const space = image.colourSpace;
  if (pdfa && space.kind === 'device' && space.name === 'DeviceCMYK') {
    throw new Error(
      'A CMYK master without an ICC profile cannot go in a PDF/A file with an sRGB output intent',
    );
  }
  let colourSpace: unknown;
  if (space.kind === 'device') colourSpace = PDFName.of(space.name);
  else if (space.kind === 'icc')
    colourSpace = context.obj(['ICCBased', await iccRef(out, icc, space.profile, space.components)]);
  else {
    const base = space.profile
      ? context.obj(['ICCBased', await iccRef(out, icc, space.profile, 3)])
      : PDFName.of('DeviceRGB');
    colourSpace = context.obj([
      'Indexed',
      base,
      space.palette.length / 3 - 1,
      PDFHexString.of(space.palette.toString('hex')),
    ]);
  }
  const dict = context.obj({
    Type: 'XObject',
    Subtype: 'Image',
    Width: image.width,
    Height: image.height,
    BitsPerComponent: image.bitsPerComponent,
    Filter: image.filter,
  });
  dict.set(PDFName.of('ColorSpace'), colourSpace as PDFName);
  if (image.predictor) {
    dict.set(
      PDFName.of('DecodeParms'),
      context.obj({
        Predictor: 15,
        Colors: image.predictor.colors,
        BitsPerComponent: image.bitsPerComponent,
        Columns: image.predictor.columns,
      }),
    );
  }
  if (image.invertCmyk) dict.set(PDFName.of('Decode'), context.obj([1, 0, 1, 0, 1, 0, 1, 0]));
  const ref = context.nextRef();
  await out.stream(ref, dict, image.data);
  return ref;
}

/** One stream per distinct profile (a camera's is the same on every page). */
async function iccRef(
  out: PdfFile,
  icc: Map<string, PDFRef>,
  profile: Buffer,
  components: number,
): Promise<PDFRef> {
  const key = `${components}:${profile.toString('base64')}`;
  const known = icc.get(key);
  if (known) return known;
  const ref = out.context.nextRef();
  await out.stream(ref, out.context.obj({ N: components }), profile);
  icc.set(key, ref);
  return ref;
}

let srgb: Promise<Buffer> | null = null;
/** The sRGB profile libvips carries (sharp has it on every platform the station runs on). */
function srgbProfile(): Promise<Buffer> {
  srgb ??= sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } })
    .withIccProfile('srgb')
    .png()
    .toBuffer()
    .then((png) => sharp(png).metadata())
    .then((meta) => {
      if (!meta.icc) throw new Error('sharp has no sRGB profile');
      return meta.icc;
    });
  return srgb;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The crop (pixels of the master as displayed, top-left origin) in the stored image's points, bottom-left origin. */
export function cropBox(page: PackagePage, image: PdfImage, scale: number): Box {
  const W = image.width;
  const H = image.height;
  const crop = page.crop;
  if (!crop) return { x: 0, y: 0, width: W * scale, height: H * scale };
  let { x, y, width: w, height: h } = crop;
  // Displayed → stored pixels: undo the orientation tag's turn.
  if (image.orientation === 90) [x, y, w, h] = [y, H - x - w, h, w];
  else if (image.orientation === 180) [x, y] = [W - x - w, H - y - h];
  else if (image.orientation === 270) [x, y, w, h] = [W - y - h, x, h, w];
  const x0 = Math.max(0, Math.min(W, x));
  const y0 = Math.max(0, Math.min(H, y));
  const x1 = Math.max(x0, Math.min(W, x + w));
  const y1 = Math.max(y0, Math.min(H, y + h));
  return { x: x0 * scale, y: (H - y1) * scale, width: (x1 - x0) * scale, height: (y1 - y0) * scale };
}

/**
 * The matrix that lays a text page (made from the view: the crop turned by `rotate`) over the crop
 * box, so that it lines up once the viewer applies /Rotate.
 */
export function textMatrix(box: Box, rotate: number, textWidth: number, textHeight: number): number[] {
  const turned = rotate === 90 || rotate === 270;
  const sx = (turned ? box.height : box.width) / textWidth;
  const sy = (turned ? box.width : box.height) / textHeight;
  // [a b c d e f] of the turn, from the view's coordinates into the page's, times the scale.
  const turn =
    rotate === 90
      ? [0, 1, -1, 0, box.x + box.width, box.y]
      : rotate === 180
        ? [-1, 0, 0, -1, box.x + box.width, box.y + box.height]
        : rotate === 270
          ? [0, -1, 1, 0, box.x, box.y + box.height]
          : [1, 0, 0, 1, box.x, box.y];
  const [a, b, c, d, e, f] = turn as [number, number, number, number, number, number];
  return [a * sx, b * sx, c * sy, d * sy, e, f];
}

const num = (v: number) => String(Math.round(v * 10_000) / 10_000);
