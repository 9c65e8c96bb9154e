import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { rawText } from '../../scripts/raw-text-plugin.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Inside node_modules so the bundles' `require('sharp')` and `require('better-sqlite3')` resolve. */
const OUT_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'bitig-test');

const built = new Map<string, Promise<string>>();

/**
 * Bundles a TypeScript entry to CommonJS the way the app's build does, because worker threads and
 * child processes run plain JavaScript. Test files run in parallel processes: each writes under
 * its own name and renames, so none reads a half-written bundle.
 */
export function bundle(entry: string, name: string): Promise<string> {
  let result = built.get(name);
  if (!result) {
    result = (async () => {
      fs.mkdirSync(OUT_DIR, { recursive: true });
      const outfile = path.join(OUT_DIR, `${name}.cjs`);
      const temp = `${outfile}.${process.pid}.tmp`;
      await build({
        entryPoints: [path.join(REPO_ROOT, entry)],
        outfile: temp,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        packages: 'external',
        plugins: [rawText],
        logLevel: 'warning',
      });
      fs.renameSync(temp, outfile);
      return outfile;
    })();
    built.set(name, result);
  }
  return result;
}

/**
 * The environment a bundled child process needs. The bundles sit inside node_modules, so packages
 * resolve by themselves; NODE_PATH also covers a child started from elsewhere.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules'), ...extra };
}

/** The pipeline worker, built from source as `dist/digitization/pipeline-worker.cjs` is. */
export function pipelineWorker(): Promise<string> {
  return bundle('electron/station/digitization/pipeline/worker.ts', 'pipeline-worker');
}

/** The SIP2 thread, built from source as `dist/sip2/sip2-thread.cjs` is. */
export function sip2Thread(): Promise<string> {
  return bundle('electron/station/sip2/thread/sip2-thread.ts', 'sip2-thread');
}

/** What a run of the bundled CLI printed, and how it ended. */
export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

/** Runs a bundled CLI in a child process, as a user would, with `stdin` piped in. */
export function runBundled(cli: string, args: string[], stdin = ''): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: childEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.stderr.on('data', (c) => {
      err += c;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out, err }));
    child.stdin.end(stdin);
  });
}
