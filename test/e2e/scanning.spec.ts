import type { Locator } from '@playwright/test';
import { pageOpTestId, profileSourceTestId, qcFilterTestId, TID } from '../../renderer/src/testids.js';
import { locale, msg, openOperator, snap } from './helpers.js';
import { test as base, expect, type RunningStation, startStation } from './web-host.js';

/**
 * The scanning station in demo mode (`bitig serve --role station --demo`, whose scanner is the
 * built-in demo feeder of ten numbered pages): a new job for a book, a feeder batch captured page by
 * page, and review — reorder, delete, rescan, relabel with roman front matter, QC, undo, the viewer.
 */

const test = base.extend<{ scanStation: RunningStation }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take a destructuring first argument.
  scanStation: async ({}, use) => {
    const station = await startStation(['--role', 'station', '--demo']);
    await use(station);
    await station.stop();
  },
});

const ITEM = '3100009';

/** The grid's pages in order, by a data attribute of each thumbnail. */
function pageAttr(thumbs: Locator, name: string): Promise<string[]> {
  return thumbs.evaluateAll((els, attr) => els.map((el) => el.getAttribute(attr) ?? ''), name);
}

test('a book in demo mode: new job, a feeder batch, reorder, delete, rescan, relabel, QC, undo', async ({
  page,
  scanStation,
}, testInfo) => {
  test.setTimeout(120_000);
  const en = locale('en');
  await openOperator(page, scanStation.url);
  await expect(page.getByTestId(TID.jobsEmpty)).toBeVisible();
  await snap(page, testInfo, '01-jobs-empty');

  // New job: the demo feeder is listed first; the profile is ADF, the barcode typed into its field.
  await page.getByTestId(TID.jobsNew).click();
  await expect(page.getByTestId(TID.newJob)).toBeVisible();
  const device = page.getByTestId(TID.profileDevice);
  await expect(device.locator('option').nth(1)).toHaveAttribute('value', 'demo:feeder');
  await device.selectOption('demo:feeder');
  await page.getByTestId(profileSourceTestId('adf')).check();
  await expect(page.getByTestId(TID.newJobBarcode)).toBeFocused();
  await page.getByTestId(TID.newJobBarcode).pressSequentially(ITEM);
  await snap(page, testInfo, '02-new-job');
  await page.keyboard.press('Enter');
  // The demo catalogue does not know this barcode: the job is made without a record.
  await expect(page.getByTestId(TID.newJobNotFound)).toBeVisible();
  await page.getByTestId(TID.newJobCreate).click();

  // Capture: the foot pedal's PageDown starts the feeder; pages arrive one by one.
  const capture = page.getByTestId(TID.captureScreen);
  await expect(capture).toBeVisible();
  await expect(page.getByTestId(TID.jobHeader)).toContainText(ITEM);
  await expect(capture).toContainText(msg(en, 'operator.jobs.capture.idle'));
  await snap(page, testInfo, '03-capture-ready');
  const thumbs = page.getByTestId(TID.pageThumb);
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId(TID.captureResult)).toContainText('Scan finished: 10 pages captured.', {
    timeout: 30_000,
  });
  await expect(page.getByTestId(TID.captureStopped)).toHaveCount(0);
  await expect(page.getByTestId(TID.captureCount)).toHaveAttribute('data-count', '10');
  await expect(thumbs).toHaveCount(10);
  await expect(page.getByTestId(TID.pageThumbImage)).toHaveCount(10, { timeout: 30_000 });
  expect(await pageAttr(thumbs, 'data-sequence')).toEqual([
    '1',
    '2',
    '3',
    '4',
    '5',
    '6',
    '7',
    '8',
    '9',
    '10',
  ]);
  await snap(page, testInfo, '04-capture-done');

  // Review.
  await page.getByTestId(TID.captureReview).click();
  const review = page.getByTestId(TID.reviewScreen);
  await expect(review).toBeVisible();
  await expect(page.getByTestId(TID.jobState)).toHaveAttribute('data-state', 'captured');
  const original = (await pageAttr(thumbs, 'data-page-id')).map(Number);
  expect(original).toHaveLength(10);
  const ids = async () => (await pageAttr(thumbs, 'data-page-id')).map(Number);
  await snap(page, testInfo, '05-review');

  // Reorder by keyboard: page 10 to the front (Alt+Home); then by drag, page 3 before page 2.
  await thumbs.nth(9).click();
  await page.keyboard.press('Alt+Home');
  await expect.poll(ids).toEqual([original[9], ...original.slice(0, 9)]);
  await expect(thumbs.first()).toHaveAttribute('aria-selected', 'true');
  await thumbs.nth(3).dragTo(thumbs.nth(2), { targetPosition: { x: 5, y: 60 } });
  await expect
    .poll(ids)
    .toEqual([original[9], original[0], original[2], original[1], ...original.slice(3, 9)]);
  await page.keyboard.press('Control+z');
  await expect.poll(ids).toEqual([original[9], ...original.slice(0, 9)]);

  // Delete one: the page now second (the first scanned).
  await thumbs.nth(1).click();
  await page.keyboard.press('Delete');
  await expect(thumbs).toHaveCount(9);
  await expect.poll(ids).toEqual([original[9], ...original.slice(1, 9)]);
  expect(await pageAttr(thumbs, 'data-sequence')).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);

  // Rescan the first page: a new master and a new thumbnail, the same page in the same place.
  await thumbs.first().click();
  const before = {
    master: await thumbs.first().getAttribute('data-master-id'),
    src: await thumbs.first().getByTestId(TID.pageThumbImage).getAttribute('src'),
  };
  await page.getByTestId(pageOpTestId('rescan')).click();
  await expect(thumbs.first()).not.toHaveAttribute('data-master-id', before.master!, { timeout: 30_000 });
  await expect(thumbs.first().getByTestId(TID.pageThumbImage)).not.toHaveAttribute('src', before.src!, {
    timeout: 30_000,
  });
  await expect(thumbs.first()).toHaveAttribute('data-page-id', String(original[9]));
  await expect(thumbs.first()).toHaveAttribute('data-sequence', '1');
  expect(await ids()).toEqual([original[9], ...original.slice(1, 9)]);
  await expect(thumbs).toHaveCount(9);
  await snap(page, testInfo, '06-review-rescanned');

  // Relabel a range as front matter: pages 1–3 typed as preface, roman numerals up to page 3.
  await thumbs.nth(0).click();
  await thumbs.nth(2).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId(TID.reviewSelected)).toHaveAttribute('data-count', '3');
  await page.getByTestId(TID.relabelType).selectOption('preface');
  await page.getByTestId(TID.relabelApply).click();
  await expect
    .poll(() => pageAttr(thumbs, 'data-type'))
    .toEqual([...Array(3).fill('preface'), ...Array(6).fill('normal')]);
  await expect(page.getByTestId(TID.numberingFrontMatter)).toHaveText('Front matter ends at page 3');
  await page.getByTestId(TID.numberingFrontMatter).click();
  await expect
    .poll(() => pageAttr(thumbs, 'data-label'))
    .toEqual(['i', 'ii', 'iii', '1', '2', '3', '4', '5', '6']);
  await expect(page.getByTestId(TID.numberingState)).toHaveText(
    'Roman numerals up to page 3, arabic after it.',
  );
  await snap(page, testInfo, '07-review-front-matter');

  // QC: every page is checked; the filter's counts match the pages it shows.
  await expect
    .poll(() => thumbs.evaluateAll((els) => els.every((el) => el.hasAttribute('data-qc'))), {
      timeout: 30_000,
    })
    .toBe(true);
  const qcFlags = (await pageAttr(thumbs, 'data-qc')).map((v) => (v ? v.split(',') : []));
  const flagged = qcFlags.filter((f) => f.length > 0).length;
  await expect(page.getByTestId(qcFilterTestId('all'))).toHaveAttribute('data-count', '9');
  await expect(page.getByTestId(qcFilterTestId('flagged'))).toHaveAttribute('data-count', String(flagged));
  await page.getByTestId(qcFilterTestId('flagged')).click();
  await expect(thumbs).toHaveCount(flagged);
  for (const flag of new Set(qcFlags.flat())) {
    const count = qcFlags.filter((f) => f.includes(flag)).length;
    const button = page.getByTestId(qcFilterTestId(flag));
    await expect(button).toHaveAttribute('data-count', String(count));
    await expect(button).toContainText(msg(en, `operator.jobs.qc.${flag}`));
    await button.click();
    await expect(thumbs).toHaveCount(count);
    await expect(thumbs.first().getByTestId(TID.pageQc)).toContainText(msg(en, `operator.jobs.qc.${flag}`));
  }
  await snap(page, testInfo, '08-review-qc-filter');
  await page.getByTestId(qcFilterTestId('all')).click();
  await expect(thumbs).toHaveCount(9);

  // Undo once (Ctrl+Z): the numbering goes, the preface type stays.
  await page.getByTestId(TID.pageGrid).focus();
  await page.keyboard.press('Control+z');
  await expect.poll(() => pageAttr(thumbs, 'data-label')).toEqual(Array(9).fill(''));
  await expect(page.getByTestId(TID.reviewStatus)).toHaveText('Undone: numbering.');
  expect(await pageAttr(thumbs, 'data-type')).toEqual([
    ...Array(3).fill('preface'),
    ...Array(6).fill('normal'),
  ]);

  // The viewer: Enter opens the focused page, + zooms, Escape returns to the grid.
  await thumbs.first().click();
  await page.keyboard.press('Enter');
  const viewer = page.getByTestId(TID.pageViewer);
  await expect(viewer).toBeVisible();
  await expect(page.getByTestId(TID.viewerImage)).toBeVisible();
  await expect(page.getByTestId(TID.viewerZoom)).toHaveText('100%');
  await page.keyboard.press('+');
  await expect(page.getByTestId(TID.viewerZoom)).toHaveText('150%');
  await page.getByTestId(TID.viewerZoomIn).click();
  await expect(page.getByTestId(TID.viewerZoom)).toHaveText('200%');
  await snap(page, testInfo, '09-viewer', false);
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);
  await expect(page.getByTestId(TID.pageGrid)).toBeFocused();

  // Mark reviewed, back to the list: the job, its state and pages.
  await page.getByTestId(TID.reviewMarkReviewed).click();
  await expect(page.getByTestId(TID.jobState)).toHaveAttribute('data-state', 'reviewed');
  await snap(page, testInfo, '10-review-reviewed');
  await page.getByTestId(TID.jobBack).click();
  const row = page.getByTestId(TID.jobRow);
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-state', 'reviewed');
  await expect(row).toContainText(ITEM);
  await expect(row).toContainText('9 pages');
  await snap(page, testInfo, '11-jobs-list');

  // The same job in Kazakh: the list and review speak it, plurals and all.
  const kk = locale('kk');
  await page.getByTestId(TID.languageBar).getByTestId('lang-kk').click();
  await expect(row).toContainText('9 бет');
  await expect(row).toContainText(msg(kk, 'operator.jobs.state.reviewed'));
  await row.getByRole('button').click();
  await expect(review).toBeVisible();
  await expect(page.getByTestId(qcFilterTestId('all'))).toContainText(msg(kk, 'operator.jobs.review.qc.all'));
  await expect(page.getByTestId(TID.reviewStatus)).toHaveText(msg(kk, 'operator.jobs.review.reviewedNow'));
  await snap(page, testInfo, '12-review-kk');
});
