#!/usr/bin/env node
/**
 * Builds better-sqlite3 for Electron's ABI into build/electron-native/better_sqlite3.node.
 *
 * Why: better-sqlite3 is a classic V8 addon, not N-API, so one binary loads in exactly one runtime.
 * node_modules/better-sqlite3/build holds the Node build that the tests and the web host use; Electron
 * needs its own, built against Electron's headers. We build it in a temporary copy of the package so
 * the Node build is never touched, and electron-builder ships the result as resources/native/
 * (see extraResources in electron-builder.yml), where electron/main/open-station.ts finds it and
 * hands it to the store as better-sqlite3's `nativeBinding`.
 *
 * Usage: node scripts/build-electron-sqlite.mjs [--arch=x64|arm64|ia32]
 * Offline: BITIG_ELECTRON_HEADERS=/path/to/node-v<electron>-headers.tar.gz uses a local headers
 * tarball; BITIG_ELECTRON_HEADERS_URL points node-gyp at a mirror of https://electronjs.org/headers.
 *
 * Fails with one line saying why, and exit status 1.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'build', 'electron-native');
const outFile = path.join(outDir, 'better_sqlite3.node');
const DEFAULT_HEADERS_URL = 'https://electronjs.org/headers';

function fail(message) {
  console.error(`build-electron-sqlite: ${message}`);
  process.exit(1);
}

function readJson(file, what) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return fail(`cannot read ${what} (${path.relative(root, file)}); run npm install first.`);
  }
}

/** The node-gyp that ships with npm, else the project's own copy. */
function findNodeGyp() {
  const execDir = path.dirname(process.execPath);
  const candidates = [
    path.join(execDir, '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'), // Unix
    path.join(execDir, 'node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'), // Windows
  ];
  try {
    candidates.push(createRequire(path.join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not installed locally; npm's copy may still be there
  }
  return candidates.find((file) => fs.existsSync(file)) ?? null;
}

const electronVersion = readJson(path.join(root, 'node_modules/electron/package.json'), 'Electron').version;
const sourceDir = path.join(root, 'node_modules/better-sqlite3');
const sqliteVersion = readJson(path.join(sourceDir, 'package.json'), 'better-sqlite3').version;
const arch = process.argv.find((a) => a.startsWith('--arch='))?.slice('--arch='.length) ?? process.arch;
const nodeGyp =
  findNodeGyp() ?? fail('node-gyp not found (neither npm’s bundled copy nor node_modules/node-gyp).');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-electron-sqlite-'));
const pkgCopy = path.join(work, 'better-sqlite3');
const logFile = path.join(work, 'node-gyp.log');
// The copy leaves out the Node build: nothing of it may leak into the Electron one.
fs.cpSync(sourceDir, pkgCopy, {
  recursive: true,
  filter: (src) => path.relative(sourceDir, src).split(path.sep)[0] !== 'build',
});

// Under `npm run`, npm exports its config as npm_config_* variables. A `nodedir` there (common on
// machines with distro Node headers) would silently build against NODE's headers; target, runtime
// and dist-url would override ours. Drop them all and pass what we mean on the command line.
const env = { ...process.env };
for (const key of Object.keys(env)) {
  if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|tarball|devdir)$/i.test(key)) {
    delete env[key];
  }
}

const headersUrl = process.env.BITIG_ELECTRON_HEADERS_URL || DEFAULT_HEADERS_URL;
const args = [
  nodeGyp,
  'rebuild',
  '--release',
  `--target=${electronVersion}`,
  '--runtime=electron',
  `--arch=${arch}`,
  `--dist-url=${headersUrl}`,
  '--jobs=max',
];
if (process.env.BITIG_ELECTRON_HEADERS)
  args.push(`--tarball=${path.resolve(process.env.BITIG_ELECTRON_HEADERS)}`);

console.log(
  `build-electron-sqlite: better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${arch}) in ${work}`,
);
const run = spawnSync(process.execPath, args, {
  cwd: pkgCopy,
  env,
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
});
fs.writeFileSync(logFile, `${run.stdout ?? ''}\n${run.stderr ?? ''}`);

if (run.error) fail(`could not run node-gyp: ${run.error.message}`);
if (run.status !== 0) {
  // Keep the log, not the 10 MB copy of the sources.
  fs.rmSync(pkgCopy, { recursive: true, force: true });
  const log = `${run.stdout}\n${run.stderr}`;
  if (
    /network connectivity|install got an error|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo|fetch failed/i.test(
      log,
    )
  ) {
    fail(
      `cannot download the Electron ${electronVersion} headers from ${headersUrl} (no network?); ` +
        `set BITIG_ELECTRON_HEADERS to a local headers tarball. Log: ${logFile}`,
    );
  }
  if (
    /Could not find any Python|not found: (make|g\+\+|cc)|Could not find any Visual Studio|No Xcode/i.test(
      log,
    )
  ) {
    fail(`node-gyp could not compile: a C++ toolchain and Python are needed. Log: ${logFile}`);
  }
  fail(`node-gyp failed with status ${run.status}. Log: ${logFile}`);
}

const built = path.join(pkgCopy, 'build', 'Release', 'better_sqlite3.node');
if (!fs.existsSync(built))
  fail(`node-gyp succeeded but produced no ${path.relative(work, built)}. Log: ${logFile}`);

// A binary that loads in this Node was built against Node's headers, not Electron's.
if (arch === process.arch) {
  let loadedInNode = false;
  try {
    process.dlopen({ exports: {} }, built);
    loadedInNode = true;
  } catch {
    // expected: Electron's NODE_MODULE_VERSION differs from Node's
  }
  if (loadedInNode)
    fail(`the result loads in Node ${process.version}: it was built for Node's ABI, not Electron's.`);
}

fs.mkdirSync(outDir, { recursive: true });
fs.copyFileSync(built, outFile);
fs.rmSync(work, { recursive: true, force: true });
console.log(`build-electron-sqlite: wrote ${path.relative(root, outFile)}`);
