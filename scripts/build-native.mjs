// Builds the SANE binding (native/sane) with node-gyp where libsane's header is installed. Where it
// is not, says in one line that scanners via SANE are unavailable and succeeds: the app runs without
// it (eSCL scanners still work). `--force` rebuilds even when the addon is newer than its sources.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const addonDir = path.join(root, 'native', 'sane');
const output = path.join(addonDir, 'build', 'Release', 'sane.node');
const force = process.argv.includes('--force');

function unavailable(reason) {
  console.log(`Scanners via SANE are unavailable: ${reason}; the rest of Bitig works without them.`);
  process.exit(0);
}

function findSaneHeader() {
  const dirs = [
    process.env.SANE_INCLUDE_DIR,
    '/usr/include',
    '/usr/local/include',
    '/opt/homebrew/include',
    '/opt/local/include',
  ];
  return dirs.filter(Boolean).find((dir) => fs.existsSync(path.join(dir, 'sane', 'sane.h')));
}

function findNodeGyp() {
  const candidates = [];
  try {
    candidates.push(createRequire(path.join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not installed as a package: use the copy bundled with npm
  }
  if (process.env.npm_config_node_gyp) candidates.push(process.env.npm_config_node_gyp);
  const prefix = path.dirname(path.dirname(process.execPath));
  candidates.push(
    path.join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  );
  return candidates.find((c) => fs.existsSync(c));
}

/** Node's own headers when this Node came with them (distribution packages, nvm), so no download. */
function localNodeDir() {
  if (process.env.npm_config_nodedir) return undefined; // npm passes it to node-gyp already
  const prefix = path.dirname(path.dirname(process.execPath));
  return fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined;
}

function upToDate() {
  if (!fs.existsSync(output)) return false;
  const built = fs.statSync(output).mtimeMs;
  const sources = [
    path.join(addonDir, 'binding.gyp'),
    ...fs.readdirSync(path.join(addonDir, 'src')).map((f) => path.join(addonDir, 'src', f)),
  ];
  return sources.every((f) => fs.statSync(f).mtimeMs <= built);
}

if (process.platform === 'win32')
  unavailable('SANE is not used on Windows (WIA/TWAIN there; eSCL works everywhere)');
if (!findSaneHeader()) unavailable("libsane's header sane/sane.h was not found (install libsane-dev)");
if (!force && upToDate()) {
  console.log(`SANE binding up to date: ${path.relative(root, output)}`);
  process.exit(0);
}
const nodeGyp = findNodeGyp();
if (!nodeGyp) unavailable('node-gyp was not found (it comes with npm)');

const nodeDir = localNodeDir();
const args = [nodeGyp, 'rebuild', ...(nodeDir ? [`--nodedir=${nodeDir}`] : [])];
const started = Date.now();
const result = spawnSync(process.execPath, args, { cwd: addonDir, encoding: 'utf8' });
if (result.status !== 0) {
  process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
  console.error(
    `Building the SANE binding failed (node-gyp exit ${result.status ?? result.signal}); see above.`,
  );
  process.exit(1);
}
console.log(
  `SANE binding built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${path.relative(root, output)}`,
);
