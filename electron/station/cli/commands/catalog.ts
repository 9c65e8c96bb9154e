import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  type BibRecord,
  CatalogError,
  type CatalogErrorCode,
  type CatalogQuery,
  CatalogSource,
  type CatalogSourceInput,
  DEFAULT_TEMPLATES,
  LOOKUP_KINDS,
  searchSource,
} from '../../catalog/index.js';
import { APP_VERSION } from '../../version.js';
import { EXIT } from '../exit-codes.js';
import { CliExit, type CliIo } from '../io.js';

interface SearchOptions {
  sru?: string;
  z3950?: string;
  isbn?: string;
  title?: string;
  author?: string;
  barcode?: string;
  id?: string;
  cql?: string;
  pqf?: string;
  format: 'marc21' | 'unimarc' | 'auto';
  max?: number;
  json?: boolean;
  sruVersion: '1.1' | '1.2' | '2.0';
  schema: string;
  syntax: 'usmarc' | 'unimarc' | 'xml';
  elementSet: string;
  charset: 'auto' | 'utf-8' | 'cp1251' | 'marc-8';
  timeout: number;
  template?: string;
  prefix?: string;
}

const HELP = `
Examples:
  bitig catalog search --sru https://catalog.example.uz/sru/biblios --isbn 978-9943-28-005-2
  bitig catalog search --z3950 z3950.example.kz:210/books --title "Абай жолы" --syntax unimarc --json
  bitig catalog search --z3950 127.0.0.1:2100/marc21 --pqf '@and @attr 1=4 kunlar @attr 1=1003 qodiriy'
  bitig catalog search --z3950 irbis.example.uz/IBIS --barcode 004711 --template '@attr 1=1028 {value}' --prefix INV-
Exit codes: 0 ok (also when nothing is found), 2 bad command line or query, 4 unreachable or timed
out, 5 the server refused the query (a diagnostic), 1 a broken answer.`;

const QUERY_OPTIONS = ['isbn', 'title', 'author', 'barcode', 'id', 'cql', 'pqf'] as const;

/** Exit code per catalog error: scripts tell "try later" (4) from "fix the query" (5, 2). */
const EXIT_FOR: Record<CatalogErrorCode, number> = {
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

/** `bitig catalog search`: an installer's tool to try a catalogue source before adding it. */
export function registerCatalog(program: Command, io: CliIo): void {
  const catalog = program.command('catalog').description('look up books in library catalogues (SRU, Z39.50)');
  catalog
    .command('search')
    .description('search one SRU or Z39.50 source and print the records found')
    .option('--sru <url>', 'SRU base URL')
    .option('--z3950 <host:port/db>', 'Z39.50 server and database (port 210 when left out)')
    .option('--isbn <isbn>', 'by ISBN (10 or 13, hyphens or not)')
    .option('--title <title>', 'by title words')
    .option('--author <author>', 'by author')
    .option('--barcode <barcode>', 'by inventory number (servers differ: give --template)')
    .option('--id <id>', 'by record id')
    .option('--cql <query>', 'a CQL query as typed (SRU)')
    .option('--pqf <query>', 'a PQF query as typed (Z39.50)')
    .addOption(
      new Option('--format <format>', 'record format').choices(['marc21', 'unimarc', 'auto']).default('auto'),
    )
    .option('--max <n>', 'records to fetch (1–500)', parseMax)
    .option('--json', 'print the records as a JSON array')
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
    .option('--timeout <seconds>', 'give up after this many seconds', parseTimeout, 15)
    .option(
      '--template <query>',
      'the query for --isbn/--title/--author/--barcode/--id, in CQL or PQF, with {value}, {isbn}, {isbn10}, {isbn13}',
    )
    .option('--prefix <text>', 'put before the value (e.g. the inventory number prefix)')
    .addHelpText('after', HELP)
    .action(async (o: SearchOptions) => {
      const source = sourceFrom(o);
      const query = queryFrom(o);
      let result: Awaited<ReturnType<typeof searchSource>>;
      try {
        result = await searchSource(source, query, { maxRecords: o.max, clientVersion: APP_VERSION });
      } catch (err) {
        if (err instanceof CatalogError) {
          throw new CliExit(EXIT_FOR[err.code], `bitig catalog: ${oneLine(err.message)} [${err.code}]`);
        }
        throw err;
      }
      for (const s of result.skipped) {
        io.err(`bitig catalog: record ${s.position} skipped: ${oneLine(s.error.message)} [${s.error.code}]`);
      }
      if (o.json) {
        io.out(JSON.stringify(result.records, null, 2));
        return;
      }
      io.out(`${result.records.length} of ${result.total} hits from ${source.name}`);
      result.records.forEach((r, i) => {
        io.out(describe(r, i + 1));
      });
    });
}

function sourceFrom(o: SearchOptions): CatalogSource {
  if (!!o.sru === !!o.z3950)
    throw new CliExit(EXIT.USAGE, 'bitig catalog: give one of --sru <url> or --z3950 <host:port/db>');
  let input: CatalogSourceInput;
  if (o.sru) {
    input = {
      name: o.sru,
      protocol: 'sru',
      url: o.sru,
      version: o.sruVersion,
      recordSchema: o.schema,
      format: o.format,
      timeoutSeconds: o.timeout,
      maxRecords: o.max ?? 20,
    };
  } else {
    const m = /^([^:/\s]+)(?::(\d{1,5}))?\/(.+)$/.exec(o.z3950!);
    if (!m)
      throw new CliExit(EXIT.USAGE, `bitig catalog: --z3950 wants host:port/database, not "${o.z3950}"`);
    input = {
      name: o.z3950!,
      protocol: 'z3950',
      host: m[1]!,
      port: m[2] ? Number(m[2]) : 210,
      database: m[3]!,
      syntax: o.syntax,
      elementSet: o.elementSet,
      charset: o.charset,
      format: o.format,
      timeoutSeconds: o.timeout,
      maxRecords: o.max ?? 20,
    };
  }
  if (o.template !== undefined || o.prefix !== undefined) {
    const kind = LOOKUP_KINDS.find((k) => o[k] !== undefined);
    if (!kind)
      throw new CliExit(
        EXIT.USAGE,
        'bitig catalog: --template and --prefix go with --isbn, --title, --author, --barcode or --id',
      );
    const template = o.template ?? DEFAULT_TEMPLATES[input.protocol][kind];
    if (!template) throw new CliExit(EXIT.USAGE, `bitig catalog: --${kind} needs --template here`);
    input.queries = { [kind]: { template, prefix: o.prefix ?? '' } };
  }
  const parsed = CatalogSource.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliExit(EXIT.USAGE, `bitig catalog: ${issue.path.join('.') || 'source'}: ${issue.message}`);
  }
  return parsed.data;
}

function queryFrom(o: SearchOptions): CatalogQuery {
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

function describe(r: BibRecord, n: number): string {
  const title = `${r.title ?? '(no title)'}${r.subtitle ? ` : ${r.subtitle}` : ''}`;
  const who = r.responsibility ?? r.creators.map((c) => c.name).join('; ');
  const pub = [r.publication.place, r.publication.publisher, r.publication.date].filter(Boolean).join(', ');
  const lines = [`${n}. ${title}${who ? ` / ${who}` : ''}`];
  if (pub) lines.push(`   ${pub}`);
  const ids = [...r.isbns.map((i) => `ISBN ${i}`), r.recordId ? `id ${r.recordId}` : null].filter(Boolean);
  lines.push(`   ${[...ids, r.languages.join('+') || null, r.format].filter(Boolean).join(' · ')}`);
  return lines.join('\n');
}

function oneLine(text: string): string {
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
