import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * Real small disks for the disk-full and read-only tests: tmpfs mounts. They need root, as CI runs
 * (.ci/run); elsewhere the test fails saying so rather than passing unseen. Each test file unmounts
 * what it mounted with `unmountAll()` after each test.
 */
const mounted: string[] = [];

/** Mounts a tmpfs with `options` (`size=4m`, `ro`…) at `at`. */
export function mountTmpfs(at: string, options: string): void {
  fs.mkdirSync(at, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', at], { stdio: 'pipe' });
  } catch (err) {
    const why = String((err as { stderr?: Buffer }).stderr ?? err).trim();
    throw new Error(`This test needs a real small disk, and mount -t tmpfs is not permitted here (${why})`);
  }
  mounted.push(at);
}

export function unmountAll(): void {
  for (const at of mounted.splice(0).reverse()) execFileSync('umount', ['-l', at]);
}
