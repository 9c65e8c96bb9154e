import fs from 'node:fs';
import path from 'node:path';
import {
  navTestId,
  packageFieldTestId,
  packageFormatTestId,
  packageOcrTestId,
  TID,
} from '../../renderer/src/testids.js';
import { openOperator, snap } from './helpers.js';
import { test as base, expect, type RunningStation, startStation } from './web-host.js';

/**
 * A scanned book packaged in demo mode, in Russian: staff set the library's rights statement on
 * the Settings screen, the operator scans a job with the demo feeder, marks it reviewed, and on
 * the Package step chooses formats and OCR and follows the progress to the package on disk, a bag
 * whose PDF and METS are there, and the PDF opens from the screen.
 */
const STAFF_PIN = '2468';
const ITEM = '3100077';

const test = base.extend<{ scanStation: RunningStation }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take a destructuring first argument.
  scanStation: async ({}, use) => {
    const station = await startStation(['--role', 'station', '--demo'], { staffPin: STAFF_PIN });
    await use(station);
    await station.stop();
  },
});

test('a scanned job is packaged with OCR from the Package step', async ({ page, scanStation }, testInfo) => {
  test.setTimeout(180_000);
  await openOperator(page, scanStation.url, 'ru');

  // Staff: the rights statement every METS and IIIF manifest carries.
  await page.getByTestId(navTestId('settings')).click();
  await page.getByTestId(TID.settingsPin).fill(STAFF_PIN);
  await page.getByTestId(TID.settingsPinSubmit).click();
  const settings = page.getByTestId(TID.packageSettings);
  await expect(settings).toBeVisible();
  await settings.getByTestId(packageFieldTestId('rights.owner')).fill('Национальная библиотека Узбекистана');
  await settings
    .getByTestId(packageFieldTestId('rights.ownerLogo'))
    .fill('https://library.example.uz/logo.png');
  await settings.getByTestId(packageFieldTestId('rights.ownerSiteURL')).fill('https://library.example.uz/');
  await settings
    .getByTestId(packageFieldTestId('rights.ownerContact'))
    .fill('mailto:digital@library.example.uz');
  await settings
    .getByTestId(packageFieldTestId('rights.license'))
    .fill('https://creativecommons.org/publicdomain/mark/1.0/');
  await settings.getByTestId(TID.packageSettingsSave).click();
  await expect(settings.getByTestId(TID.packageSettingsSaved)).toBeVisible();

  // A job scanned with the demo feeder, then reviewed.
  await page.getByTestId(navTestId('jobs')).click();
  await page.getByTestId(TID.jobsNew).click();
  await page.getByTestId(TID.profileDevice).selectOption('demo:feeder');
  await page.getByTestId(TID.newJobBarcode).fill(ITEM);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(TID.newJobNotFound)).toBeVisible();
  await page.getByTestId(TID.newJobCreate).click();
  await expect(page.getByTestId(TID.captureScreen)).toBeVisible();
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId(TID.captureCount)).toHaveAttribute('data-count', '10', { timeout: 60_000 });
  await page.getByTestId(TID.captureReview).click();
  await page.getByTestId(TID.reviewMarkReviewed).click();
  await expect(page.getByTestId(TID.jobState)).toHaveAttribute('data-state', 'reviewed');

  // The Package step: every format, OCR in Russian.
  await page.getByTestId(TID.reviewPackage).click();
  const screen = page.getByTestId(TID.packageScreen);
  await expect(screen).toBeVisible();
  for (const format of ['mets', 'alto', 'pdf', 'iiif', 'bagit']) {
    await expect(screen.getByTestId(packageFormatTestId(format))).toBeChecked();
  }
  await screen.getByTestId(packageOcrTestId('rus')).check();
  await snap(page, testInfo, '01-package-options');
  await screen.getByTestId(TID.packageStart).click();
  await expect(screen.getByTestId(TID.packageProgress)).toBeVisible();
  const result = screen.getByTestId(TID.packageResult);
  await expect(result).toBeVisible({ timeout: 150_000 });
  await expect(page.getByTestId(TID.jobState)).toHaveAttribute('data-state', 'packaged');
  await snap(page, testInfo, '02-packaged');

  // The bag on the station's disk: METS, the PDF, ALTO for every page.
  const relative = (await screen.getByTestId(TID.packagePath).getAttribute('data-path'))!;
  await expect(screen.getByTestId(TID.packagePath)).toContainText(relative);
  const bag = path.join(scanStation.dataDir, relative);
  const data = path.join(bag, 'data');
  expect(fs.readdirSync(bag).sort()).toEqual(
    ['bag-info.txt', 'bagit.txt', 'data', 'manifest-sha256.txt', 'tagmanifest-sha256.txt'].sort(),
  );
  expect(fs.existsSync(path.join(data, 'mets.xml'))).toBe(true);
  expect(fs.readdirSync(path.join(data, 'alto'))).toHaveLength(10);
  const [pdfName] = fs.readdirSync(data).filter((f) => f.endsWith('.pdf'));
  expect(pdfName).toBeDefined();

  // "Open the PDF": a new tab with the package's PDF from the web host (the token travels with it).
  const [tab] = await Promise.all([
    page.waitForEvent('popup'),
    screen.getByTestId(TID.packageOpenPdf).click(),
  ]);
  expect(new URL(tab.url()).pathname).toBe('/packages/1/pdf');
  const served = await page.request.get(tab.url());
  expect(served.headers()['content-type']).toBe('application/pdf');
  expect(Buffer.compare(await served.body(), fs.readFileSync(path.join(data, pdfName!)))).toBe(0);
  // Without the token the web host gives nothing.
  const bare = new URL(tab.url());
  bare.search = '';
  expect((await page.request.get(bare.toString())).status()).toBe(401);
});
