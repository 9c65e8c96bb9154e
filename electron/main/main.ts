/**
 * Entry point of Electron's main process (bundled to dist/main/main.cjs). The composition is in
 * startup.ts, so that tests can import it without starting an app.
 */
import { app } from 'electron';
import { boot } from './startup.js';

boot().catch((err: unknown) => {
  console.error('[bitig] startup failed:', err);
  app.exit(1);
});
