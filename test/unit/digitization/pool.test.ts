import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DigitizationError } from '../../../electron/station/digitization/errors.js';
import { WorkerPool } from '../../../electron/station/digitization/pipeline/pool.js';

type Tasks = {
  echo: { input: { value: number; ms?: number }; progress: never; output: number };
  steps: { input: { n: number }; progress: number; output: string };
  fail: { input: { typed: boolean }; progress: never; output: never };
  crash: { input: Record<string, never>; progress: never; output: never };
};

/** A stand-in worker speaking the pipeline's protocol, in plain JavaScript. */
const WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', async ({ id, kind, input }) => {
  const send = (m) => parentPort.postMessage({ id, ...m });
  if (kind === 'echo') {
    await new Promise((r) => setTimeout(r, input.ms ?? 0));
    send({ type: 'done', result: input.value });
  } else if (kind === 'steps') {
    for (let i = 1; i <= input.n; i++) send({ type: 'progress', data: i });
    send({ type: 'done', result: 'ok' });
  } else if (kind === 'fail') {
    send({ type: 'error', error: input.typed
      ? { name: 'DigitizationError', message: 'not an image', reason: 'IMAGE_FORMAT' }
      : { name: 'TypeError', message: 'bad' } });
  } else if (kind === 'crash') {
    process.exit(3);
  }
});
`;

let dir: string;
let workerFile: string;
const pools: WorkerPool<Tasks>[] = [];
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-pool-'));
  workerFile = path.join(dir, 'worker.cjs');
  fs.writeFileSync(workerFile, WORKER);
});
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function pool(size: number): WorkerPool<Tasks> {
  const p = new WorkerPool<Tasks>({ workerFile, size });
  pools.push(p);
  return p;
}

describe('worker pool', () => {
  it('runs tasks on its workers and returns their results', async () => {
    const p = pool(2);
    const results = await Promise.all([1, 2, 3, 4, 5].map((value) => p.run('echo', { value, ms: 5 })));
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(p.pending).toBe(0);
  });

  it('runs high-priority tasks before queued ones', async () => {
    const p = pool(1);
    const finished: number[] = [];
    const track = (value: number, priority: 'high' | 'normal') =>
      p.run('echo', { value, ms: 20 }, { priority }).then((v) => finished.push(v));
    const all = [track(1, 'normal'), track(2, 'normal'), track(3, 'normal'), track(9, 'high')];
    await Promise.all(all);
    // Task 1 was already running when the high-priority task arrived; it went next.
    expect(finished).toEqual([1, 9, 2, 3]);
  });

  it('passes progress to the caller before the result', async () => {
    const seen: number[] = [];
    const result = await pool(1).run('steps', { n: 3 }, { onProgress: (n) => seen.push(n) });
    expect(seen).toEqual([1, 2, 3]);
    expect(result).toBe('ok');
  });

  it('brings typed errors back typed', async () => {
    const p = pool(1);
    const typed = await p.run('fail', { typed: true }).catch((e: unknown) => e);
    expect(typed).toBeInstanceOf(DigitizationError);
    expect((typed as DigitizationError).code).toBe('IMAGE_FORMAT');
    const plain = await p.run('fail', { typed: false }).catch((e: unknown) => e);
    expect(plain).toMatchObject({ name: 'TypeError', message: 'bad' });
  });

  it('fails only the task whose worker died, and carries on with a new worker', async () => {
    const p = pool(1);
    const crashed = p.run('crash', {}).catch((e: Error) => e.message);
    const after = p.run('echo', { value: 7 });
    expect(await crashed).toMatch(/stopped/);
    expect(await after).toBe(7);
  });

  it('when closed fails what is queued and running with PIPELINE_CLOSED, and refuses new tasks', async () => {
    const p = pool(1);
    const running = p.run('echo', { value: 1, ms: 500 }).catch((e: DigitizationError) => e.code);
    const queued = p.run('echo', { value: 2 }).catch((e: DigitizationError) => e.code);
    await new Promise((r) => setTimeout(r, 20));
    await p.close();
    expect(await running).toBe('PIPELINE_CLOSED');
    expect(await queued).toBe('PIPELINE_CLOSED');
    await expect(p.run('echo', { value: 3 })).rejects.toMatchObject({ code: 'PIPELINE_CLOSED' });
  });
});
