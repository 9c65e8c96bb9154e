import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImagePipeline } from '../../../electron/station/digitization/pipeline/pipeline.js';
import { DigitizationService } from '../../../electron/station/digitization/service.js';
import { openStore } from '../../../electron/station/store/db.js';
import { bundle, pipelineWorker } from '../../helpers/bundle.js';
import { openHarness, PROFILE } from './helpers/harness.js';
import { qcPages } from './helpers/images.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-crash-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

interface Acknowledged {
  id: number;
  sha256: string;
  path: string;
}

/** Runs the capturing child and SIGKILLs it once `killAfter` pages were acknowledged. */
function captureUntilKilled(args: string[], killAfter: number): Promise<Acknowledged[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const acknowledged: Acknowledged[] = [];
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line.startsWith('{')) acknowledged.push(JSON.parse(line) as Acknowledged);
        if (acknowledged.length === killAfter) child.kill('SIGKILL');
        newline = buffered.indexOf('\n');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acknowledged);
      else reject(new Error(`the capturing station ended by itself (${code}): ${stderr}`));
    });
  });
}

describe('crash during a feeder batch', () => {
  it('after SIGKILL every recorded page has its master with the recorded sha256, the database is sound, and missing derivatives are made at restart', async () => {
    // A4 pages at 300 dpi: storing one takes a fraction of making its derivatives, so thumbnails
    // fall behind the feeder as they do on a real station.
    const set = await qcPages();
    const imagesDir = path.join(dir, 'images');
    fs.mkdirSync(imagesDir);
    for (const [i, png] of Object.values(set).entries())
      fs.writeFileSync(path.join(imagesDir, `${i}.png`), png);
    const dataDir = path.join(dir, 'station');
    const setup = openStore({ dataDir });
    const workerFile = await pipelineWorker();
    const creator = new DigitizationService({
      db: setup.db,
      dataDir,
      pipeline: new ImagePipeline({ workerFile }),
    });
    const jobId = creator.createJob({ itemBarcode: '31000000077777', profile: PROFILE }).id;
    await creator.close();
    setup.close();

    const child = await bundle('test/integration/digitization/fixtures/capture-child.ts', 'capture-child');
    const acknowledged = await captureUntilKilled(
      [child, dataDir, workerFile, String(jobId), imagesDir, '60'],
      12,
    );
    expect(acknowledged).toHaveLength(12);

    // Restart: the database first, as it was left.
    const store = openStore({ dataDir });
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = store.db
      .prepare(
        `SELECT p.id, p.sequence, m.path, m.sha256, m.bytes, m.derived_at FROM digitization_pages p
         JOIN digitization_masters m ON m.id = p.master_id WHERE p.job_id = ? ORDER BY p.sequence`,
      )
      .all(jobId) as {
      id: number;
      sequence: number;
      path: string;
      sha256: string;
      bytes: number;
      derived_at: string | null;
    }[];
    store.close();

    // Every page shown before the kill is there, and every recorded page's master is intact.
    expect(rows.length).toBeGreaterThanOrEqual(acknowledged.length);
    for (const ack of acknowledged)
      expect(rows.find((r) => r.id === ack.id)).toMatchObject({ sha256: ack.sha256, path: ack.path });
    for (const row of rows) {
      const file = path.join(dataDir, row.path);
      expect(fs.statSync(file).size).toBe(row.bytes);
      expect(sha256(file)).toBe(row.sha256);
    }
    expect(rows.map((r) => r.sequence)).toEqual(rows.map((_, i) => i + 1));
    const missing = rows.filter((r) => r.derived_at === null).length;
    expect(missing).toBeGreaterThan(0);
    console.log(
      `killed after ${acknowledged.length} acknowledged pages: ${rows.length} rows, ${missing} without derivatives`,
    );

    // The station starts again: derivatives are made for every page, and the job goes on.
    const h = await openHarness({ dir: dataDir });
    try {
      const report = await h.service.recover();
      expect(report.derivativesScheduled).toBe(missing);
      await h.service.idle();
      const job = h.service.getJob(jobId);
      expect(job.pages).toHaveLength(rows.length);
      for (const page of job.pages) {
        expect(page.derivatives).toBe('ready');
        expect(fs.existsSync(path.join(dataDir, page.view!.path))).toBe(true);
        expect(fs.existsSync(path.join(dataDir, page.thumb!.path))).toBe(true);
        expect(page.qc).not.toBeNull();
      }
      const next = await h.service.addCapturedPage(jobId, { data: set.clean });
      expect(next.sequence).toBe(rows.length + 1);
      expect(sha256(path.join(dataDir, next.master.path))).toBe(next.master.sha256);
      const leftovers = fs
        .readdirSync(path.join(dataDir, 'jobs', String(jobId), 'master'))
        .filter((name) => name.endsWith('.tmp'));
      expect(leftovers).toEqual([]);
    } finally {
      await h.stop();
    }
  });
});
