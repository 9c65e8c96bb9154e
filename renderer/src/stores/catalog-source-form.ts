/**
 * The catalog source editor's form, pure: a draft that holds both protocols' fields (switching SRU ↔
 * Z39.50 keeps what was typed), what it becomes for the contract, and the contract schema's refusals
 * as field problems the screen translates (zod's English never reaches the operator).
 */
import {
  CatalogSource,
  type CatalogSourceInput,
  DEFAULT_TEMPLATES,
  LOOKUP_KINDS,
  type LookupKind,
  type QueryTemplateInput,
  type SavedCatalogSource,
  SourceFormat,
  SruVersion,
  Z3950Source,
  type Z3950Syntax,
} from '@contract/index.js';

/** The templates a source without its own uses, shown as placeholders: the contract's. */
export { DEFAULT_TEMPLATES };

export const PROTOCOLS = ['sru', 'z3950'] as const;
export type Protocol = (typeof PROTOCOLS)[number];
export const SRU: Protocol = 'sru';
/** The choice that lets the station decide (record format, record character set). */
export const AUTO = 'auto';

/** The choices, read from the contract's schemas so a value added there shows here. */
export const SRU_VERSIONS: readonly SruVersion[] = SruVersion.options;
/** `auto` first: what a new source starts with. */
export const SOURCE_FORMATS: readonly SourceFormat[] = [
  'auto',
  ...SourceFormat.options.filter((f) => f !== 'auto'),
];
export const Z3950_SYNTAX_CHOICES: readonly Z3950Syntax[] = Z3950Source.shape.syntax.unwrap().options;
export type RecordCharset = Z3950Source['charset'];
export type TermCharset = Z3950Source['termCharset'];
export const RECORD_CHARSETS: readonly RecordCharset[] = Z3950Source.shape.charset.unwrap().options;
export const TERM_CHARSETS: readonly TermCharset[] = Z3950Source.shape.termCharset.unwrap().options;

export interface TemplateDraft {
  template: string;
  prefix: string;
  stripPrefix: string;
}

export interface ParamRow {
  key: string;
  value: string;
}

export interface LoginDraft {
  user: string;
  /** A new password; empty keeps the stored one (the screens never receive it). */
  password: string;
  /** Staff chose to remove the stored login. */
  remove: boolean;
}

export interface SourceDraft {
  /** The saved source's name when changing one (also its old name when renamed); null: a new one. */
  replaces: string | null;
  protocol: Protocol;
  name: string;
  url: string;
  version: SruVersion;
  recordSchema: string;
  extraParams: ParamRow[];
  host: string;
  port: number;
  database: string;
  syntax: Z3950Syntax;
  elementSet: string;
  charset: RecordCharset;
  termCharset: TermCharset;
  format: SourceFormat;
  queries: Record<LookupKind, TemplateDraft>;
  maxRecords: number;
  timeoutSeconds: number;
  login: LoginDraft;
  /** What the station keeps for this source: shown as words, never as the password. */
  savedUser: string | null;
  passwordSet: boolean;
}

const emptyTemplates = (): Record<LookupKind, TemplateDraft> =>
  Object.fromEntries(LOOKUP_KINDS.map((k) => [k, { template: '', prefix: '', stripPrefix: '' }])) as Record<
    LookupKind,
    TemplateDraft
  >;

/** A new source: the schema's defaults (SRU, version 1.2, MARCXML, 20 records, 15 seconds). */
export function newDraft(): SourceDraft {
  return {
    replaces: null,
    protocol: 'sru',
    name: '',
    url: '',
    version: '1.2',
    recordSchema: 'marcxml',
    extraParams: [],
    host: '',
    port: 210,
    database: '',
    syntax: 'usmarc',
    elementSet: 'F',
    charset: 'auto',
    termCharset: 'utf-8',
    format: 'auto',
    queries: emptyTemplates(),
    maxRecords: 20,
    timeoutSeconds: 15,
    login: { user: '', password: '', remove: false },
    savedUser: null,
    passwordSet: false,
  };
}

/** A saved source in the editor; its password field starts empty whatever is stored. */
export function draftOf(saved: SavedCatalogSource): SourceDraft {
  const { source } = saved;
  const draft: SourceDraft = {
    ...newDraft(),
    replaces: source.name,
    protocol: source.protocol,
    name: source.name,
    format: source.format,
    maxRecords: source.maxRecords,
    timeoutSeconds: source.timeoutSeconds,
    login: { user: saved.user ?? '', password: '', remove: false },
    savedUser: saved.user,
    passwordSet: saved.passwordSet,
  };
  for (const kind of LOOKUP_KINDS) {
    const q = source.queries[kind];
    if (q) draft.queries[kind] = { template: q.template, prefix: q.prefix, stripPrefix: q.stripPrefix };
  }
  if (source.protocol === 'sru') {
    return {
      ...draft,
      url: source.url,
      version: source.version,
      recordSchema: source.recordSchema,
      extraParams: Object.entries(source.extraParams).map(([key, value]) => ({ key, value })),
    };
  }
  return {
    ...draft,
    host: source.host,
    port: source.port,
    database: source.database,
    syntax: source.syntax,
    elementSet: source.elementSet,
    charset: source.charset,
    termCharset: source.termCharset,
  };
}

/**
 * The editor's fields by their key: problems are keyed by these, and test ids are made of them
 * (`source-field-url`). A lookup kind's row and a parameter row have keys of their own below.
 */
export const SOURCE_FIELD = {
  name: 'name',
  protocol: 'protocol',
  format: 'format',
  url: 'url',
  version: 'version',
  recordSchema: 'recordSchema',
  extraParams: 'extraParams',
  host: 'host',
  port: 'port',
  database: 'database',
  syntax: 'syntax',
  elementSet: 'elementSet',
  charset: 'charset',
  termCharset: 'termCharset',
  maxRecords: 'maxRecords',
  timeoutSeconds: 'timeoutSeconds',
  loginUser: 'login.user',
  loginPassword: 'login.password',
  loginRemove: 'login.remove',
  /** The test's lookup value (not part of the source). */
  testValue: 'testValue',
} as const;

/** A lookup kind's row (`queries.isbn`, where its problem is), or one of its fields (`queries.isbn.prefix`). */
export function templateField(kind: LookupKind, part?: keyof TemplateDraft): string {
  return part === undefined ? `queries.${kind}` : `queries.${kind}.${part}`;
}

/** A field of a parameter row: `extraParams.0.key`, `extraParams.0.value`, `extraParams.0.remove`. */
export function paramField(index: number, part: keyof ParamRow | 'remove'): string {
  return `extraParams.${index}.${part}`;
}

/** Kinds of problem a field can have; the screen says each in the operator's language. */
export type ProblemKind =
  | 'required'
  | 'tooLong'
  | 'url'
  | 'number'
  | 'range'
  | 'paramKey'
  | 'paramDuplicate'
  | 'templateRequired'
  | 'invalid';

export interface FieldProblem {
  kind: ProblemKind;
  min?: number;
  max?: number;
}

/**
 * Field keys: a top-level field's name, `queries.<kind>` for a lookup kind's template row,
 * `extraParams` for the parameter rows, `login.user` for the login.
 */
export type FieldProblems = Record<string, FieldProblem>;

/** What the draft asks of the station: the source, and what happens to its login. */
export interface DraftRequest {
  source: CatalogSourceInput;
  /** Absent (undefined): the stored login stays; null: removed. */
  credentials?: { user: string; password?: string } | null;
}

function templatesOf(
  draft: SourceDraft,
  problems: FieldProblems,
): Partial<Record<LookupKind, QueryTemplateInput>> {
  const out: Partial<Record<LookupKind, QueryTemplateInput>> = {};
  for (const kind of LOOKUP_KINDS) {
    const q = draft.queries[kind];
    const template = q.template.trim();
    if (template === '' && q.prefix === '' && q.stripPrefix === '') continue;
    // A prefix alone still needs a template: the default one, written out; a barcode has none.
    const effective = template || DEFAULT_TEMPLATES[draft.protocol][kind];
    if (effective === undefined) {
      problems[templateField(kind)] = { kind: 'templateRequired' };
      continue;
    }
    out[kind] = { template: effective, prefix: q.prefix, stripPrefix: q.stripPrefix };
  }
  return out;
}

function paramsOf(rows: ParamRow[], problems: FieldProblems): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (key === '' && row.value === '') continue;
    if (key === '') problems[SOURCE_FIELD.extraParams] = { kind: 'paramKey' };
    else if (key in out) problems[SOURCE_FIELD.extraParams] = { kind: 'paramDuplicate' };
    else out[key] = row.value;
  }
  return out;
}

function credentialsOf(draft: SourceDraft): DraftRequest['credentials'] {
  const user = draft.login.user.trim();
  const hadLogin = draft.savedUser !== null;
  // No user (or "remove" chosen) means no login: removed when one is stored, else nothing to send.
  if (draft.login.remove || user === '') return hadLogin ? null : undefined;
  // The password field left empty keeps the stored password (absent from the request).
  return draft.login.password === '' ? { user } : { user, password: draft.login.password };
}

/** The schema's refusal of one field, as a kind of problem with its bounds (the package settings form too). */
export function problemOf(issue: {
  code: string;
  origin?: string;
  minimum?: unknown;
  maximum?: unknown;
  format?: string;
  expected?: string;
}): FieldProblem {
  const num = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? Number(v) : undefined);
  switch (issue.code) {
    case 'invalid_type':
      return { kind: issue.expected === 'number' ? 'number' : 'invalid' };
    case 'invalid_format':
      return { kind: issue.format === 'url' ? 'url' : 'invalid' };
    case 'too_small':
      return issue.origin === 'string' ? { kind: 'required' } : { kind: 'range' };
    case 'too_big':
      return issue.origin === 'string' ? { kind: 'tooLong', max: num(issue.maximum) } : { kind: 'range' };
    default:
      return { kind: 'invalid' };
  }
}

/** Where a schema issue is shown: its top-level field, a lookup kind's row, or the parameter rows. */
function fieldOf(path: readonly PropertyKey[]): string {
  const [first, second] = path.map(String);
  if (first === 'queries' && second !== undefined) return `queries.${second}`;
  return first ?? 'name';
}

/** The bounds the form says with `range` problems (the contract's, see catalog-types.ts). */
export const NUMBER_BOUNDS: Record<string, { min: number; max: number }> = {
  port: { min: 1, max: 65535 },
  maxRecords: { min: 1, max: 500 },
  timeoutSeconds: { min: 1, max: 300 },
};

/**
 * Checks the draft with the contract's schema: the request to send, or the problems by field (none
 * sent then). The schema decides; the form adds only what it alone knows (parameter rows, a
 * template a prefix needs).
 */
export function checkDraft(draft: SourceDraft): { request: DraftRequest | null; problems: FieldProblems } {
  const problems: FieldProblems = {};
  const common = {
    name: draft.name,
    format: draft.format,
    queries: templatesOf(draft, problems),
    maxRecords: draft.maxRecords,
    timeoutSeconds: draft.timeoutSeconds,
  };
  const source: CatalogSourceInput =
    draft.protocol === 'sru'
      ? {
          ...common,
          protocol: 'sru',
          url: draft.url.trim(),
          version: draft.version,
          recordSchema: draft.recordSchema,
          extraParams: paramsOf(draft.extraParams, problems),
        }
      : {
          ...common,
          protocol: 'z3950',
          host: draft.host,
          port: draft.port,
          database: draft.database,
          syntax: draft.syntax,
          elementSet: draft.elementSet,
          charset: draft.charset,
          termCharset: draft.termCharset,
        };
  const parsed = CatalogSource.safeParse(source);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path);
      if (problems[field]) continue;
      const problem = problemOf(issue as Parameters<typeof problemOf>[0]);
      const bounds = NUMBER_BOUNDS[field];
      problems[field] = problem.kind === 'range' && bounds ? { ...problem, ...bounds } : problem;
    }
  }
  if (Object.keys(problems).length > 0) return { request: null, problems };
  const credentials = credentialsOf(draft);
  return { request: credentials === undefined ? { source } : { source, credentials }, problems };
}

/** Where a saved source is: its URL, or `host:port/database`. */
export function addressOf(source: CatalogSource): string {
  return source.protocol === 'sru' ? source.url : `${source.host}:${source.port}/${source.database}`;
}

/** The names in the order they would be after moving one up (-1) or down (+1); null at an end. */
export function movedNames(names: readonly string[], name: string, step: -1 | 1): string[] | null {
  const from = names.indexOf(name);
  const to = from + step;
  if (from < 0 || to < 0 || to >= names.length) return null;
  const next = [...names];
  [next[from], next[to]] = [next[to] as string, next[from] as string];
  return next;
}
