import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { writeBag } from '../../electron/station/packages/bagit/writer.js';

/**
 * Bagging a book: PAGES page files of 1–2 MB (camera JPEG sizes; random bytes, made once) through
 * `writeBag` (copy + SHA-256 in one read, every file and folder fsynced, renamed when whole), beside
 * the baseline of the same bytes in the same run: `cp -r` then `sha256sum` of the copy (no fsync),
 * and that baseline followed by `sync -f` (the copy on disk too, which the bag's fsyncs pay for).
 * Each round runs the three back to back, so the ratios hold when other work on the machine comes
 * and goes; the median round is printed. Goal: bag ≤ 1.5× cp + sha256sum. BENCH_PAGES=n, BENCH_ROUNDS=n.
 */
const PAGES = Number(process.env.BENCH_PAGES) || 500;
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-bench-bag-'));
const sources = path.join(dir, 'pages');
fs.mkdirSync(sources);
let total = 0;
const files = Array.from({ length: PAGES }, (_, i) => {
  const source = path.join(sources, `${String(i + 1).padStart(8, '0')}.jpg`);
  const size = 1_000_000 + Math.floor(Math.random() * 1_000_000);
  fs.writeFileSync(source, randomBytes(size));
  total += size;
  return { path: `images/${path.basename(source)}`, source };
});
// Flushed now, so the first round does not pay for writing the sources.
execFileSync('sync', ['-f', sources]);

const timings = new Map<string, number[]>();
async function timed(name: string, run: () => unknown): Promise<void> {
  const start = performance.now();
  await run();
  const list = timings.get(name) ?? [];
  list.push(performance.now() - start);
  timings.set(name, list);
}

const baseline = (out: string, sync: boolean) =>
  execFileSync(
    'sh',
    [
      '-c',
      `cp -r "$1" "$2" && cd "$2" && find . -type f -exec sha256sum {} + > /dev/null${sync ? ' && sync -f .' : ''}`,
      'sh',
      sources,
      out,
    ],
    { stdio: 'ignore' },
  );

let round = 0;
describe(`bagging ${PAGES} page files (${(total / 1e6).toFixed(0)} MB)`, () => {
  bench(
    'paired rounds: cp -r + sha256sum, the same + sync, writeBag',
    async () => {
      const n = round++;
      const outs = ['cp', 'cp-sync', 'bag'].map((name) => path.join(dir, `${name}-${n}`));
      await timed('cp', () => baseline(outs[0]!, false));
      await timed('cp+sync', () => baseline(outs[1]!, true));
      await timed('bag', () =>
        writeBag(outs[2]!, files, {
          sourceOrganization: 'Bench library',
          externalIdentifier: `bench-${n}`,
          baggingDate: '2025-01-31',
        }),
      );
      for (const out of outs) fs.rmSync(out, { recursive: true, force: true });
      // Each round starts with the deleted copies' blocks written back, not queued behind it.
      execFileSync('sync', ['-f', dir]);
    },
    { iterations: ROUNDS, time: 0, warmupIterations: 0, warmupTime: 0 },
  );
});

afterAll(() => {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const cp = timings.get('cp') ?? [];
  const cpSync = timings.get('cp+sync') ?? [];
  const bag = timings.get('bag') ?? [];
  const mbps = (ms: number) => `${((total / 1e6 / ms) * 1000).toFixed(0)} MB/s`;
  const lines = [
    `bagging ${PAGES} files, ${(total / 1e6).toFixed(0)} MB, ${os.availableParallelism()} cores (median of ${bag.length} rounds):`,
    `  cp -r + sha256sum          ${median(cp).toFixed(0)} ms  ${mbps(median(cp))}`,
    `  cp -r + sha256sum + sync   ${median(cpSync).toFixed(0)} ms  ${mbps(median(cpSync))}`,
    `  writeBag (fsynced)         ${median(bag).toFixed(0)} ms  ${mbps(median(bag))}`,
    `  ratio per round: ${median(bag.map((b, i) => b / cp[i]!)).toFixed(2)}× cp + sha256sum, ` +
      `${median(bag.map((b, i) => b / cpSync[i]!)).toFixed(2)}× with sync ` +
      `(rounds: ${bag.map((b, i) => (b / cp[i]!).toFixed(2)).join(', ')})`,
    `  load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  ];
  console.log(lines.join('\n'));
  fs.rmSync(dir, { recursive: true, force: true });
});
