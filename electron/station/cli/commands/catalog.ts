import type { Command } from 'commander';
import { type CatalogSource, DEFAULT_TEMPLATES, LOOKUP_KINDS, searchSource } from '../../catalog/index.js';
import type { SourceWithLogin } from '../../catalog/source-store.js';
import { APP_VERSION } from '../../version.js';
import { EXIT } from '../exit-codes.js';
import { CliExit, type CliIo } from '../io.js';
import {
  addQueryOptions,
  addSourceOptions,
  catalogExit,
  DATA_DIR_HELP,
  describe,
  oneLine,
  orCatalogExit,
  type QueryOptions,
  queryFrom,
  SOURCE_OPTION_NAMES,
  type SourceOptions,
  sourceInput,
  validSource,
} from './catalog-source-options.js';
import { registerCatalogSources, withSources } from './catalog-sources.js';

interface SearchOptions extends SourceOptions, QueryOptions {
  sru?: string;
  z3950?: string;
  source?: string;
  json?: boolean;
  template?: string;
  prefix?: string;
  dataDir?: string;
}

const HELP = `
Examples:
  bitig catalog search --sru https://catalog.example.uz/sru/biblios --isbn 978-9943-28-005-2
  bitig catalog search --z3950 z3950.example.kz:210/books --title "Абай жолы" --syntax unimarc --json
  bitig catalog search --z3950 127.0.0.1:2100/marc21 --pqf '@and @attr 1=4 kunlar @attr 1=1003 qodiriy'
  bitig catalog search --z3950 irbis.example.uz/IBIS --barcode 004711 --template '@attr 1=1028 {value}' --prefix INV-
  bitig catalog search --source "Union catalogue" --author Qodiriy --max 5
--source asks a saved source (bitig catalog sources list) with its login, as the station does.
Exit codes: 0 ok (also when nothing is found), 2 bad command line or query, or no saved source by
that name, 4 unreachable or timed out, 5 the server refused the query (a diagnostic), 1 a broken answer.`;

/** `bitig catalog search`: an installer's tool to try a catalogue source before adding it. */
export function registerCatalog(program: Command, io: CliIo): void {
  const catalog = program.command('catalog').description('look up books in library catalogues (SRU, Z39.50)');
  const search = catalog
    .command('search')
    .description('search one SRU or Z39.50 source and print the records found')
    .option('--sru <url>', 'SRU base URL')
    .option('--z3950 <host:port/db>', 'Z39.50 server and database (port 210 when left out)')
    .option('--source <name>', 'a saved source, with its login');
  addQueryOptions(search, 'by inventory number (servers differ: give --template)');
  addSourceOptions(search)
    .option('--json', 'print the records as a JSON array')
    .option(
      '--template <query>',
      'the query for --isbn/--title/--author/--barcode/--id, in CQL or PQF, with {value}, {isbn}, {isbn10}, {isbn13}',
    )
    .option('--prefix <text>', 'put before the value (e.g. the inventory number prefix)')
    .option('--data-dir <dir>', `with --source: ${DATA_DIR_HELP}`)
    .addHelpText('after', HELP)
    .action(async (o: SearchOptions, command: Command) => {
      const query = queryFrom(o);
      const { source, credentials } =
        o.source !== undefined ? savedSource(io, o, command) : { source: sourceFrom(o) };
      const result = await orCatalogExit(() =>
        searchSource(source, query, { maxRecords: o.max, clientVersion: APP_VERSION, credentials }),
      );
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
  registerCatalogSources(catalog, io);
}

/** The source typed on the command line (--sru or --z3950 and its options). */
function sourceFrom(o: SearchOptions): CatalogSource {
  const address = o.sru ?? o.z3950 ?? '';
  const input = sourceInput(address, o, o, '--sru <url>, --z3950 <host:port/db> or --source <name>');
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
  return validSource(input);
}

/**
 * A saved source with its login. It says how it is asked, so options that would change that are
 * refused; --max and --timeout apply to this search.
 */
function savedSource(io: CliIo, o: SearchOptions, command: Command): SourceWithLogin {
  if (o.sru !== undefined || o.z3950 !== undefined) {
    throw new CliExit(
      EXIT.USAGE,
      'bitig catalog: give one of --sru <url>, --z3950 <host:port/db> or --source <name>',
    );
  }
  for (const key of [...SOURCE_OPTION_NAMES, 'template', 'prefix'] as const) {
    if (command.getOptionValueSource(key) === 'cli') {
      const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      throw new CliExit(
        EXIT.USAGE,
        `bitig catalog: ${flag} goes with --sru or --z3950; the saved source has its own`,
      );
    }
  }
  const name = o.source!;
  const found = withSources(io, o.dataDir, (store) => store.find(name));
  if (!found) {
    throw catalogExit({ code: 'CATALOG_SOURCE_NOT_FOUND', message: `There is no source named ${name}` });
  }
  if (command.getOptionValueSource('timeout') !== 'cli') return found;
  return { ...found, source: { ...found.source, timeoutSeconds: o.timeout } };
}
