#!/usr/bin/env node
// The house's import rules as a check: `npm run lint` runs it, so a breach fails CI. Each folder's
// README states the same rule in words; this file is where it is enforced. Rules name folders, not
// files: a file's folder says what it may use.
//
//   node scripts/check-layers.mjs [root]     exit 0 when clean, 1 with one line per breach
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = /\.(ts|tsx|mts|cts|mjs|js)$/;
const SKIP = new Set(['node_modules', 'dist', 'release', 'build', 'test-results', '.git']);
// `import … from 'x'`, `export … from 'x'`, `import 'x'`, `import('x')`, `require('x')`.
const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\sfrom\s+)?['"]([^'"]+)['"]|(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/gm;

const STATION = 'electron/station/';
/** The contract: what the renderer and the sandboxed preload may see of the core. */
const CONTRACT = `${STATION}contract/`;
const isContract = (file) => file.startsWith(CONTRACT);
/** Root files of the core every room may use: leaves (npm packages and the contract at most). */
const CORE_UTILITIES = [`${STATION}errors.ts`, `${STATION}time-zone.ts`, `${STATION}version.ts`];
const DOMAINS = [
  'circulation',
  'digitization',
  'devices',
  'catalog',
  'packages',
  'sip2',
  'sync',
  'web',
  'cli',
].map((room) => `${STATION}${room}/`);

/**
 * The rules: `from` says which files a rule is about; `deny(target)` gives the reason an import of
 * `target` (a repository path, or a package name) breaks it, or null.
 */
export const RULES = [
  {
    name: 'electron only in electron/main',
    from: (f) => !f.startsWith('electron/main/'),
    deny: (t) => (t === 'pkg:electron' || t.startsWith('pkg:electron/') ? 'imports electron' : null),
  },
  {
    name: 'nothing imports electron/main',
    from: (f) => !f.startsWith('electron/main/') && !f.startsWith('test/'),
    deny: (t) => (t.startsWith('electron/main/') ? 'imports the desktop host' : null),
  },
  {
    name: 'the sandboxed preload sees only electron and the bare names',
    from: (f) => f === 'electron/main/preload.ts',
    // Types are erased at build: only what runs in the sandbox counts.
    typesAllowed: true,
    deny: (t) =>
      t === 'pkg:electron' || t === `${CONTRACT}names.ts` ? null : `imports ${t.replace(/^pkg:/, '')}`,
  },
  {
    name: 'the CLI never imports the screens',
    from: (f) => f.startsWith(`${STATION}cli/`),
    deny: (t) => (t.startsWith('renderer/') ? 'imports the renderer' : null),
  },
  {
    name: 'the core never imports the screens or the CLI',
    from: (f) => f.startsWith(STATION) && !f.startsWith(`${STATION}cli/`),
    deny: (t) =>
      t.startsWith('renderer/')
        ? 'imports the renderer'
        : t.startsWith(`${STATION}cli/`)
          ? 'imports the CLI'
          : null,
  },
  {
    name: 'the contract imports only zod and itself',
    from: isContract,
    deny: (t) => (t === 'pkg:zod' || isContract(t) ? null : `imports ${t}`),
  },
  {
    name: 'the renderer sees the core only through the contract',
    from: (f) => f.startsWith('renderer/'),
    deny: (t) =>
      t.startsWith('electron/') && !isContract(t)
        ? 'imports the core beyond the contract'
        : t.startsWith('pkg:node:') || NODE_BUILTINS.has(t.slice(4).split('/')[0])
          ? 'imports Node'
          : null,
  },
  {
    name: 'store/ imports no room',
    from: (f) => f.startsWith(`${STATION}store/`),
    deny: (t) => (DOMAINS.some((d) => t.startsWith(d)) ? 'imports a room' : null),
  },
  {
    name: 'sync/ knows no domain',
    from: (f) => f.startsWith(`${STATION}sync/`),
    deny: (t) =>
      DOMAINS.some((d) => t.startsWith(d) && !t.startsWith(`${STATION}sync/`)) ? 'imports a room' : null,
  },
  {
    name: 'sip2/ is a protocol library: no other room',
    from: (f) => f.startsWith(`${STATION}sip2/`),
    deny: (t) =>
      t.startsWith(STATION) &&
      !t.startsWith(`${STATION}sip2/`) &&
      !CORE_UTILITIES.includes(t) &&
      !isContract(t) &&
      !isResource(t)
        ? 'imports the core'
        : null,
  },
  {
    name: 'packages/ writes formats from plain inputs: no other room',
    from: (f) => f.startsWith(`${STATION}packages/`),
    deny: (t) =>
      t.startsWith(STATION) &&
      !t.startsWith(`${STATION}packages/`) &&
      !CORE_UTILITIES.includes(t) &&
      !isContract(t) &&
      !t.startsWith(`${STATION}store/durable-file`)
        ? 'imports the core'
        : null,
  },
  {
    name: 'devices/ knows no kiosk, digitization or sync',
    from: (f) => f.startsWith(`${STATION}devices/`),
    deny: (t) =>
      [`${STATION}circulation/`, `${STATION}digitization/`, `${STATION}sync/`, `${STATION}catalog/`].some(
        (d) => t.startsWith(d),
      )
        ? 'imports a room above it'
        : null,
  },
  {
    name: 'circulation/ and digitization/ do not import each other, nor the web host',
    from: (f) => f.startsWith(`${STATION}circulation/`) || f.startsWith(`${STATION}digitization/`),
    deny: (t, f) => {
      if (t.startsWith(`${STATION}web/`)) return 'imports a room above it';
      const other = f.startsWith(`${STATION}circulation/`) ? 'digitization' : 'circulation';
      return t.startsWith(`${STATION}${other}/`) ? 'imports the other domain' : null;
    },
  },
  {
    name: 'stores do not import screens',
    from: (f) => f.startsWith('renderer/src/stores/'),
    deny: (t) => (t.startsWith('renderer/src/screens/') ? 'imports a screen' : null),
  },
  {
    name: 'ui/ is plain components: no stores, no screens',
    from: (f) => f.startsWith('renderer/src/ui/'),
    deny: (t) =>
      t.startsWith('renderer/src/stores/') || t.startsWith('renderer/src/screens/')
        ? 'imports app state'
        : null,
  },
];

const NODE_BUILTINS = new Set(builtinModules);

function isResource(target) {
  return target.startsWith('resources/');
}

/**
 * What an import names: a repository path (`.js` is written for `.ts`), or `pkg:<name>` for a
 * package or a Node built-in.
 */
function resolveTarget(root, file, specifier) {
  // The renderer's one alias for the contract (vite.config.ts, vitest.config.ts, tsconfig.json).
  if (specifier.startsWith('@contract/')) {
    return path.posix.normalize(`${CONTRACT}${specifier.slice('@contract/'.length).replace(/\.js$/, '.ts')}`);
  }
  if (!specifier.startsWith('.')) return `pkg:${specifier}`;
  const absolute = path.resolve(root, path.dirname(file), specifier);
  const relative = path.relative(root, absolute).split(path.sep).join('/');
  for (const candidate of [relative, relative.replace(/\.js$/, '.ts'), relative.replace(/\.js$/, '.tsx')]) {
    if (fs.existsSync(path.join(root, candidate)) && fs.statSync(path.join(root, candidate)).isFile())
      return candidate;
  }
  for (const ext of ['.ts', '.tsx', '/index.ts']) {
    if (fs.existsSync(path.join(root, relative + ext))) return relative + ext;
  }
  return relative;
}

function* sourceFiles(root, dir) {
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* sourceFiles(root, rel);
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) yield rel;
  }
}

/** Every breach in the tree at `root`: `{ file, target, rule, reason }`. */
export function findBreaches(root, folders = ['electron', 'renderer']) {
  const breaches = [];
  for (const folder of folders) {
    if (!fs.existsSync(path.join(root, folder))) continue;
    for (const file of sourceFiles(root, folder)) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const match of text.matchAll(SPECIFIER)) {
        const specifier = match[1] ?? match[2];
        const target = resolveTarget(root, file, specifier);
        const typeOnly = /\b(?:import|export)\s+type\s/.test(match[0]);
        for (const rule of RULES) {
          if (!rule.from(file) || (typeOnly && rule.typesAllowed)) continue;
          const reason = rule.deny(target, file);
          if (reason) breaches.push({ file, target, rule: rule.name, reason });
        }
      }
    }
  }
  return breaches;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const breaches = findBreaches(root);
  for (const b of breaches) console.error(`${b.file}: ${b.reason} (${b.target}) — rule: ${b.rule}`);
  if (breaches.length > 0) {
    console.error(
      `${breaches.length} import(s) break the layering (scripts/check-layers.mjs; see the folders' READMEs).`,
    );
    process.exit(1);
  }
  console.log('Layers: every import follows the rules.');
}
