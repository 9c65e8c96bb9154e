import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './bundle.js';

/**
 * `../shared` (reference, schemas): `BITIG_SHARED_DIR` when set, else beside the repository (as CI
 * clones it), else beside the main checkout when this is a git worktree. Null when none has schemas.
 */
export function sharedDir(): string | null {
  const candidates = [process.env.BITIG_SHARED_DIR, path.resolve(REPO_ROOT, '..', 'shared')];
  try {
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    candidates.push(path.resolve(path.dirname(common), '..', 'shared'));
  } catch {
    // Not a git checkout: the others only.
  }
  return candidates.find((dir) => dir && fs.existsSync(path.join(dir, 'schemas'))) ?? null;
}
