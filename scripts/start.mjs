// `npm start`: build what is missing or stale, then run the app. Where Electron's binary is not
// installed (it cannot always be downloaded), `bitig start` says so in one line and runs the web host.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const outputs = ['dist/cli/bitig.cjs', 'dist/main/main.cjs', 'dist/renderer/index.html'].map((f) =>
  path.join(root, f),
);
const sources = ['electron', 'renderer', 'resources', 'package.json', 'vite.config.ts'].map((f) =>
  path.join(root, f),
);

function newest(file) {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(file)
    .reduce((max, name) => Math.max(max, newest(path.join(file, name))), stat.mtimeMs);
}

const built = outputs.every((f) => fs.existsSync(f));
const stale =
  !built ||
  Math.max(...sources.filter(fs.existsSync).map(newest)) >
    Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs));
if (stale) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const run = spawnSync(
  process.execPath,
  [path.join(root, 'bin', 'bitig.cjs'), 'start', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
process.exit(run.status ?? 1);
