import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import IntlMessageFormat from 'intl-messageformat';
import { TID } from '../../renderer/src/testids.js';
import { mountTmpfs, unmountAll } from '../helpers/tmpfs.js';
import { locale, msg, openOperator, snap } from './helpers.js';
import { expect, startStation, test } from './web-host.js';

/**
 * A scanning station whose data folder is on a small disk (a real 64 MiB tmpfs, below the 512 MiB
 * capture keeps free): pressing Scan stops at once with "disk full at <folder>" in the operator's
 * language, feeds no sheet, and the station goes on answering. Mounting needs root, as CI runs
 * (.ci/run).
 */
test('the disk is full: the capture screen says so in Russian, naming the job folder', async ({
  page,
}, testInfo) => {
  const disk = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-e2e-disk-'));
  mountTmpfs(disk, 'size=64m');
  const station = await startStation(['--role', 'station', '--demo', '--data-dir', disk]);
  try {
    const ru = locale('ru');
    await openOperator(page, station.url, 'ru');
    await page.getByTestId(TID.jobsNew).click();
    await page.getByTestId(TID.profileDevice).selectOption('demo:feeder');
    await page.getByTestId(TID.newJobBarcode).pressSequentially('3100009');
    await page.keyboard.press('Enter');
    // The demo catalogue does not know this barcode: the job is made without a record.
    await expect(page.getByTestId(TID.newJobNotFound)).toBeVisible();
    await page.getByTestId(TID.newJobCreate).click();
    await expect(page.getByTestId(TID.captureScreen)).toBeVisible();
    await page.keyboard.press('PageDown');

    const stopped = page.getByTestId(TID.captureStopped);
    await expect(stopped).toHaveAttribute('data-reason', 'DISK_FULL', { timeout: 30_000 });
    const folder = path.join(disk, 'jobs', '1');
    await expect(stopped).toContainText(msg(ru, 'storage.DISK_FULL').replace('{path}', folder));
    // Not "the scanner delivered no pages": the scanner was never asked.
    const noPages = new IntlMessageFormat(msg(ru, 'operator.jobs.capture.done'), 'ru').format({ count: 0 });
    await expect(page.getByTestId(TID.captureResult)).not.toContainText(String(noPages));
    await expect(page.getByTestId(TID.pageThumb)).toHaveCount(0);
    await snap(page, testInfo, 'disk-full-ru');
    expect(fs.existsSync(path.join(folder, 'master'))).toBe(false);
  } finally {
    await station.stop();
    unmountAll();
    fs.rmSync(disk, { recursive: true, force: true });
  }
});
