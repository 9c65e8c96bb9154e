// Bundles the Node side (Electron main, preload, the `bitig` command) into CommonJS files in dist/.
// Dependencies stay external: they are installed beside the app (and packaged by electron-builder).
import { build } from 'esbuild';
import { rawText } from './raw-text-plugin.mjs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  packages: 'external',
  plugins: [rawText],
  logLevel: 'warning',
};

await Promise.all([
  build({
    ...common,
    entryPoints: {
      'cli/bitig': 'electron/station/cli/bitig.ts',
      // The image pipeline's worker threads load this file (digitization/pipeline/).
      'digitization/pipeline-worker': 'electron/station/digitization/pipeline/worker.ts',
      // The SIP2 replay's connections run on threads of their own (sip2/thread/).
      'sip2/sip2-thread': 'electron/station/sip2/thread/sip2-thread.ts',
    },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
  }),
  build({
    ...common,
    entryPoints: { 'main/main': 'electron/main/main.ts', 'main/preload': 'electron/main/preload.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    external: ['electron'],
  }),
]);
