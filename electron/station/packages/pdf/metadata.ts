/**
 * The document's description: the Info dictionary's strings and, for PDF/A, the XMP packet that must
 * say the same (ISO 19005-2 6.6.2.3: Title ↔ dc:title, Author ↔ dc:creator, Subject ↔
 * dc:description, Keywords ↔ pdf:Keywords, Creator ↔ xmp:CreatorTool, Producer ↔ pdf:Producer,
 * CreationDate ↔ xmp:CreateDate, ModDate ↔ xmp:ModifyDate).
 */
import type { PackageInput } from '../package-input.js';
import { bcp47 } from './language.js';

export interface DocumentInfo {
  title: string;
  author: string | null;
  subject: string | null;
  keywords: string | null;
  creator: string;
  producer: string;
  /** The instant and its offset in the station's zone. */
  created: { pdf: string; xmp: string };
  language: string | null;
}

export function documentInfo(input: PackageInput, producer: string): DocumentInfo {
  const record = input.record;
  const title = [record?.title, record?.subtitle].filter(Boolean).join(' : ') || input.name;
  const authors = (record?.creators ?? []).map((c) => c.name).filter(Boolean);
  const author = authors.length ? authors.join('; ') : (record?.responsibility ?? null);
  const subjects = record?.subjects ?? [];
  return {
    title,
    author: author || null,
    subject: subjects.length ? subjects.join('; ') : null,
    keywords: subjects.length ? subjects.join(', ') : null,
    creator: input.agent,
    producer,
    created: dates(input.createdAt, input.timeZone),
    language: bcp47(record?.languages[0]),
  };
}

/** The instant as the wall time of `timeZone` with its offset: `D:20250301143000+05'00'` and `2025-03-01T14:30:00+05:00`. */
export function dates(iso: string, timeZone: string): { pdf: string; xmp: string } {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) throw new TypeError(`createdAt is not an instant: ${iso}`);
  const seconds = Math.floor(instant.getTime() / 1000) * 1000;
  let parts: Record<string, string>;
  try {
    parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
        .formatToParts(instant)
        .map((p) => [p.type, p.value]),
    );
  } catch {
    parts = Object.fromEntries(
      ['year', 'month', 'day', 'hour', 'minute', 'second'].map((k, i) => [
        k,
        instant.toISOString().slice(
          ...([
            [0, 4],
            [5, 7],
            [8, 10],
            [11, 13],
            [14, 16],
            [17, 19],
          ][i] as [number, number]),
        ),
      ]),
    );
  }
  const { year, month, day, hour, minute, second } = parts as Record<string, string>;
  const wall = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  const offset = Math.round((wall - seconds) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  const stamp = `${year}${month}${day}${hour}${minute}${second}`;
  return {
    pdf: offset === 0 ? `D:${stamp}Z` : `D:${stamp}${sign}${hh}'${mm}'`,
    xmp: `${year}-${month}-${day}T${hour}:${minute}:${second}${offset === 0 ? 'Z' : `${sign}${hh}:${mm}`}`,
  };
}

const escapeXml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** The XMP packet of a PDF/A-2b file (written uncompressed, as PDF/A wants). */
export function xmpPacket(info: DocumentInfo, documentId: string): string {
  const alt = (v: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(v)}</rdf:li></rdf:Alt>`;
  const lines = [
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>`,
    `<x:xmpmeta xmlns:x="adobe:ns:meta/">`,
    `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`,
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">`,
    `<dc:format>application/pdf</dc:format>`,
    `<dc:title>${alt(info.title)}</dc:title>`,
    info.author
      ? `<dc:creator><rdf:Seq><rdf:li>${escapeXml(info.author)}</rdf:li></rdf:Seq></dc:creator>`
      : '',
    info.subject ? `<dc:description>${alt(info.subject)}</dc:description>` : '',
    info.language
      ? `<dc:language><rdf:Bag><rdf:li>${escapeXml(info.language)}</rdf:li></rdf:Bag></dc:language>`
      : '',
    info.keywords ? `<pdf:Keywords>${escapeXml(info.keywords)}</pdf:Keywords>` : '',
    `<pdf:Producer>${escapeXml(info.producer)}</pdf:Producer>`,
    `<xmp:CreatorTool>${escapeXml(info.creator)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${info.created.xmp}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${info.created.xmp}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${info.created.xmp}</xmp:MetadataDate>`,
    `<xmpMM:DocumentID>uuid:${documentId}</xmpMM:DocumentID>`,
    `<pdfaid:part>2</pdfaid:part>`,
    `<pdfaid:conformance>B</pdfaid:conformance>`,
    `</rdf:Description>`,
    `</rdf:RDF>`,
    `</x:xmpmeta>`,
    // Room for an editor to update the packet in place, as the XMP specification suggests.
    ' '.repeat(2000),
    `<?xpacket end="w"?>`,
  ];
  return lines.filter(Boolean).join('\n');
}
