import fs from 'node:fs';
import path from 'node:path';

/**
 * The built SIP2 thread under the app's root (`npm run build` writes `dist/sip2/sip2-thread.cjs`),
 * or null when the code runs from source without a build: the replay then talks SIP2 on the
 * engine's own thread, slower when the library system answers fast, otherwise the same.
 */
export function sip2ThreadFile(root: string): string | null {
  const file = path.join(root, 'dist', 'sip2', 'sip2-thread.cjs');
  return fs.existsSync(file) ? file : null;
}
