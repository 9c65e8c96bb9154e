import fs from 'node:fs';
import path from 'node:path';
import type { Manifest } from '@iiif/presentation-3';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildManifest } from '../../../electron/station/packages/iiif/index.js';
import type { PackageImage, PackagePage } from '../../../electron/station/packages/package-input.js';
import { packageInput, page, sharedDir } from './pdf-iiif-fixtures.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const schema = JSON.parse(fs.readFileSync(path.join(sharedDir, 'schemas', 'iiif', 'iiif_3_0.json'), 'utf8'));
// The schema is draft-07, Ajv's default; it uses format "uri".
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const image = (p: string, width: number, height: number): PackageImage => ({
  path: p,
  source: `/nowhere/${p}`,
  mimeType: 'image/jpeg',
  width,
  height,
  bytes: 1,
  sha256: '0'.repeat(64),
});
const pages: PackagePage[] = [1, 2, 3, 4].map((n) => {
  const name = String(n).padStart(4, '0');
  return page(
    n,
    { ...image(`masters/${name}.tif`, 2480, 3508), mimeType: 'image/tiff', resolution: 300 },
    image(`images/${name}.jpg`, 1600, 2263),
    { label: n === 1 ? null : n <= 2 ? 'ii' : String(n - 2), thumb: image(`thumbs/${name}.jpg`, 200, 283) },
  );
});
const BASE = 'https://repo.example.uz/iiif/bitig-12-3100009/';
const input = packageInput(pages, {
  pdf: image('bitig-12-3100009.pdf', 0, 0),
  sections: [
    { id: 'LOG_0001', type: 'monograph', label: 'Война и мир', pages: [1, 2, 3, 4] },
    { id: 'LOG_0002', type: 'title_page', label: null, pages: [1] },
    { id: 'LOG_0003', type: 'chapter', label: 'Глава первая', pages: [3, 4] },
  ],
});

/** Objects that define a resource: each id once. Others (thumbnails, references) must repeat a defined one or be the same resource. */
const DEFINING = new Set(['Manifest', 'Canvas', 'AnnotationPage', 'Annotation', 'Range']);
function ids(value: unknown, defined: Map<string, string>, seen: Map<string, string>, parentKey = ''): void {
  if (Array.isArray(value)) for (const v of value) ids(v, defined, seen, parentKey);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.id === 'string' && typeof o.type === 'string') {
      const isReference = Object.keys(o).length === 2 && parentKey === 'items';
      if (DEFINING.has(o.type) && !isReference) {
        expect(defined.has(o.id), `duplicate id ${o.id}`).toBe(false);
        defined.set(o.id, o.type);
      } else if (!DEFINING.has(o.type)) {
        const json = JSON.stringify(o);
        const before = seen.get(o.id);
        expect(before === undefined || before === json, `id ${o.id} names two different resources`).toBe(
          true,
        );
        seen.set(o.id, json);
      }
    }
    for (const [k, v] of Object.entries(o)) ids(v, defined, seen, k);
  }
}

describe('buildManifest', () => {
  const manifest = buildManifest(input, { baseUrl: BASE }) as unknown as Manifest;

  it('validates against the IIIF Presentation 3 schema', () => {
    const ok = validate(manifest);
    expect(ok ? [] : validate.errors?.slice(0, 5)).toEqual([]);
    // The schema does catch mistakes: a canvas without its size, a licence it does not know.
    const broken = structuredClone(manifest) as unknown as {
      items: Record<string, unknown>[];
      rights: string;
    };
    delete broken.items[0]?.width;
    expect(validate(broken)).toBe(false);
    expect(validate({ ...manifest, rights: 'https://library.example.uz/terms' })).toBe(false);
  });

  it('gives every resource a unique id, and references point at canvases that exist', () => {
    const defined = new Map<string, string>();
    ids(manifest, defined, new Map());
    for (const range of manifest.structures ?? []) {
      for (const item of range.items ?? []) expect(defined.get((item as { id: string }).id)).toBe('Canvas');
    }
    for (const canvas of manifest.items) {
      const annotation = canvas.items?.[0]?.items?.[0];
      expect(annotation?.target).toBe(canvas.id);
    }
  });

  it('describes the book, its pages and its files', () => {
    expect(manifest.id).toBe(`${BASE}manifest.json`);
    expect(manifest.label).toEqual({ ru: ['Война и мир : роман'] });
    expect(manifest.behavior).toEqual(['paged']);
    expect(manifest.rights).toBe('http://creativecommons.org/licenses/by/4.0/');
    expect(manifest.requiredStatement?.value).toEqual({ none: [input.rights.owner] });
    expect(manifest.provider?.[0]?.logo?.[0]?.id).toBe(input.rights.ownerLogo);
    expect(manifest.rendering).toEqual([
      { id: `${BASE}bitig-12-3100009.pdf`, type: 'Text', label: { en: ['PDF'] }, format: 'application/pdf' },
    ]);
    const labels = (manifest.metadata ?? []).map((m) => m.label.en?.[0]);
    expect(labels).toEqual(
      expect.arrayContaining(['Author', 'Publisher', 'Date', 'Language', 'ISBN', 'Source']),
    );
    expect(manifest.items).toHaveLength(4);
    const [first, second] = manifest.items;
    expect(first?.label).toEqual({ none: ['1'] });
    expect(second?.label).toEqual({ none: ['ii'] });
    expect([first?.width, first?.height]).toEqual([1600, 2263]);
    const body = first?.items?.[0]?.items?.[0]?.body as { id: string; type: string; format: string };
    expect(body).toMatchObject({ id: `${BASE}images/0001.jpg`, type: 'Image', format: 'image/jpeg' });
    expect(first?.seeAlso?.[0]).toMatchObject({
      id: `${BASE}alto/0001.xml`,
      type: 'Dataset',
      format: 'application/xml',
      profile: 'http://www.loc.gov/standards/alto/v4/alto.xsd',
    });
    expect(manifest.structures?.map((r) => r.items?.length)).toEqual([4, 1, 2]);
  });

  it('takes the language given, and leaves out a licence IIIF does not take', () => {
    const other = buildManifest(
      { ...input, rights: { ...input.rights, license: 'https://library.example.uz/terms' } },
      { baseUrl: BASE.slice(0, -1), language: 'uz' },
    ) as unknown as Manifest;
    expect(other.label).toEqual({ uz: ['Война и мир : роман'] });
    expect(other.rights).toBeUndefined();
    expect(other.id).toBe(`${BASE}manifest.json`);
    expect(validate(other)).toBe(true);
    const noRecord = buildManifest({ ...input, record: null }, { baseUrl: BASE }) as unknown as Manifest;
    expect(noRecord.label).toEqual({ none: ['bitig-12-3100009'] });
    expect(validate(noRecord)).toBe(true);
  });
});
