import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const contract = fileURLToPath(new URL('./electron/station/contract', import.meta.url));

export default defineConfig({
  // As vite.config.ts: the renderer imports the contract as @contract/….
  resolve: { alias: { '@contract': contract } },
  test: {
    include: ['test/**/*.test.ts', 'electron/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    // Tests never browse mDNS on the machine's network; the discovery tests browse the loopback.
    env: { BITIG_ESCL_DISCOVERY: 'off' },
    testTimeout: 30_000,
    benchmark: { include: ['test/bench/**/*.bench.ts'] },
    hookTimeout: 60_000,
  },
});
