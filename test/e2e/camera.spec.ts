import config from '../../playwright.config.js';
import { TID } from '../../renderer/src/testids.js';
import { openOperator, snap } from './helpers.js';
import { test as base, expect, type RunningStation, startStation } from './web-host.js';

/**
 * A document camera on the scanning station (`bitig serve --role station --demo`), played by
 * Chromium's fake camera: a new job, Camera as the source, three photos taken with the button and
 * the foot pedal's key, three pages with thumbnails.
 */

const baseArgs = config.use?.launchOptions?.args ?? [];

const test = base.extend<{ scanStation: RunningStation }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take a destructuring first argument.
  scanStation: async ({}, use) => {
    const station = await startStation(['--role', 'station', '--demo']);
    await use(station);
    await station.stop();
  },
});

// Chromium's fake camera and an automatic yes to the camera prompt, for this file only.
test.use({
  launchOptions: {
    executablePath: process.env.BITIG_CHROMIUM ?? '/usr/bin/chromium',
    args: [...baseArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
});

const ITEM = '3100042';

test('a book photographed with a document camera: three photos, three pages', async ({
  page,
  scanStation,
}, testInfo) => {
  test.setTimeout(90_000);
  await openOperator(page, scanStation.url);

  await page.getByTestId(TID.jobsNew).click();
  await expect(page.getByTestId(TID.newJobBarcode)).toBeFocused();
  await page.getByTestId(TID.newJobBarcode).pressSequentially(ITEM);
  await page.keyboard.press('Enter');
  // The demo catalogue does not know this barcode: the job is made without a record.
  await expect(page.getByTestId(TID.newJobNotFound)).toBeVisible();
  await page.getByTestId(TID.newJobCreate).click();
  await expect(page.getByTestId(TID.captureScreen)).toBeVisible();
  await expect(page.getByTestId(TID.jobHeader)).toContainText(ITEM);

  // Camera: the live picture plays at the camera's resolution.
  await page.getByTestId(TID.captureSourceCamera).click();
  await expect(page.getByTestId(TID.captureSourceCamera)).toHaveAttribute('aria-pressed', 'true');
  const preview = page.getByTestId(TID.cameraPreview);
  await expect(preview).toHaveAttribute('data-status', 'live');
  await expect
    .poll(() => preview.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 15_000 })
    .toBeGreaterThan(0);
  await expect(page.getByTestId(TID.captureScan)).toHaveCount(0);
  const take = page.getByTestId(TID.cameraTake);
  await expect(take).toBeEnabled();
  await snap(page, testInfo, '01-camera-live');

  // Two photos with the button, the third with the pedal's PageDown.
  const thumbs = page.getByTestId(TID.pageThumb);
  await take.click();
  await expect(thumbs).toHaveCount(1, { timeout: 15_000 });
  await expect(take).toBeEnabled();
  await take.click();
  await expect(thumbs).toHaveCount(2, { timeout: 15_000 });
  await expect(take).toBeEnabled();
  await page.keyboard.press('PageDown');
  await expect(thumbs).toHaveCount(3, { timeout: 15_000 });
  await expect(page.getByTestId(TID.captureCount)).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId(TID.pageThumbImage)).toHaveCount(3, { timeout: 30_000 });
  await expect(page.getByTestId(TID.cameraError)).toHaveCount(0);
  await expect(page.getByTestId(TID.cameraPhotoError)).toHaveCount(0);
  await snap(page, testInfo, '02-camera-three-pages');

  // Leaving for review stops the camera; the job has the three pages.
  await page.getByTestId(TID.captureReview).click();
  await expect(page.getByTestId(TID.reviewScreen)).toBeVisible();
  await expect(thumbs).toHaveCount(3);
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('video').length)).toBe(0);
  await snap(page, testInfo, '03-review');
});
