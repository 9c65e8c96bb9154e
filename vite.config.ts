import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The renderer build. Root is renderer/; the output goes to dist/renderer, which Electron serves over
 * app:// and the web host over HTTP, both with a strict CSP (no inline scripts or styles, fonts from
 * 'self' only), so nothing may be inlined as a data: URL except images.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  // The renderer reaches the core only through the contract, by this one name.
  resolve: { alias: { '@contract': `${repoRoot}electron/station/contract` } },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // font-src is 'self' only: fonts must be files, never data: URLs.
    assetsInlineLimit: (file) => (/\.(ttf|otf|woff2?)$/i.test(file) ? false : undefined),
    sourcemap: true,
  },
  server: {
    // The renderer imports the contract from electron/station and fonts from resources/.
    fs: { allow: [repoRoot] },
  },
  // Vitest reads this file when there is no vitest.config.*: keep tests rooted at the repository,
  // not at renderer/.
  test: {
    root: repoRoot,
  },
});
