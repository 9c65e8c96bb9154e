import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { MasterFormat } from '../../contract/digitization-types.js';
import type { PackagePhase } from '../../contract/packaging.js';
import { writeBag } from '../../packages/bagit/writer.js';
import { packagePaths } from '../../packages/layout.js';
import { writeMets } from '../../packages/mets/mets.js';
import { sectionsFromPages } from '../../packages/mets/sections.js';
import type {
  PackageImage,
  PackageInput,
  PackagePage,
  RightsSettings,
} from '../../packages/package-input.js';
import { wallClock } from '../../time-zone.js';
import type { AssemblyPlan } from './packager.js';

/** The formats written from a whole input (their modules are bound by `steps.ts`). */
export interface FormatWriters {
  writePdf(
    input: PackageInput,
    options: {
      file: string;
      textLayers: Map<number, string>;
      tiff: 'lossless' | 'jpeg';
      pdfa: boolean;
      signal?: AbortSignal;
      onPage?: (done: number, total: number) => void;
    },
  ): Promise<{ bytes: number; sha256: string }>;
  buildManifest(input: PackageInput, options: { baseUrl: string }): object;
}

const MIME: Record<MasterFormat, PackageImage['mimeType']> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  tiff: 'image/tiff',
};

/**
 * Everything after the page images and OCR: the PDF, METS, the IIIF manifest and the source
 * record, then the bag (or, without `bagit`, the same files as a plain folder) under
 * `<packagesDir>/<name>`, renamed into place only when whole. Returns its absolute path.
 */
export async function assemble(
  plan: AssemblyPlan,
  writers: FormatWriters,
  context: { agent: string; timeZone: string; now: Date },
  signal: AbortSignal,
  onProgress: (phase: PackagePhase, done: number, total: number) => void,
): Promise<string> {
  const { formats } = plan;
  const paths = packagePaths(
    plan.layout,
    plan.name,
    plan.pages.map((p) => ({ order: p.page.sequence, masterMimeType: MIME[p.page.master.format] })),
  );
  const withAlto = formats.includes('alto') || formats.includes('mets');
  const pages: PackagePage[] = [];
  const altoTexts = new Map<number, string>();
  for (const p of plan.pages) {
    const at = paths.page(p.page.sequence);
    const master = p.page.master;
    // OCR was kept per master, before the layout was known: its ALTO now names the image it describes.
    // The master is its own view (an untouched JPEG): both file groups point at one file in a plain bag.
    const view: PackageImage =
      p.view === p.master && plan.layout === 'bag'
        ? {
            path: at.master,
            source: p.master,
            mimeType: 'image/jpeg',
            width: master.width,
            height: master.height,
            bytes: master.bytes,
            sha256: master.sha256,
          }
        : await describe(p.view, at.view, 'image/jpeg');
    const alto = withAlto && p.alto ? namedAlto(await fs.promises.readFile(p.alto, 'utf8'), view.path) : null;
    if (alto !== null) altoTexts.set(p.page.sequence, alto);
    pages.push({
      order: p.page.sequence,
      label: p.page.label,
      type: p.page.type,
      side: p.page.side,
      rotation: p.page.rotation,
      crop: p.page.crop,
      master: {
        path: at.master,
        source: p.master,
        mimeType: MIME[master.format],
        width: master.width,
        height: master.height,
        bytes: master.bytes,
        sha256: master.sha256,
        resolution: master.resolution,
      },
      view,
      thumb: await describe(p.thumb, at.thumb, 'image/jpeg'),
      alto: alto === null ? null : describeText(alto, at.alto, p.alto!),
    });
  }
  const rights = plan.settings.rights ?? NO_RIGHTS;
  const input: PackageInput = {
    name: paths.name,
    jobId: plan.job.id,
    itemBarcode: plan.job.itemBarcode,
    record: plan.record,
    pages,
    sections: sectionsFromPages(pages),
    rights: rights as RightsSettings,
    pdf: null,
    agent: context.agent,
    createdAt: context.now.toISOString(),
    timeZone: context.timeZone,
  };

  const files: { path: string; source?: string; content?: string }[] = [];
  for (const page of pages) {
    files.push({ path: page.master.path, source: page.master.source });
    if (page.view.path !== page.master.path) files.push({ path: page.view.path, source: page.view.source });
    files.push({ path: page.thumb.path, source: page.thumb.source });
    const alto = altoTexts.get(page.order);
    if (page.alto && alto !== undefined && formats.includes('alto'))
      files.push({ path: page.alto.path, content: alto });
  }

  if (formats.includes('pdf')) {
    const file = path.join(plan.workDir, `${paths.name}.pdf`);
    const textLayers = new Map<number, string>();
    for (const p of plan.pages) if (p.textPdf) textLayers.set(p.page.sequence, p.textPdf);
    const made = await writers.writePdf(input, {
      file,
      textLayers,
      tiff: plan.settings.tiffInPdf,
      pdfa: plan.settings.pdfa,
      signal,
      onPage: (done, total) => onProgress('pdf', done, total),
    });
    input.pdf = {
      path: paths.pdf,
      source: file,
      mimeType: 'application/pdf' as PackageImage['mimeType'],
      width: 0,
      height: 0,
      bytes: made.bytes,
      sha256: made.sha256,
    };
    files.push({ path: paths.pdf, source: file });
  }

  onProgress('metadata', 0, 1);
  if (formats.includes('mets')) files.push({ path: paths.mets, content: writeMets(input) });
  if (formats.includes('iiif')) {
    const baseUrl = plan.settings.iiifBaseUrl.replaceAll('{id}', encodeURIComponent(paths.name));
    files.push({
      path: paths.iiif,
      content: `${JSON.stringify(writers.buildManifest(input, { baseUrl }), null, 2)}\n`,
    });
  }
  if (plan.record?.marcxml) files.push({ path: paths.marc, content: plan.record.marcxml });
  onProgress('metadata', 1, 1);

  const target = path.join(plan.packagesDir, paths.name);
  await fs.promises.mkdir(plan.packagesDir, { recursive: true });
  // A package made again replaces the last one, which is set aside first and removed once the new one is in place.
  const previous = await setAside(target);
  const day = wallClock(context.now, context.timeZone);
  const info = {
    sourceOrganization: rights.owner || 'Bitig',
    externalIdentifier: paths.name,
    externalDescription: plan.record?.title ?? undefined,
    baggingDate: `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`,
    softwareAgent: context.agent,
  };
  const onFile = (done: number, total: number) => onProgress('bag', done, total);
  try {
    if (formats.includes('bagit')) {
      await writeBag(target, files, info, { signal, onFile, concurrency: BAG_CONCURRENCY });
    } else {
      // The same files without the bag around them: bagged in the scratch space, then only `data/` moved.
      const bag = path.join(plan.workDir, `bag-${randomUUID()}`);
      await writeBag(bag, files, info, { signal, onFile, concurrency: BAG_CONCURRENCY });
      await fs.promises.rename(path.join(bag, 'data'), target);
    }
  } catch (err) {
    if (previous) await fs.promises.rename(previous, target).catch(() => undefined);
    throw err;
  }
  if (previous) await fs.promises.rm(previous, { recursive: true, force: true });
  return target;
}

/** Files copied at once: their fsyncs overlap, which is most of a bag's time on small pages. */
const BAG_CONCURRENCY = 8;

const NO_RIGHTS = {
  owner: '',
  ownerLogo: '',
  ownerSiteURL: '',
  ownerContact: '',
  license: null,
  sponsor: null,
  reference: null,
  presentation: null,
} satisfies RightsSettings;

async function setAside(target: string): Promise<string | null> {
  try {
    const aside = `${target}.previous-${randomUUID().slice(0, 8)}`;
    await fs.promises.rename(target, aside);
    return aside;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

async function describe(
  source: string,
  where: string,
  mimeType: PackageImage['mimeType'],
): Promise<PackageImage> {
  const [meta, file] = await Promise.all([sharp(source).metadata(), describeFile(source, where)]);
  return { ...file, mimeType, width: meta.width ?? 0, height: meta.height ?? 0 };
}

/** ALTO's `sourceImageInformation/fileName`: the package's image the text was read from. */
function namedAlto(alto: string, imagePath: string): string {
  const escaped = imagePath.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return alto.replace(/<fileName>[^<]*<\/fileName>/, `<fileName>${escaped}</fileName>`);
}

function describeText(text: string, where: string, source: string): PackageImage {
  return describeBytes(Buffer.from(text, 'utf8'), where, source);
}

async function describeFile(source: string, where: string): Promise<PackageImage> {
  return describeBytes(await fs.promises.readFile(source), where, source);
}

/** A file's entry (size, SHA-256) by its bytes; images get their type and size from `describe`. */
function describeBytes(data: Buffer, where: string, source: string): PackageImage {
  return {
    path: where,
    source,
    mimeType: 'image/jpeg',
    width: 0,
    height: 0,
    bytes: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
  };
}
