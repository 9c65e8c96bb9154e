import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  type BibRecord,
  CatalogError,
  type CatalogErrorCode,
  type CatalogQuery,
  CatalogSource,
  type CatalogSourceInput,
} from '../../catalog/index.js';
import type { ContractError } from '../../contract/errors.js';
import { EXIT } from '../exit-codes.js';
import { CliExit } from '../io.js';

/** What `catalog search` and `catalog sources add` share: how a source is asked and read. */
export interface SourceOptions {
  sruVersion: '1.1' | '1.2' | '2.0';
  schema: string;
  syntax: 'usmarc' | 'unimarc' | 'xml';
  elementSet: string;
  charset: 'auto' | 'utf-8' | 'cp1251' | 'marc-8';
  termCharset: 'utf-8' | 'cp1251';
  format: 'marc21' | 'unimarc' | 'auto';
  max?: number;
  timeout: number;
}

/** The options above by their commander names, for telling which were typed. */
export const SOURCE_OPTION_NAMES = [
  'sruVersion',
  'schema',
  'syntax',
  'elementSet',
  'charset',
  'termCharset',
  'format',
] as const satisfies readonly (keyof SourceOptions)[];

export const DATA_DIR_HELP = 'data directory (default: BITIG_DATA_DIR or the OS app-data folder)';

/** Adds the per-source options (address excepted) with the contract's defaults. */
export function addSourceOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--format <format>', 'record format').choices(['marc21', 'unimarc', 'auto']).default('auto'),
    )
    .option('--max <n>', 'records to fetch (1–500)', parseMax)
    .option('--timeout <seconds>', 'give up after this many seconds', parseTimeout, 15)
    .addOption(new Option('--sru-version <v>', 'SRU version').choices(['1.1', '1.2', '2.0']).default('1.2'))
    .option('--schema <name>', 'SRU recordSchema', 'marcxml')
    .addOption(
      new Option('--syntax <syntax>', 'Z39.50 record syntax')
        .choices(['usmarc', 'unimarc', 'xml'])
        .default('usmarc'),
    )
    .option('--element-set <name>', 'Z39.50 element set name', 'F')
    .addOption(
      new Option('--charset <charset>', 'Z39.50 ISO 2709 character set')
        .choices(['auto', 'utf-8', 'cp1251', 'marc-8'])
        .default('auto'),
    )
    .addOption(
      new Option('--term-charset <charset>', 'Z39.50 search terms sent in')
        .choices(['utf-8', 'cp1251'])
        .default('utf-8'),
    );
}

/** A source from `--sru <url>` or `--z3950 <host:port/db>` and the per-source options; not validated. */
export function sourceInput(
  name: string,
  address: { sru?: string; z3950?: string },
  o: SourceOptions,
  what = '--sru <url> or --z3950 <host:port/db>',
): CatalogSourceInput {
  if (!!address.sru === !!address.z3950) throw new CliExit(EXIT.USAGE, `bitig catalog: give one of ${what}`);
  if (address.sru) {
    return {
      name,
      protocol: 'sru',
      url: address.sru,
      version: o.sruVersion,
      recordSchema: o.schema,
      format: o.format,
      timeoutSeconds: o.timeout,
      maxRecords: o.max ?? 20,
    };
  }
  const m = /^([^:/\s]+)(?::(\d{1,5}))?\/(.+)$/.exec(address.z3950!);
  if (!m)
    throw new CliExit(EXIT.USAGE, `bitig catalog: --z3950 wants host:port/database, not "${address.z3950}"`);
  return {
    name,
    protocol: 'z3950',
    host: m[1]!,
    port: m[2] ? Number(m[2]) : 210,
    database: m[3]!,
    syntax: o.syntax,
    elementSet: o.elementSet,
    charset: o.charset,
    termCharset: o.termCharset,
    format: o.format,
    timeoutSeconds: o.timeout,
    maxRecords: o.max ?? 20,
  };
}

/** The source checked by the contract's schema; a wrong one ends the command with one line (exit 2). */
export function validSource(input: CatalogSourceInput): CatalogSource {
  const parsed = CatalogSource.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliExit(EXIT.USAGE, `bitig catalog: ${issue.path.join('.') || 'source'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Where a source is: its URL, or host:port/database. */
export function addressOf(source: CatalogSource): string {
  return source.protocol === 'sru' ? source.url : `${source.host}:${source.port}/${source.database}`;
}

export const QUERY_OPTIONS = ['isbn', 'title', 'author', 'barcode', 'id', 'cql', 'pqf'] as const;
export type QueryOptions = Partial<Record<(typeof QUERY_OPTIONS)[number], string>>;

export function addQueryOptions(command: Command, barcodeHelp: string): Command {
  return command
    .option('--isbn <isbn>', 'by ISBN (10 or 13, hyphens or not)')
    .option('--title <title>', 'by title words')
    .option('--author <author>', 'by author')
    .option('--barcode <barcode>', barcodeHelp)
    .option('--id <id>', 'by record id')
    .option('--cql <query>', 'a CQL query as typed (SRU)')
    .option('--pqf <query>', 'a PQF query as typed (Z39.50)');
}

export function queryFrom(o: QueryOptions): CatalogQuery {
  const given = QUERY_OPTIONS.filter((k) => o[k] !== undefined);
  if (given.length !== 1) {
    throw new CliExit(
      EXIT.USAGE,
      `bitig catalog: give exactly one of ${QUERY_OPTIONS.map((k) => `--${k}`).join(', ')}`,
    );
  }
  const kind = given[0]!;
  const value = o[kind]!.trim();
  if (!value) throw new CliExit(EXIT.USAGE, `bitig catalog: --${kind} is empty`);
  return kind === 'cql' || kind === 'pqf' ? { kind, query: value } : { kind, value };
}

/** Exit code per catalog error: scripts tell "try later" (4) from "fix the query" (5, 2). */
export const EXIT_FOR: Record<CatalogErrorCode, number> = {
  CATALOG_UNREACHABLE: EXIT.UNAVAILABLE,
  CATALOG_TIMEOUT: EXIT.UNAVAILABLE,
  CATALOG_CANCELLED: EXIT.FAILURE,
  CATALOG_DIAGNOSTIC: EXIT.REFUSED,
  CATALOG_REFUSED: EXIT.REFUSED,
  CATALOG_BAD_RESPONSE: EXIT.FAILURE,
  CATALOG_BAD_RECORD: EXIT.FAILURE,
  CATALOG_BAD_QUERY: EXIT.USAGE,
  CATALOG_NO_SOURCES: EXIT.USAGE,
  CATALOG_SOURCE_NOT_FOUND: EXIT.USAGE,
  CATALOG_SOURCE_NAME_TAKEN: EXIT.USAGE,
};

/** A catalog error (thrown, or as the contract carries it) as the command's one line and exit code. */
export function catalogExit(err: CatalogError | ContractError): CliExit {
  const code = (EXIT_FOR as Record<string, number>)[err.code] ?? EXIT.FAILURE;
  return new CliExit(code, `bitig catalog: ${oneLine(err.message)} [${err.code}]`);
}

/** Runs `work`, ending the command with catalogExit on a catalog error. */
export async function orCatalogExit<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof CatalogError) throw catalogExit(err);
    throw err;
  }
}

export function describe(r: BibRecord, n: number): string {
  const title = `${r.title ?? '(no title)'}${r.subtitle ? ` : ${r.subtitle}` : ''}`;
  const who = r.responsibility ?? r.creators.map((c) => c.name).join('; ');
  const pub = [r.publication.place, r.publication.publisher, r.publication.date].filter(Boolean).join(', ');
  const lines = [`${n}. ${title}${who ? ` / ${who}` : ''}`];
  if (pub) lines.push(`   ${pub}`);
  const ids = [...r.isbns.map((i) => `ISBN ${i}`), r.recordId ? `id ${r.recordId}` : null].filter(Boolean);
  lines.push(`   ${[...ids, r.languages.join('+') || null, r.format].filter(Boolean).join(' · ')}`);
  return lines.join('\n');
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function parseMax(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 500) throw new InvalidArgumentError('a number from 1 to 500');
  return n;
}

function parseTimeout(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 300) throw new InvalidArgumentError('seconds from 1 to 300');
  return n;
}
