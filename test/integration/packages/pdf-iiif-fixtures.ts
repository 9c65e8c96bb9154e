import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp, { type Sharp } from 'sharp';
import type { BibRecord } from '../../../electron/station/contract/catalog-types.js';
import type {
  PackageImage,
  PackageInput,
  PackagePage,
} from '../../../electron/station/packages/package-input.js';
import { sharedDir as findSharedDir } from '../../helpers/shared-dir.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** `../shared` (CI's layout, or beside the main checkout from a worktree). */
export const sharedDir = findSharedDir() ?? path.resolve(repoRoot, '..', 'shared');

export const RECORD: BibRecord = {
  format: 'marc21',
  title: 'Война и мир',
  subtitle: 'роман',
  responsibility: 'Л. Н. Толстой',
  creators: [{ name: 'Толстой, Лев Николаевич', role: 'aut', primary: true }],
  publication: { place: 'Тошкент', publisher: 'Ғафур Ғулом', date: '1987' },
  isbns: ['978-5-17-090069-4'],
  recordId: 'RU-000123',
  source: 'Demo catalogue',
  languages: ['rus'],
  extent: '512 с.',
  subjects: ['Русская литература', 'Роман'],
  edition: null,
  series: [],
  marcxml: '',
};

export function describeFile(
  file: string,
  packagePath: string,
  mimeType: PackageImage['mimeType'],
  width: number,
  height: number,
): PackageImage {
  const bytes = fs.readFileSync(file);
  return {
    path: packagePath,
    source: file,
    mimeType,
    width,
    height,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** A page of Russian text in Noto Sans, as a scanner would give it (grey paper, black ink). */
export async function textPage(lines: string[], width = 1240, height = 1754): Promise<Sharp> {
  const text = lines
    .map(
      (line, i) =>
        `<text x="120" y="${220 + i * 90}" font-family="Noto Sans" font-size="52" fill="#111">${line}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f4f1ea"/>${text}</svg>`;
  return sharp(Buffer.from(svg)).flatten({ background: '#f4f1ea' });
}

/** Tesseract's invisible text for an image: a one-page PDF. */
export function tesseractTextLayer(image: string, outBase: string, lang = 'rus'): string {
  execFileSync('tesseract', [image, outBase, '-l', lang, '-c', 'textonly_pdf=1', 'pdf'], { stdio: 'ignore' });
  return `${outBase}.pdf`;
}

export function page(
  order: number,
  master: PackagePage['master'],
  view: PackageImage,
  extra: Partial<PackagePage> = {},
): PackagePage {
  return {
    order,
    label: String(order),
    type: 'normal',
    side: order % 2 ? 'recto' : 'verso',
    master,
    rotation: 0,
    crop: null,
    view,
    thumb: { ...view, path: `thumbs/${String(order).padStart(4, '0')}.jpg` },
    alto: {
      ...view,
      path: `alto/${String(order).padStart(4, '0')}.xml`,
      mimeType: 'image/jpeg',
    },
    ...extra,
  };
}

export function packageInput(pages: PackagePage[], extra: Partial<PackageInput> = {}): PackageInput {
  return {
    name: 'bitig-12-3100009',
    jobId: 12,
    itemBarcode: '3100009',
    record: RECORD,
    pages,
    sections: [
      { id: 'LOG_0001', type: 'monograph', label: 'Война и мир', pages: pages.map((p) => p.order) },
      { id: 'LOG_0002', type: 'title_page', label: 'Титул', pages: [1] },
    ],
    rights: {
      owner: 'Alisher Navoiy nomidagi Oʻzbekiston Milliy kutubxonasi',
      ownerLogo: 'https://library.example.uz/logo.png',
      ownerSiteURL: 'https://library.example.uz/',
      ownerContact: 'info@library.example.uz',
      license: 'http://creativecommons.org/licenses/by/4.0/',
      sponsor: null,
      reference: 'https://library.example.uz/record/{id}',
      presentation: 'https://library.example.uz/viewer/{id}',
    },
    pdf: null,
    agent: 'Bitig 0.1.0',
    createdAt: '2025-03-01T09:30:00.000Z',
    timeZone: 'Asia/Tashkent',
    ...extra,
  };
}
