// The esbuild plugin the app's build (build-node.mjs) and the tests' bundles (test/helpers/bundle.ts)
// share, so a test runs the code exactly as the build makes it.
import fs from 'node:fs';
import path from 'node:path';

/**
 * `import sql from './x.sql?raw'` inlines the file as a string, as Vite and Vitest do.
 * @type {import('esbuild').Plugin}
 */
export const rawText = {
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
