import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * `npm run lint` runs scripts/check-layers.mjs: a file that imports across the house's rules must
 * fail it. Shown here on small trees, so the check is seen to fail, not only to pass.
 */

const CHECK = path.resolve(__dirname, '../../scripts/check-layers.mjs');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-layers-'));
  dirs.push(root);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

function check(root: string) {
  const run = spawnSync(process.execPath, [CHECK, root], { encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

const CLEAN = {
  'electron/main/main.ts':
    "import { app } from 'electron';\nimport { Station } from '../station/station.js';\n",
  'electron/station/station.ts': "import { KioskService } from './circulation/kiosk-service.js';\n",
  'electron/station/contract/index.ts': "import { z } from 'zod';\n",
  'electron/station/circulation/kiosk-service.ts':
    "import type { Settings } from '../contract/index.js';\nimport { SyncEngine } from '../sync/engine.js';\n",
  'electron/station/sync/engine.ts':
    "import Database from 'better-sqlite3';\nimport { OutboxRepo } from '../store/outbox.js';\n",
  'electron/station/store/outbox.ts': "import type { Settings } from '../contract/index.js';\n",
  'renderer/src/stores/kiosk.ts': "import type { Settings } from '@contract/index.js';\n",
  'renderer/src/screens/Kiosk.tsx': "import { useKiosk } from '../stores/kiosk.js';\n",
  'electron/station/contract/names.ts': 'export const METHODS = [];\n',
  'electron/station/cli/program.ts': "import { Station } from '../station.js';\n",
  'electron/main/preload.ts':
    "import { contextBridge } from 'electron';\nimport type { Events } from '../station/contract/index.js';\nimport { METHODS } from '../station/contract/names.js';\n",
};

describe('the layering check', () => {
  it('passes a tree that keeps the rules', () => {
    const run = check(tree(CLEAN));
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
  });

  it.each([
    [
      'electron outside electron/main',
      'electron/station/station.ts',
      "import { app } from 'electron';",
      'imports electron',
    ],
    [
      'the sync engine reaching into the kiosk',
      'electron/station/sync/engine.ts',
      "import { x } from '../circulation/kiosk-service.js';",
      'imports a room',
    ],
    [
      'the store reaching into a room',
      'electron/station/store/outbox.ts',
      "import { x } from '../sync/engine.js';",
      'imports a room',
    ],
    [
      'the core importing the CLI',
      'electron/station/circulation/kiosk-service.ts',
      "import { x } from '../cli/program.js';",
      'imports the CLI',
    ],
    [
      'the contract importing a domain',
      'electron/station/contract/index.ts',
      "import { x } from '../sync/engine.js';",
      'imports electron/station/sync/engine.ts',
    ],
    [
      'a store importing a screen',
      'renderer/src/stores/kiosk.ts',
      "import { x } from '../screens/Kiosk.js';",
      'imports a screen',
    ],
    [
      'the renderer reaching past the contract',
      'renderer/src/screens/Kiosk.tsx',
      "import { x } from '../../../electron/station/store/outbox.js';",
      'imports the core beyond the contract',
    ],
    [
      'the renderer importing Node',
      'renderer/src/screens/Kiosk.tsx',
      "import fs from 'node:fs';",
      'imports Node',
    ],
    [
      'the renderer importing Node without the prefix',
      'renderer/src/screens/Kiosk.tsx',
      "import fs from 'fs';",
      'imports Node',
    ],
    [
      'the renderer reaching past the contract through its alias',
      'renderer/src/stores/kiosk.ts',
      "import { x } from '@contract/../store/outbox.js';",
      'imports the core beyond the contract',
    ],
    [
      'the sandboxed preload loading more than the bare names',
      'electron/main/preload.ts',
      "import { Settings } from '../station/contract/index.js';",
      'imports electron/station/contract/index.ts',
    ],
    [
      'the CLI importing a screen',
      'electron/station/cli/program.ts',
      "import { x } from '../../../renderer/src/screens/Kiosk.js';",
      'imports the renderer',
    ],
  ])('fails on %s, naming the file and the rule', (_what, file, line, reason) => {
    const files = { ...CLEAN, [file]: `${CLEAN[file as keyof typeof CLEAN]}${line}\n` };
    const run = check(tree(files));
    expect(run.code).toBe(1);
    expect(run.err).toContain(`${file}: ${reason}`);
    expect(run.err).toContain('1 import(s) break the layering');
  });

  it('sees dynamic imports and re-exports too', () => {
    const run = check(
      tree({
        ...CLEAN,
        'electron/station/sync/engine.ts':
          "export { x } from '../digitization/service.js';\nconst y = await import('../devices/manager.js');\n",
      }),
    );
    expect(run.code).toBe(1);
    expect(run.err).toContain('2 import(s) break the layering');
  });
});
