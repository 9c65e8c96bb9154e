/**
 * The package's IIIF Presentation 3 manifest: a Canvas per page painted with its viewing copy, ALTO
 * as each canvas's seeAlso, the PDF as the manifest's rendering, the logical sections as Ranges.
 * Every URL is the package's path under `baseUrl`, where the package will be served.
 */

import type { PackageImage, PackageInput, PackagePage } from '../package-input.js';
import { bcp47 } from '../pdf/language.js';

export interface ManifestOptions {
  /** Where the package is served, e.g. `https://repo.example.uz/iiif/bitig-12-3100009/`. */
  baseUrl: string;
  /** BCP 47 tag of the title and the record's text; by default the record's first language. */
  language?: string;
}

type LanguageMap = Record<string, string[]>;
type Json = Record<string, unknown>;

export const ALTO_PROFILE = 'http://www.loc.gov/standards/alto/v4/alto.xsd';

export function buildManifest(input: PackageInput, options: ManifestOptions): Json {
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const url = (p: string) => new URL(p.split('/').map(encodeURIComponent).join('/'), base).href;
  const record = input.record;
  const language = options.language ?? bcp47(record?.languages[0]) ?? 'none';
  const text = (value: string): LanguageMap => ({ [language]: [value] });
  const en = (value: string): LanguageMap => ({ en: [value] });
  const none = (value: string): LanguageMap => ({ none: [value] });

  const title = [record?.title, record?.subtitle].filter(Boolean).join(' : ') || input.name;
  const metadata: { label: LanguageMap; value: LanguageMap }[] = [];
  const add = (
    label: string,
    values: (string | null | undefined)[],
    map: (v: string) => LanguageMap = text,
  ) => {
    const present = values.filter((v): v is string => Boolean(v));
    if (present.length) metadata.push({ label: en(label), value: map(present.join('; ')) });
  };
  if (record) {
    add('Author', record.creators.length ? record.creators.map((c) => c.name) : [record.responsibility]);
    add('Publisher', [record.publication.publisher]);
    add('Place', [record.publication.place]);
    add('Date', [record.publication.date], none);
    add('Language', record.languages, none);
    add('Subject', record.subjects);
    add('ISBN', record.isbns, none);
    add('Source', [record.source, record.recordId], none);
  }
  add('Barcode', [input.itemBarcode], none);

  const thumbnail = (image: PackageImage): Json => ({
    id: url(image.path),
    type: 'Image',
    format: image.mimeType,
    width: image.width,
    height: image.height,
  });
  const canvasId = (page: PackagePage) => url(`canvas/p${page.order}`);
  const items = input.pages.map((page) => {
    const id = canvasId(page);
    const canvas: Json = {
      id,
      type: 'Canvas',
      label: none(page.label ?? String(page.order)),
      width: page.view.width,
      height: page.view.height,
      thumbnail: [thumbnail(page.thumb)],
      items: [
        {
          id: `${id}/page`,
          type: 'AnnotationPage',
          items: [
            {
              id: `${id}/page/image`,
              type: 'Annotation',
              motivation: 'painting',
              body: {
                id: url(page.view.path),
                type: 'Image',
                format: 'image/jpeg',
                width: page.view.width,
                height: page.view.height,
              },
              target: id,
            },
          ],
        },
      ],
    };
    if (page.alto) {
      canvas.seeAlso = [
        {
          id: url(page.alto.path),
          type: 'Dataset',
          label: en('ALTO XML'),
          format: 'application/xml',
          profile: ALTO_PROFILE,
        },
      ];
    }
    return canvas;
  });

  const byOrder = new Map(input.pages.map((p) => [p.order, p]));
  const structures = input.sections
    .map((section) => ({
      id: url(`range/${section.id}`),
      type: 'Range',
      label: section.label ? text(section.label) : en(section.type),
      items: section.pages
        .map((order) => byOrder.get(order))
        .filter((p): p is PackagePage => p !== undefined)
        .map((p) => ({ id: canvasId(p), type: 'Canvas' })),
    }))
    .filter((range) => range.items.length > 0);

  const rights = input.rights;
  const manifest: Json = {
    '@context': 'http://iiif.io/api/presentation/3/context.json',
    id: url('manifest.json'),
    type: 'Manifest',
    label: text(title),
    metadata,
  };
  const summary = [record?.responsibility, record?.edition, record?.extent].filter(Boolean).join('. ');
  if (summary) manifest.summary = text(summary);
  manifest.requiredStatement = { label: en('Attribution'), value: none(rights.owner) };
  const licence = rightsUri(rights.license);
  if (licence) manifest.rights = licence;
  manifest.provider = [
    {
      // The library itself, not its home page (which has the site's URL): the site's URL with a fragment.
      id: `${rights.ownerSiteURL.split('#')[0]}#owner`,
      type: 'Agent',
      label: none(rights.owner),
      homepage: [{ id: rights.ownerSiteURL, type: 'Text', label: none(rights.owner), format: 'text/html' }],
      logo: [{ id: rights.ownerLogo, type: 'Image', format: imageFormat(rights.ownerLogo) }],
    },
  ];
  if (input.pages[0]) manifest.thumbnail = [thumbnail(input.pages[0].thumb)];
  manifest.behavior = ['paged'];
  if (input.pdf) {
    manifest.rendering = [
      { id: url(input.pdf.path), type: 'Text', label: en('PDF'), format: 'application/pdf' },
    ];
  }
  manifest.items = items;
  if (structures.length) manifest.structures = structures;
  return manifest;
}

/**
 * The licence as IIIF's `rights` takes it: Creative Commons and rightsstatements.org URIs only, in
 * their canonical http form; anything else (a library's own terms) stays in requiredStatement.
 */
export function rightsUri(license: string | null): string | null {
  if (!license) return null;
  const canonical = license.trim().replace(/^https:\/\//, 'http://');
  return /^http:\/\/(creativecommons\.org\/(licenses|publicdomain)|rightsstatements\.org\/vocab)\/\S+$/.test(
    canonical,
  )
    ? canonical
    : null;
}

function imageFormat(url: string): string {
  const ext = url.toLowerCase().split(/[?#]/)[0]?.split('.').pop();
  return ext === 'svg'
    ? 'image/svg+xml'
    : ext === 'jpg' || ext === 'jpeg'
      ? 'image/jpeg'
      : ext === 'gif'
        ? 'image/gif'
        : 'image/png';
}
