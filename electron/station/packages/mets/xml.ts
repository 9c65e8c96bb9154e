/**
 * XML as ordered nodes for fast-xml-parser's builder (`preserveOrder`): elements keep the order the
 * schemas demand, text and attributes are escaped by the builder, and an embedded record (MARCXML)
 * is parsed into the same shape and written back as it came.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/** One node: `{ tag: children, ':@': { '@_name': value } }` or `{ '#text': text }`. */
export type XmlNode = Record<string, unknown>;

/** Attributes; null and undefined values are left out. */
export type Attrs = Record<string, string | number | null | undefined>;

export function el(
  name: string,
  attrs: Attrs = {},
  children: (XmlNode | null | undefined | false)[] = [],
): XmlNode {
  const node: XmlNode = { [name]: children.filter((c): c is XmlNode => !!c) };
  const given = Object.entries(attrs).filter(([, v]) => v !== null && v !== undefined);
  if (given.length > 0) node[':@'] = Object.fromEntries(given.map(([k, v]) => [`@_${k}`, String(v)]));
  return node;
}

/** An element holding text only. */
export function textEl(name: string, text: string, attrs: Attrs = {}): XmlNode {
  return el(name, attrs, [{ '#text': text }]);
}

const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  processEntities: true,
});

/** The document: an XML declaration (UTF-8) and the root. */
export function buildDocument(root: XmlNode): string {
  const declaration = { '?xml': [{ '#text': '' }], ':@': { '@_version': '1.0', '@_encoding': 'UTF-8' } };
  return `${builder.build([declaration, root]).trim()}\n`;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  trimValues: false,
  processEntities: true,
  // Numeric character references (`&#699;`) are decoded too.
  htmlEntities: true,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** Whitespace between elements (indentation) goes; text of elements that hold only text stays as is. */
function dropIndentation(nodes: XmlNode[]): XmlNode[] {
  const hasElements = nodes.some((n) => !('#text' in n));
  const kept = hasElements ? nodes.filter((n) => !('#text' in n) || String(n['#text']).trim() !== '') : nodes;
  return kept.map((n) => {
    if ('#text' in n) return n;
    const name = Object.keys(n).find((k) => k !== ':@') as string;
    return { ...n, [name]: dropIndentation(n[name] as XmlNode[]) };
  });
}

/** The root element of a well-formed document (comments and declarations left out), or null. */
export function parseRoot(xml: string): XmlNode | null {
  const source = xml.trim();
  if (source === '' || XMLValidator.validate(source) !== true) return null;
  const nodes = dropIndentation(parser.parse(source) as XmlNode[]);
  return nodes.find((n) => !('#text' in n)) ?? null;
}

/** The element's name (with its prefix). */
export function nameOf(node: XmlNode): string {
  return Object.keys(node).find((k) => k !== ':@') as string;
}
