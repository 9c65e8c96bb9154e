import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

/** Saxon-HE from Debian's libsaxonhe-java. */
export const SAXON = '/usr/share/java/Saxon-HE.jar';

export interface Finding {
  id: string;
  role: string;
  location: string;
  text: string;
}

/**
 * The DDB's Schematron for the DFG-Viewer METS/MODS profile (its compiled XSLT 2.0) run by Saxon
 * over a file or a folder of files (one JVM start, the stylesheet compiled once), reports to `out`.
 */
export function runDdbSchematron(schemas: string, source: string, out: string): void {
  fs.mkdirSync(fs.statSync(source).isDirectory() ? out : path.dirname(out), { recursive: true });
  const xsl = path.join(schemas, 'ddb', 'ddb_validierung_mets-mods-ap-digitalisierte-medien.xsl');
  execFileSync('java', ['-cp', SAXON, 'net.sf.saxon.Transform', `-s:${source}`, `-xsl:${xsl}`, `-o:${out}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** The findings of a report (failed asserts and successful reports), roles fatal, error, warn or info. */
export function ddbFindings(svrlFile: string): Finding[] {
  const svrl = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    isArray: (tag) => tag === 'failed-assert' || tag === 'successful-report',
  }).parse(fs.readFileSync(svrlFile, 'utf8'));
  const report = svrl['schematron-output'];
  const all = [...(report['failed-assert'] ?? []), ...(report['successful-report'] ?? [])];
  return all.map((f: Record<string, unknown>) => ({
    id: String(f.id),
    role: String(f.role),
    location: String(f.location).replace(/\[namespace-uri\(\)='[^']*'\]/g, ''),
    text: String((f.text as { '#text'?: string } | string | undefined) ?? '').slice(0, 160),
  }));
}
