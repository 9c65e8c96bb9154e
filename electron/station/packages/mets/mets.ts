/**
 * METS 1.12 with embedded MODS 3.7 after the DFG-Viewer METS profile, as the German Digital Library
 * (DDB) checks it: the book's MODS, its rights (`dv:rights`) and links (`dv:links`), the source
 * record as it came (MARCXML in a `sourceMD`), one file group per use, the physical sequence of
 * pages, the logical structure (the monograph and its sections) and the links between them.
 */
import type {
  LogicalSection,
  PackageImage,
  PackageInput,
  PackagePage,
  RightsSettings,
} from '../package-input.js';
import { MODS_NS, modsFor } from './mods.js';
import { buildDocument, el, nameOf, parseRoot, textEl, type XmlNode } from './xml.js';

export const METS_NS = 'http://www.loc.gov/METS/';
export const DV_NS = 'http://dfg-viewer.de/';
export const XLINK_NS = 'http://www.w3.org/1999/xlink';
const MARC_NS = 'http://www.loc.gov/MARC21/slim';

/** The IDs the document uses for its fixed parts. */
export const METS_IDS = {
  dmd: 'DMDLOG_0000',
  amd: 'AMD',
  rights: 'RIGHTS',
  source: 'SOURCE_MARC',
  digiprov: 'DIGIPROV',
  sequence: 'PHYS_0000',
  book: 'LOG_0000',
  download: 'FILE_DOWNLOAD',
} as const;

/** The file groups, in the order they are written: USE and what a page has for it. */
const PAGE_GROUPS = [
  { use: 'DEFAULT', file: (p: PackagePage) => p.view },
  { use: 'THUMBS', file: (p: PackagePage) => p.thumb },
  { use: 'MAX', file: (p: PackagePage) => p.master },
  { use: 'FULLTEXT', file: (p: PackagePage) => p.alto },
] as const;

const pad = (n: number) => String(n).padStart(4, '0');
export const pageId = (order: number) => `PHYS_${pad(order)}`;
export const fileId = (order: number, use: string) => `FILE_${pad(order)}_${use}`;

/** An xsd:ID (NCName), kept to ASCII: a letter or underscore first, then letters, digits, `.`, `-`, `_`. */
const NCNAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;

function fileNode(id: string, file: PackageImage, mimeType: string): XmlNode {
  return el(
    'mets:file',
    {
      ID: id,
      MIMETYPE: mimeType,
      SIZE: file.bytes,
      CHECKSUM: file.sha256.toLowerCase(),
      CHECKSUMTYPE: 'SHA-256',
    },
    [el('mets:FLocat', { LOCTYPE: 'URL', 'xlink:href': file.path })],
  );
}

/** `mailto:` before an e-mail address given bare. */
function contact(value: string): string {
  const v = value.trim();
  return /^[^\s@:/]+@[^\s@]+$/.test(v) ? `mailto:${v}` : v;
}

function rightsMd(rights: RightsSettings): XmlNode {
  const field = (name: string, value: string | null) =>
    value !== null && value.trim() !== '' ? textEl(`dv:${name}`, value) : null;
  return el('mets:rightsMD', { ID: METS_IDS.rights }, [
    el('mets:mdWrap', { MIMETYPE: 'text/xml', MDTYPE: 'OTHER', OTHERMDTYPE: 'DVRIGHTS' }, [
      el('mets:xmlData', {}, [
        el('dv:rights', {}, [
          field('owner', rights.owner),
          field('ownerLogo', rights.ownerLogo),
          field('ownerSiteURL', rights.ownerSiteURL),
          field('ownerContact', contact(rights.ownerContact)),
          field('sponsor', rights.sponsor),
          field('license', rights.license),
        ]),
      ]),
    ]),
  ]);
}

function digiprovMd(input: PackageInput): XmlNode | null {
  const withId = (url: string | null) =>
    url !== null && url.trim() !== '' ? url.replaceAll('{id}', encodeURIComponent(input.name)) : null;
  const reference = withId(input.rights.reference);
  const presentation = withId(input.rights.presentation);
  if (!reference && !presentation) return null;
  return el('mets:digiprovMD', { ID: METS_IDS.digiprov }, [
    el('mets:mdWrap', { MIMETYPE: 'text/xml', MDTYPE: 'OTHER', OTHERMDTYPE: 'DVLINKS' }, [
      el('mets:xmlData', {}, [
        el('dv:links', {}, [
          reference ? textEl('dv:reference', reference) : null,
          presentation ? textEl('dv:presentation', presentation) : null,
        ]),
      ]),
    ]),
  ]);
}

/**
 * The record as the catalogue sent it, kept as source metadata (a second dmdSec without MODS is an
 * error for the DDB, dmdSec_02): a MARCXML `record` (or `collection`) in the MARC 21 slim namespace.
 */
function sourceMd(marcxml: string, format: string): XmlNode | null {
  const root = parseRoot(marcxml);
  if (!root) return null;
  const name = nameOf(root);
  const attrs = (root[':@'] ?? {}) as Record<string, string>;
  // A record written without its namespace is MARC 21 slim all the same (the schema of BibRecord.marcxml).
  const namespaced = name.includes(':') || attrs['@_xmlns'] !== undefined;
  const record = namespaced ? root : { ...root, ':@': { ...attrs, '@_xmlns': MARC_NS } };
  return el('mets:sourceMD', { ID: METS_IDS.source }, [
    el(
      'mets:mdWrap',
      { MIMETYPE: 'text/xml', MDTYPE: 'MARC', LABEL: format === 'unimarc' ? 'UNIMARC' : 'MARC 21' },
      [el('mets:xmlData', {}, [record])],
    ),
  ]);
}

/** The sections as written: pages that exist, ids that are valid and unique. */
function usableSections(sections: LogicalSection[], orders: Set<number>): LogicalSection[] {
  const taken = new Set<string>(Object.values(METS_IDS));
  let n = 0;
  const result: LogicalSection[] = [];
  for (const section of sections) {
    const pages = [...new Set(section.pages.filter((o) => orders.has(o)))].sort((a, b) => a - b);
    if (pages.length === 0) continue;
    let id = section.id;
    while (!NCNAME.test(id) || taken.has(id)) id = `LOG_S${pad(++n)}`;
    taken.add(id);
    result.push({ ...section, id, pages });
  }
  return result;
}

export function writeMets(input: PackageInput): string {
  const pages = [...input.pages].sort((a, b) => a.order - b.order);
  const orders = new Set(pages.map((p) => p.order));
  const sections = usableSections(input.sections, orders);
  const record = input.record;
  const title = record?.title?.trim() ? record.title : `[${input.itemBarcode}]`;

  const header = el('mets:metsHdr', { CREATEDATE: input.createdAt }, [
    el('mets:agent', { ROLE: 'CREATOR', TYPE: 'OTHER', OTHERTYPE: 'SOFTWARE' }, [
      textEl('mets:name', input.agent),
    ]),
    el('mets:agent', { ROLE: 'CUSTODIAN', TYPE: 'ORGANIZATION' }, [textEl('mets:name', input.rights.owner)]),
  ]);

  const mods = modsFor(record, {
    name: input.name,
    itemBarcode: input.itemBarcode,
    owner: input.rights.owner,
  });
  const dmdSec = el('mets:dmdSec', { ID: METS_IDS.dmd }, [
    el('mets:mdWrap', { MIMETYPE: 'text/xml', MDTYPE: 'MODS' }, [el('mets:xmlData', {}, [mods])]),
  ]);

  const amdSec = el('mets:amdSec', { ID: METS_IDS.amd }, [
    rightsMd(input.rights),
    record?.marcxml ? sourceMd(record.marcxml, record.format) : null,
    digiprovMd(input),
  ]);

  const groups = PAGE_GROUPS.map(({ use, file }) => {
    const files = pages.flatMap((p) => {
      const f = file(p);
      return f ? [fileNode(fileId(p.order, use), f, use === 'FULLTEXT' ? 'text/xml' : f.mimeType)] : [];
    });
    return files.length > 0 ? el('mets:fileGrp', { USE: use }, files) : null;
  });
  if (input.pdf) {
    groups.push(
      el('mets:fileGrp', { USE: 'DOWNLOAD' }, [fileNode(METS_IDS.download, input.pdf, 'application/pdf')]),
    );
  }
  const fileSec = el('mets:fileSec', {}, groups);

  const physical = el('mets:structMap', { TYPE: 'PHYSICAL' }, [
    el('mets:div', { ID: METS_IDS.sequence, TYPE: 'physSequence' }, [
      input.pdf && el('mets:fptr', { FILEID: METS_IDS.download }),
      ...pages.map((p) =>
        el('mets:div', { ID: pageId(p.order), TYPE: 'page', ORDER: p.order, ORDERLABEL: p.label }, [
          ...PAGE_GROUPS.filter(({ file }) => file(p)).map(({ use }) =>
            el('mets:fptr', { FILEID: fileId(p.order, use) }),
          ),
        ]),
      ),
    ]),
  ]);

  const logical = el('mets:structMap', { TYPE: 'LOGICAL' }, [
    el(
      'mets:div',
      { ID: METS_IDS.book, TYPE: 'monograph', DMDID: METS_IDS.dmd, ADMID: METS_IDS.amd, LABEL: title },
      [...sections.map((s) => el('mets:div', { ID: s.id, TYPE: s.type, LABEL: s.label }))],
    ),
  ]);

  const link = (from: string, order: number) =>
    el('mets:smLink', { 'xlink:from': from, 'xlink:to': pageId(order) });
  const structLink = el('mets:structLink', {}, [
    ...pages.map((p) => link(METS_IDS.book, p.order)),
    ...sections.flatMap((s) => s.pages.map((o) => link(s.id, o))),
  ]);

  const root = el(
    'mets:mets',
    {
      'xmlns:mets': METS_NS,
      'xmlns:mods': MODS_NS,
      'xmlns:dv': DV_NS,
      'xmlns:xlink': XLINK_NS,
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xsi:schemaLocation': `${METS_NS} http://www.loc.gov/standards/mets/mets.xsd ${MODS_NS} http://www.loc.gov/standards/mods/v3/mods-3-7.xsd`,
      OBJID: input.name,
    },
    [header, dmdSec, amdSec, fileSec, physical, logical, structLink],
  );
  return buildDocument(root);
}
