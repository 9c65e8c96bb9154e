import { XMLValidator } from 'fast-xml-parser';
import { normaliseUzbekApostrophes } from './apostrophes.js';

export const ALTO_NS = 'http://www.loc.gov/standards/alto/ns-v4#';
export const ALTO_XSD = 'http://www.loc.gov/standards/alto/v4/alto-4-4.xsd';

export interface AltoDescription {
  /** The page image the ALTO describes, relative to the package root (`images/00000001.tif`). */
  fileName: string;
  /** Tesseract's version, as `tesseract --version` prints it (`5.3.0`). */
  tesseractVersion: string;
  /** The models the page was read with, most important first. */
  languages: readonly string[];
  /** Uzbek apostrophes normalised in every CONTENT: recorded as a post-processing step. */
  uzbekApostrophes: boolean;
}

const ROOT = /<alto\b[^>]*>/;
const DESCRIPTION = /<Description>[\s\S]*?<\/Description>/;
const CONTENT = /\bCONTENT="([^"]*)"/g;

/**
 * Tesseract's ALTO (v3 in 5.3; its `alto` renderer has written v4 since 5.4) as ALTO 4.4: the
 * namespace and schema location, and a Description that names the image by its package path
 * (Tesseract writes the path it was given) and says how the text was made. The layout Tesseract
 * writes (Page, PrintSpace, ComposedBlock, TextBlock, TextLine, String, SP) is the same in both
 * versions and is kept as written, but for the CONTENT of each String when apostrophes are
 * normalised. Throws when the result is not well-formed XML (it is then no ALTO Tesseract wrote).
 */
export function toAlto44(tesseractAlto: string, description: AltoDescription): string {
  if (!ROOT.test(tesseractAlto) || !DESCRIPTION.test(tesseractAlto)) {
    throw new Error('Tesseract wrote no ALTO document (no alto element or no Description)');
  }
  let xml = tesseractAlto
    .replace(
      ROOT,
      `<alto xmlns="${ALTO_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" ` +
        `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${ALTO_NS} ${ALTO_XSD}">`,
    )
    .replace(DESCRIPTION, () => descriptionXml(description));
  if (description.uzbekApostrophes) {
    xml = xml.replace(
      CONTENT,
      (_, value: string) => `CONTENT="${escapeXml(normaliseUzbekApostrophes(unescapeXml(value)))}"`,
    );
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw new Error(`the ALTO is not well-formed: ${valid.err.msg} (line ${valid.err.line})`);
  return xml;
}

/** How many words (String elements) an ALTO holds. */
export function altoWordCount(alto: string): number {
  return alto.match(/<String\b/g)?.length ?? 0;
}

function descriptionXml(d: AltoDescription): string {
  const post = d.uzbekApostrophes
    ? `
\t\t\t<postProcessingStep>
\t\t\t\t<processingCategory>contentModification</processingCategory>
\t\t\t\t<processingStepDescription>Uzbek apostrophes normalised: oʻ and gʻ with U+02BB, the tutuq belgisi with U+02BC</processingStepDescription>
\t\t\t</postProcessingStep>`
    : '';
  return `<Description>
\t\t<MeasurementUnit>pixel</MeasurementUnit>
\t\t<sourceImageInformation>
\t\t\t<fileName>${escapeXml(d.fileName)}</fileName>
\t\t</sourceImageInformation>
\t\t<OCRProcessing ID="OCR_0">
\t\t\t<ocrProcessingStep>
\t\t\t\t<processingCategory>contentGeneration</processingCategory>
\t\t\t\t<processingStepSettings>${escapeXml(`languages: ${d.languages.join('+')}; tessedit_load_sublangs=`)}</processingStepSettings>
\t\t\t\t<processingSoftware>
\t\t\t\t\t<softwareCreator>Tesseract OCR</softwareCreator>
\t\t\t\t\t<softwareName>tesseract</softwareName>
\t\t\t\t\t<softwareVersion>${escapeXml(d.tesseractVersion)}</softwareVersion>
\t\t\t\t</processingSoftware>
\t\t\t</ocrProcessingStep>${post}
\t\t</OCRProcessing>
\t</Description>`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}
