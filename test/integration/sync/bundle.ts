import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');

/** `import sql from './x.sql?raw'`, as scripts/build-node.mjs and Vite inline it. */
const rawText: Plugin = {
  name: 'raw-text',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: path.resolve(args.resolveDir, args.path.replace(/\?raw$/, '')),
      namespace: 'raw-text',
    }));
    b.onLoad({ filter: /.*/, namespace: 'raw-text' }, (args) => ({
      contents: fs.readFileSync(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

/**
 * Bundles a child-process entry (TypeScript, the station's sources) into one CommonJS file in a
 * temp folder, so a test can run it with plain `node` and kill it. Packages stay external and are
 * found through NODE_PATH (see `childEnv`).
 */
export async function bundleChild(entry: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-child-'));
  const outfile = path.join(dir, `${path.basename(entry, '.ts')}.cjs`);
  await build({
    entryPoints: [path.resolve(HERE, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    plugins: [rawText],
    logLevel: 'warning',
  });
  return outfile;
}

/** The environment a bundled child needs to find the repository's node_modules. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), ...extra };
}
