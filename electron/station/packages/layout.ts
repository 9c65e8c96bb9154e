/**
 * Where each file of a package goes: one place for names, so the METS, IIIF, PDF and BagIt writers
 * agree. Paths are relative to the package root, which is the bag's `data/` folder (the METS file
 * sits there, so its hrefs are these paths as they are), with forward slashes.
 *
 * `'bag'` — a plain layout any receiver can read:
 *   images/00000001.jpg      the viewing copies (METS DEFAULT)
 *   thumbs/00000001.jpg      thumbnails (THUMBS)
 *   masters/00000001.tif     the masters as captured (MAX)
 *   alto/00000001.xml        ALTO (FULLTEXT)
 *   <name>.pdf               the book's PDF (DOWNLOAD)
 *   mets.xml, manifest.json (IIIF Presentation 3), marc.xml (the catalogue record)
 *
 * `'goobi'` — `data/` is a Goobi workflow process folder, so a library running Goobi can import the
 * bag's payload as a process and carry on there (structure editing, export to its viewer). Goobi
 * names its folders after the process title (`{processtitle}` below is the package name); the
 * defaults of goobi_config.properties (`process.folder.images.main`, `…images.master`,
 * `…ocr.alto`, `…ocr.pdf`, `…import`, `…export`):
 *   images/<name>_media/     the main folder: the images Goobi shows, edits the structure on and
 *                            exports to the viewer. Our viewing copies (rotated, cropped JPEG) are
 *                            what a reader should see, so they go here, not the masters.
 *   images/<name>_master/    the masters folder: the unaltered originals Goobi keeps for archiving
 *                            and derives from (older installations name it `master_<name>_media`
 *                            or `orig_<name>_tif`; a site renames on import if it must).
 *   thumbs/<name>_media_<size>/  Goobi's thumbnail cache for the main folder, one folder per long
 *                            edge in pixels: ours are put where Goobi looks, so it need not make them.
 *   ocr/<name>_alto/         ALTO per page, named as the image it belongs to.
 *   meta.xml                 the process's METS.
 *   ocr/<name>_pdf/ holds one PDF per page, which Goobi joins itself; the book's PDF is not that,
 *   so it goes to `export/<name>.pdf` with the IIIF manifest (`export/manifest.json`), the
 *   process's export folder that Goobi carries along; the catalogue record goes to
 *   `import/marc.xml`, the folder for what a process was created from.
 *
 * Page files are named by the page's order, padded to 8 digits (`00000001`), as Goobi names its
 * images: ASCII whatever the book is, sorted correctly, and never two alike. The package name is
 * made safe ASCII by `safeFileName` (Cyrillic transliterated, marks and apostrophes dropped).
 */
import type { PackageImage } from './package-input.js';

export type PackageLayout = 'bag' | 'goobi';
export const PACKAGE_LAYOUTS: readonly PackageLayout[] = ['bag', 'goobi'];

export interface LayoutPage {
  order: number;
  /** The master's type, which gives its extension (JPEG when left out). */
  masterMimeType?: PackageImage['mimeType'];
}

export interface PagePaths {
  order: number;
  master: string;
  view: string;
  thumb: string;
  alto: string;
}

export interface PackagePaths {
  layout: PackageLayout;
  /** The package name as used in paths (`safeFileName`). */
  name: string;
  /** In the order the pages were given. */
  pages: PagePaths[];
  /** By page order. */
  page(order: number): PagePaths;
  pdf: string;
  mets: string;
  iiif: string;
  marc: string;
  /** The folders the page files go in (no trailing slash). */
  folders: { master: string; view: string; thumb: string; alto: string };
}

export interface PackagePathsOptions {
  /** Goobi only: the thumbnails' long edge in pixels, for Goobi's `thumbs/<name>_media_<size>` (default 400). */
  thumbSize?: number;
}

const EXTENSIONS: Record<PackageImage['mimeType'], string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/tiff': 'tif',
};

export function pageFileStem(order: number): string {
  if (!Number.isSafeInteger(order) || order < 1) throw new RangeError(`page order ${order} is not 1 or more`);
  return String(order).padStart(8, '0');
}

export function packagePaths(
  layout: PackageLayout,
  name: string,
  pages: readonly LayoutPage[],
  options: PackagePathsOptions = {},
): PackagePaths {
  const safe = safeFileName(name);
  const folders =
    layout === 'bag'
      ? { master: 'masters', view: 'images', thumb: 'thumbs', alto: 'alto' }
      : layout === 'goobi'
        ? {
            master: `images/${safe}_master`,
            view: `images/${safe}_media`,
            thumb: `thumbs/${safe}_media_${thumbSize(options.thumbSize)}`,
            alto: `ocr/${safe}_alto`,
          }
        : unknownLayout(layout);
  const byOrder = new Map<number, PagePaths>();
  const list = pages.map((page) => {
    const stem = pageFileStem(page.order);
    if (byOrder.has(page.order)) throw new RangeError(`page order ${page.order} is given twice`);
    const paths: PagePaths = {
      order: page.order,
      master: `${folders.master}/${stem}.${EXTENSIONS[page.masterMimeType ?? 'image/jpeg']}`,
      view: `${folders.view}/${stem}.jpg`,
      thumb: `${folders.thumb}/${stem}.jpg`,
      alto: `${folders.alto}/${stem}.xml`,
    };
    byOrder.set(page.order, paths);
    return paths;
  });
  const files =
    layout === 'bag'
      ? { pdf: `${safe}.pdf`, mets: 'mets.xml', iiif: 'manifest.json', marc: 'marc.xml' }
      : {
          pdf: `export/${safe}.pdf`,
          mets: 'meta.xml',
          iiif: 'export/manifest.json',
          marc: 'import/marc.xml',
        };
  return {
    layout,
    name: safe,
    pages: list,
    page(order) {
      const found = byOrder.get(order);
      if (!found) throw new RangeError(`no page ${order} in the package`);
      return found;
    },
    ...files,
    folders,
  };
}

function thumbSize(size: number | undefined): number {
  const value = size ?? 400;
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`thumbnail size ${size} is not a whole number of pixels`);
  return value;
}

function unknownLayout(layout: never): never {
  throw new RangeError(`unknown package layout ${String(layout)}`);
}

// Russian, Ukrainian, Belarusian, Kazakh and Uzbek Cyrillic, after the Uzbek Latin alphabet and
// ISO 9-like readings where it has none; ʻ (U+02BB) and apostrophes are dropped afterwards.
const CYRILLIC: Record<string, string> = Object.fromEntries(
  (
    'а=a|б=b|в=v|г=g|ғ=g|д=d|е=e|ё=yo|ж=zh|з=z|и=i|й=y|к=k|қ=q|л=l|м=m|н=n|ң=ng|о=o|' +
    'ө=o|п=p|р=r|с=s|т=t|у=u|ұ=u|ү=u|ў=o|ф=f|х=kh|ҳ=h|һ=h|ц=ts|ч=ch|ш=sh|щ=shch|ъ=|' +
    'ы=y|ь=|э=e|ю=yu|я=ya|ә=a|і=i|ї=yi|є=ye|ґ=g'
  )
    .split('|')
    .map((pair) => pair.split('=') as [string, string]),
);

/**
 * A name made safe for any file system and receiver: ASCII letters, digits, `.`, `_` and `-` only
 * (Cyrillic transliterated, accents and apostrophes such as ʻ dropped, anything else `_`), no
 * leading dot, no Windows device name, at most 100 characters; `package` when nothing is left. Two spellings of one name
 * (composed or decomposed Unicode) give the same result.
 */
export function safeFileName(name: string): string {
  let out = '';
  for (const char of name.normalize('NFKC')) {
    const lower = char.toLowerCase();
    const latin = CYRILLIC[lower];
    if (latin !== undefined) out += char === lower ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
    else out += char;
  }
  out = out
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['ʻʼ‘’`´]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[._-]+/, '')
    .slice(0, 100)
    .replace(/[._-]+$/, '');
  if (!out) return 'package';
  // Names Windows keeps for devices, whatever the extension.
  return /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(out) ? `_${out}` : out;
}
