import type { Locator, Page } from '@playwright/test';
import { TID } from '../../renderer/src/testids.js';
import { locale, msg, openOperator, snap } from './helpers.js';
import { test as base, expect, type RunningStation, startStation } from './web-host.js';

/**
 * Cropping pages on the scanning station in demo mode (`bitig serve --role station --demo`): a
 * feeder batch, then in the review screen's viewer a box drawn with the mouse (and adjusted by a
 * handle) and applied with Enter; the grid marks the page and its thumbnail is made again from the
 * box; undo takes it back. A page turned a quarter is cropped by touch, and the crop cleared.
 */

const test = base.extend<{ scanStation: RunningStation }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take a destructuring first argument.
  scanStation: async ({}, use) => {
    const station = await startStation(['--role', 'station', '--demo']);
    await use(station);
    await station.stop();
  },
});

// Touch events (CDP) need a touch screen; the pointer stays a mouse too.
test.use({ hasTouch: true });

const ITEM = '3100017';

interface Crop {
  x: number;
  y: number;
  width: number;
  height: number;
}

function parseCrop(attr: string | null): Crop {
  const [x, y, width, height] = (attr ?? '').split(',').map(Number);
  return { x: x!, y: y!, width: width!, height: height! };
}

/** A thumbnail image's own size, once it has loaded. */
async function natural(img: Locator): Promise<{ width: number; height: number }> {
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0))
    .toBe(true);
  return img.evaluate((el: HTMLImageElement) => ({ width: el.naturalWidth, height: el.naturalHeight }));
}

/** A point of the crop layer, as fractions of it. */
async function at(layer: Locator, fx: number, fy: number): Promise<{ x: number; y: number }> {
  const box = (await layer.boundingBox())!;
  return { x: box.x + box.width * fx, y: box.y + box.height * fy };
}

async function mouseDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

/** A finger dragged across the screen (Chromium turns it into pointer events of type touch). */
async function touchDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
  for (let i = 1; i <= 8; i++) {
    const point = { x: from.x + ((to.x - from.x) * i) / 8, y: from.y + ((to.y - from.y) * i) / 8 };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

const near = (actual: number, expected: number, tolerance = 0.04) =>
  expect(Math.abs(actual - expected), `${actual} ≈ ${expected}`).toBeLessThanOrEqual(tolerance);

test('crop a page in the viewer: draw, adjust, apply, the grid marks it, undo; by touch on a turned page', async ({
  page,
  scanStation,
}, testInfo) => {
  test.setTimeout(120_000);
  const en = locale('en');
  await openOperator(page, scanStation.url);

  // A job and a feeder batch from the demo scanner.
  await page.getByTestId(TID.jobsNew).click();
  await page.getByTestId(TID.profileDevice).selectOption('demo:feeder');
  await page.getByTestId(TID.newJobBarcode).pressSequentially(ITEM);
  await page.keyboard.press('Enter');
  // The demo catalogue does not know this barcode: the job is made without a record.
  await expect(page.getByTestId(TID.newJobNotFound)).toBeVisible();
  await page.getByTestId(TID.newJobCreate).click();
  await expect(page.getByTestId(TID.captureScreen)).toBeVisible();
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId(TID.captureResult)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId(TID.pageThumbImage)).toHaveCount(10, { timeout: 30_000 });
  await page.getByTestId(TID.captureReview).click();
  await expect(page.getByTestId(TID.reviewScreen)).toBeVisible();

  const thumbs = page.getByTestId(TID.pageThumb);
  const first = thumbs.first();
  const firstImage = first.getByTestId(TID.pageThumbImage);
  await expect(first.getByTestId(TID.pageCropMarker)).toHaveCount(0);
  const whole = await natural(firstImage);
  const wholeSrc = await firstImage.getAttribute('src');

  // The viewer: Crop, a box dragged out with the mouse, then its top-left handle pulled inwards.
  await first.click();
  await page.keyboard.press('Enter');
  const viewer = page.getByTestId(TID.pageViewer);
  await expect(viewer).toBeVisible();
  await expect(page.getByTestId(TID.viewerImage)).toBeVisible();
  const cropButton = page.getByTestId(TID.viewerCrop);
  await expect(cropButton).toHaveText(msg(en, 'operator.jobs.review.crop.start'));
  await expect(cropButton).toBeEnabled();
  await cropButton.click();
  const layer = page.getByTestId(TID.viewerCropLayer);
  await expect(layer).toBeVisible();
  await expect(layer).toBeFocused();
  await expect(page.getByTestId(TID.viewerCropHint)).toHaveText(msg(en, 'operator.jobs.review.crop.hint'));
  await expect(page.getByTestId(TID.viewerCropApply)).toBeDisabled();
  await expect(page.getByTestId(TID.viewerCropClear)).toBeDisabled();
  await mouseDrag(page, await at(layer, 0.1, 0.1), await at(layer, 0.6, 0.5));
  const box = page.getByTestId(TID.viewerCropBox);
  await expect(box).toBeVisible();
  const nw = box.locator('[data-grip="nw"]');
  const handle = (await nw.boundingBox())!;
  await mouseDrag(
    page,
    { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 },
    await at(layer, 0.2, 0.2),
  );
  await snap(page, testInfo, '01-crop-drawn', false);

  // Enter applies; the viewer stays, showing the page being made again, then the cropped copy.
  await layer.focus();
  await page.keyboard.press('Enter');
  await expect(layer).toHaveCount(0);
  await expect(first).toHaveAttribute('data-crop', /^\d+,\d+,\d+,\d+$/);
  await expect(page.getByTestId(TID.viewerUpdating)).toHaveCount(0, { timeout: 30_000 });
  await expect(first).toHaveAttribute('data-derivatives', 'ready');
  await snap(page, testInfo, '02-viewer-cropped', false);
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);

  // The box in master pixels is the part drawn: (0.2, 0.2)–(0.6, 0.5) of the page.
  const crop = parseCrop(await first.getAttribute('data-crop'));
  near(crop.x / crop.width, 0.2 / 0.4, 0.05);
  near(crop.y / crop.height, 0.2 / 0.3, 0.05);
  near(crop.width / crop.height, ((0.4 / 0.3) * whole.width) / whole.height, 0.05);

  // The grid marks the page, and its thumbnail is made again from the box (its shape is the box's).
  await expect(first.getByTestId(TID.pageCropMarker)).toHaveText(msg(en, 'operator.jobs.review.crop.marker'));
  await expect(firstImage).not.toHaveAttribute('src', wholeSrc!, { timeout: 30_000 });
  const cropped = await natural(firstImage);
  near(cropped.width / cropped.height, crop.width / crop.height, 0.03);
  expect(Math.max(cropped.width, cropped.height)).toBe(240);
  const cropName = msg(en, 'operator.jobs.review.operation.crop');
  await expect(page.getByTestId(TID.reviewStatus)).toHaveText(
    msg(en, 'operator.jobs.review.done').replace('{operation}', cropName),
  );
  await snap(page, testInfo, '03-grid-cropped');

  // Undo (Ctrl+Z): the crop goes, the whole page's thumbnail comes back.
  await page.getByTestId(TID.pageGrid).focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId(TID.reviewStatus)).toHaveText(
    msg(en, 'operator.jobs.review.undone').replace('{operation}', cropName),
  );
  await expect(first.getByTestId(TID.pageCropMarker)).toHaveCount(0);
  await expect(first).not.toHaveAttribute('data-crop');
  await expect
    .poll(
      async () => {
        const size = await natural(firstImage);
        return Math.abs(size.width / size.height - whole.width / whole.height) < 0.01;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  await snap(page, testInfo, '04-grid-undone');

  // The second page turned a quarter clockwise (R), then cropped by touch and applied by its button.
  const second = thumbs.nth(1);
  await second.click();
  await page.keyboard.press('r');
  await expect(second).toHaveAttribute('data-rotation', '90');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(TID.viewerImage)).toBeVisible();
  await page.getByTestId(TID.viewerCrop).click();
  await expect(layer).toBeVisible();
  await touchDrag(page, await at(layer, 0.1, 0.1), await at(layer, 0.5, 0.5));
  await expect(box).toBeVisible();
  await page.getByTestId(TID.viewerCropApply).click();
  await expect(layer).toHaveCount(0);
  await expect(second).toHaveAttribute('data-crop', /^\d+,\d+,\d+,\d+$/);
  // Turned clockwise, the screen's top-left is the page's bottom-left: (0.1, 0.5)–(0.5, 0.9).
  const turned = parseCrop(await second.getAttribute('data-crop'));
  near(turned.x / turned.width, 0.1 / 0.4, 0.05);
  near(turned.y / turned.height, 0.5 / 0.4, 0.05);
  await expect(page.getByTestId(TID.viewerUpdating)).toHaveCount(0, { timeout: 30_000 });
  await snap(page, testInfo, '05-viewer-turned-cropped', false);

  // Clear crop, from crop mode: the page is whole again.
  await page.getByTestId(TID.viewerCrop).click();
  await expect(page.getByTestId(TID.viewerCropClear)).toBeEnabled();
  await page.getByTestId(TID.viewerCropClear).click();
  await expect(layer).toHaveCount(0);
  await expect(second).not.toHaveAttribute('data-crop');
  await expect(second.getByTestId(TID.pageCropMarker)).toHaveCount(0);

  // Escape leaves crop mode and keeps the viewer; a second Escape closes it.
  await page.getByTestId(TID.viewerCrop).click();
  await expect(layer).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(layer).toHaveCount(0);
  await expect(viewer).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);
});
