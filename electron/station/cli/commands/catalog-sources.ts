import type { Command } from 'commander';
import { CatalogService } from '../../catalog/catalog-service.js';
import {
  CatalogError,
  type CatalogSource,
  type CatalogSourceInput,
  DEFAULT_TEMPLATES,
  LOOKUP_KINDS,
  type LookupKind,
  type QueryTemplateInput,
} from '../../catalog/index.js';
import { CatalogSourceStore, type LoginChange } from '../../catalog/source-store.js';
import { defaultDataDir } from '../../store/data-dir.js';
import { openStore } from '../../store/db.js';
import { KeyFileSecretBox } from '../../store/secrets.js';
import { SettingsRepo } from '../../store/settings.js';
import { APP_VERSION } from '../../version.js';
import { EXIT } from '../exit-codes.js';
import { CliExit, type CliIo } from '../io.js';
import { readSecret } from '../read-secret.js';
import {
  addQueryOptions,
  addressOf,
  addSourceOptions,
  catalogExit,
  DATA_DIR_HELP,
  describe,
  type QueryOptions,
  queryFrom,
  type SourceOptions,
  sourceInput,
  validSource,
} from './catalog-source-options.js';

interface AddOptions extends SourceOptions {
  sru?: string;
  z3950?: string;
  query?: string[];
  prefix?: string[];
  stripPrefix?: string[];
  param?: string[];
  user?: string;
  passwordStdin?: boolean;
  replace?: boolean;
  dataDir?: string;
}

interface TestOptions extends QueryOptions {
  raw?: boolean;
  json?: boolean;
  dataDir?: string;
}

const HELP_LIST = `
The sources in the order lookups try them (the library's own catalogue first); a login shows its
user, never its password.
Examples:
  bitig catalog sources list
  bitig catalog sources list --json     [{ source, user, passwordSet }, …]
Exit codes: 0 ok, 3 database problem.`;

const HELP_ADD = `
Saves a source for the station's lookups, after the sources already saved. The password is read
from standard input (asked for, unechoed, at a terminal; else the first line of the pipe), never
from the command line, and kept encrypted with the station's key.
Templates: CQL (SRU) or PQF (Z39.50) with {value}, {isbn}, {isbn10}, {isbn13}; kinds are
${LOOKUP_KINDS.join(', ')}. Without --query a kind uses the protocol's default (none for barcode).
Examples:
  bitig catalog sources add "Milliy kutubxona" --sru https://catalog.example.uz/sru/biblios \\
      --query barcode='local.barcode={value}' --strip-prefix barcode=]C1
  printf '%s\\n' "$PASSWORD" | bitig catalog sources add "Union catalogue" \\
      --z3950 z3950.example.kz:210/books --syntax unimarc --charset cp1251 --term-charset cp1251 \\
      --user station7 --password-stdin
  bitig catalog sources add IRBIS --z3950 irbis.example.uz/IBIS \\
      --query barcode='@attr 1=1028 {value}' --prefix barcode=INV- --replace
  bitig catalog sources add Koha --sru https://koha.example.uz/biblios --param x-username=station7
Exit codes: 0 saved, 2 bad command line or source, the name taken (without --replace) or no
password on standard input (nothing saved), 3 database problem.`;

const HELP_REMOVE = `
Examples:
  bitig catalog sources remove "Union catalogue"
Exit codes: 0 removed, 2 no source by that name, 3 database problem.`;

const HELP_TEST = `
One lookup with a saved source and its login, as the station would make it.
Examples:
  bitig catalog sources test "Milliy kutubxona" --isbn 978-9943-28-005-2
  bitig catalog sources test "Milliy kutubxona" --barcode 004711 --json
  bitig catalog sources test "Union catalogue" --title "Абай жолы" --raw | less
--raw prints only what the server sent (SRU: its XML; Z39.50: the records as MARCXML); --json
prints { source, total, elapsedMs, records } (and raw, with --raw).
Exit codes: 0 ok (also when nothing is found), 2 bad command line or query, or no source by that
name, 4 unreachable or timed out, 5 the server refused the query (a diagnostic), 1 a broken answer.`;

/** `bitig catalog sources …`: the station's saved catalogue sources, from its terminal. */
export function registerCatalogSources(catalog: Command, io: CliIo): void {
  const sources = catalog
    .command('sources')
    .description("the station's saved catalogue sources: list, add, remove, test");

  sources
    .command('list')
    .description('the saved sources, in the order lookups try them')
    .option('--json', 'print them as a JSON array')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .addHelpText('after', HELP_LIST)
    .action((o: { json?: boolean; dataDir?: string }) => {
      const list = withSources(io, o.dataDir, (store) => store.list());
      if (o.json) {
        io.out(JSON.stringify(list, null, 2));
        return;
      }
      if (list.length === 0) {
        io.out('No catalogue sources saved (bitig catalog sources add).');
        return;
      }
      list.forEach((s, i) => {
        const login = s.user === null ? 'no login' : `login: ${s.user}`;
        const { source } = s;
        io.out(
          `${i + 1}. ${source.name} · ${source.protocol} · ${addressOf(source)} · ${source.format} · ${login}`,
        );
      });
    });

  const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];
  addSourceOptions(
    sources
      .command('add')
      .description('save a source (SRU or Z39.50), its login encrypted')
      .argument('<name>', 'the name lookups and screens show')
      .option('--sru <url>', 'SRU base URL')
      .option('--z3950 <host:port/db>', 'Z39.50 server and database (port 210 when left out)'),
  )
    .option('--query <kind=template>', 'the query for one kind of lookup (repeatable)', collect)
    .option('--prefix <kind=text>', 'put before the value of that kind (repeatable)', collect)
    .option('--strip-prefix <kind=text>', 'removed from the start of the value (repeatable)', collect)
    .option('--param <key=value>', 'sent with every SRU request (repeatable)', collect)
    .option('--user <user>', "the source's login")
    .option('--password-stdin', "read the login's password from standard input")
    .option('--replace', 'replace the source of that name in its place (or add it)')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .addHelpText('after', HELP_ADD)
    .action(async (name: string, o: AddOptions) => {
      const source = validSource(withTemplates(sourceInput(name, o, o), o));
      const login = await loginFrom(io, o);
      const outcome = withSources(io, o.dataDir, (store) => {
        const existing = store.find(name)?.source.name;
        if (existing !== undefined && !o.replace) {
          throw new CliExit(
            EXIT.USAGE,
            `bitig catalog: There is already a source named ${existing}; give --replace to replace it [CATALOG_SOURCE_NAME_TAKEN]`,
          );
        }
        store.save(source, o.replace ? existing : undefined, login);
        return existing === undefined ? `Added ${source.name}.` : `Replaced ${existing}.`;
      });
      io.out(outcome);
    });

  sources
    .command('remove')
    .description('remove a saved source')
    .argument('<name>')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .addHelpText('after', HELP_REMOVE)
    .action((name: string, o: { dataDir?: string }) => {
      withSources(io, o.dataDir, (store) => store.remove(name));
      io.out(`Removed ${name}.`);
    });

  addQueryOptions(
    sources.command('test').description('one lookup with a saved source and its login').argument('<name>'),
    "by inventory number (the source's barcode template)",
  )
    .option('--raw', "print the server's answer as it came instead of the records")
    .option('--json', 'print the result as JSON')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .addHelpText('after', HELP_TEST)
    .action(async (name: string, o: TestOptions) => {
      const query = queryFrom(o);
      const store = openStore({ dataDir: o.dataDir ?? defaultDataDir(io.env) });
      let source: CatalogSource;
      let result: Awaited<ReturnType<CatalogService['test']>>;
      try {
        const saved = new CatalogSourceStore(new SettingsRepo(store.db), new KeyFileSecretBox(store.dataDir));
        const found = saved.find(name);
        if (!found)
          throw catalogExit(new CatalogError('CATALOG_SOURCE_NOT_FOUND', `There is no source named ${name}`));
        source = found.source;
        const service = new CatalogService({ store: saved, clientVersion: APP_VERSION });
        // No login change: the test uses the one saved with the source.
        result = await service.test(source, source.name, undefined, query);
      } finally {
        store.close();
      }
      if (o.json) {
        if (!result.error) {
          const { total, elapsedMs, records } = result;
          const json = {
            source: source.name,
            total,
            elapsedMs,
            records,
            ...(o.raw ? { raw: result.raw } : {}),
          };
          io.out(JSON.stringify(json, null, 2));
        }
      } else if (o.raw) {
        if (result.raw) io.out(result.raw);
      } else if (!result.error) {
        io.out(
          `${result.records.length} of ${result.total} hits from ${source.name} in ${result.elapsedMs} ms`,
        );
        result.records.forEach((r, i) => {
          io.out(describe(r, i + 1));
        });
      }
      if (result.error) throw catalogExit(result.error);
    });
}

/** Opens the station's saved sources (its database and key), runs `work`, and closes them. */
export function withSources<T>(
  io: CliIo,
  dataDir: string | undefined,
  work: (store: CatalogSourceStore) => T,
): T {
  const store = openStore({ dataDir: dataDir ?? defaultDataDir(io.env) });
  try {
    const sources = new CatalogSourceStore(new SettingsRepo(store.db), new KeyFileSecretBox(store.dataDir));
    return work(sources);
  } catch (err) {
    if (err instanceof CatalogError) throw catalogExit(err);
    throw err;
  } finally {
    store.close();
  }
}

/** The source with its --query, --prefix, --strip-prefix and --param. */
function withTemplates(input: CatalogSourceInput, o: AddOptions): CatalogSourceInput {
  const pairs = (flag: string, values: string[]) =>
    values.map((text) => {
      const at = text.indexOf('=');
      if (at <= 0) throw new CliExit(EXIT.USAGE, `bitig catalog: ${flag} wants key=value, not "${text}"`);
      return [text.slice(0, at).trim(), text.slice(at + 1)] as const;
    });
  const byKind = (flag: string, values: string[]) => {
    const map = new Map<LookupKind, string>();
    for (const [key, value] of pairs(flag, values)) {
      if (!(LOOKUP_KINDS as readonly string[]).includes(key)) {
        throw new CliExit(
          EXIT.USAGE,
          `bitig catalog: ${flag}: "${key}" is not one of ${LOOKUP_KINDS.join(', ')}`,
        );
      }
      if (map.has(key as LookupKind))
        throw new CliExit(EXIT.USAGE, `bitig catalog: ${flag} ${key}= given twice`);
      map.set(key as LookupKind, value);
    }
    return map;
  };
  const templates = byKind('--query', o.query ?? []);
  const prefixes = byKind('--prefix', o.prefix ?? []);
  const strips = byKind('--strip-prefix', o.stripPrefix ?? []);
  const queries: Partial<Record<LookupKind, QueryTemplateInput>> = {};
  for (const kind of LOOKUP_KINDS) {
    if (!templates.has(kind) && !prefixes.has(kind) && !strips.has(kind)) continue;
    const template = templates.get(kind) ?? DEFAULT_TEMPLATES[input.protocol][kind];
    if (template === undefined) {
      throw new CliExit(EXIT.USAGE, `bitig catalog: ${kind} lookups need --query ${kind}=<template> here`);
    }
    queries[kind] = { template, prefix: prefixes.get(kind) ?? '', stripPrefix: strips.get(kind) ?? '' };
  }
  const result: CatalogSourceInput = { ...input, queries };
  if (o.param && o.param.length > 0) {
    if (result.protocol !== 'sru')
      throw new CliExit(EXIT.USAGE, 'bitig catalog: --param goes with --sru only');
    result.extraParams = Object.fromEntries(pairs('--param', o.param));
  }
  return result;
}

/** --user and --password-stdin as a login change: none given keeps a replaced source's login. */
async function loginFrom(io: CliIo, o: AddOptions): Promise<LoginChange> {
  if (o.passwordStdin && o.user === undefined) {
    throw new CliExit(EXIT.USAGE, 'bitig catalog: --password-stdin goes with --user');
  }
  if (o.user === undefined) return undefined;
  const user = o.user.trim();
  if (!user) throw new CliExit(EXIT.USAGE, 'bitig catalog: --user is empty');
  if (!o.passwordStdin) return { user };
  const password = await readSecret(io, `Password for ${user}: `);
  if (!password)
    throw new CliExit(EXIT.USAGE, 'bitig catalog: no password on standard input; nothing was saved');
  return { user, password };
}
