import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import sharp from 'sharp';
import {
  actionTestId,
  adminTabTestId,
  deviceTestTestId,
  pinKeyTestId,
  TID,
} from '../../renderer/src/testids.js';
import { locale, msg, snap } from './helpers.js';
import { test as base, expect, type RunningStation, startStation } from './web-host.js';

/**
 * The RFID kiosk in demo mode (`bitig serve --role kiosk --demo`): the demo panel puts the training
 * library's cards and books on a simulated FEIG pad, which the real FEIG driver reads over a socat
 * pseudo-terminal; the demo library answers over SIP2; the receipt goes to the simulated ESC/POS
 * printer, which saves a PNG preview in the data directory.
 */

const test = base.extend<{ kiosk: RunningStation }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take a destructuring first argument.
  kiosk: async ({}, use) => {
    const station = await startStation(['--role', 'kiosk', '--demo'], { staffPin: '2468' });
    await use(station);
    await station.stop();
  },
});

/** From resources/demo/library.json: a reader with no loans, and three books on the shelf. */
const PATRON = { card: '2100007', pin: '7890', name: 'Jumaniyozova Shahzoda' };
const STACK = [
  { id: '3100001', title: 'Oʻtkan kunlar' },
  { id: '3100004', title: 'Sarob' },
  { id: '3100005', title: 'Shum bola' },
];

const byId = (scope: Page | Locator, testId: string, id: string) =>
  scope.locator(`[data-testid="${testId}"][data-id="${id}"]`);

async function openKiosk(page: Page, station: RunningStation, language: string): Promise<void> {
  await page.goto(station.url);
  await expect(page.getByTestId(TID.kioskWelcome)).toBeVisible();
  await page.getByTestId(TID.languageBar).getByTestId(`lang-${language}`).click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  await expect(page.getByTestId(TID.typeCard)).toBeVisible();
}

async function openDemoPanel(page: Page): Promise<Locator> {
  await page.getByTestId(TID.demoPanelToggle).click();
  const panel = page.getByTestId(TID.demoPanel);
  await expect(panel).toBeVisible();
  await expect(byId(panel, TID.demoPlaceCard, PATRON.card)).toBeVisible();
  return panel;
}

test('a card on the pad signs the patron in, a stack of three books is lent with security per book, the receipt prints', async ({
  page,
  kiosk,
}, testInfo) => {
  test.setTimeout(90_000);
  const texts = locale('kk');
  await openKiosk(page, kiosk, 'kk');
  const panel = await openDemoPanel(page);
  await expect(panel).toContainText(msg(texts, 'demo.panel.title'));
  await snap(page, testInfo, '01-demo-panel');

  // The card on the pad: the library system asks for the PIN.
  await byId(panel, TID.demoPlaceCard, PATRON.card).click();
  await expect(panel.getByTestId(TID.demoPadTag)).toHaveCount(1);
  const keypad = page.getByTestId(TID.pinKeypad);
  await expect(keypad).toBeVisible();
  await snap(page, testInfo, '02-card-on-pad-pin');
  for (const digit of PATRON.pin) await keypad.getByTestId(pinKeyTestId(digit)).click();
  await keypad.getByTestId(TID.pinSubmit).click();
  const home = page.getByTestId(TID.sessionHome);
  await expect(home).toContainText(PATRON.name);

  // Borrow: the stack goes on the pad, each book becomes a row and is lent.
  await home.getByTestId(actionTestId('checkout')).click();
  const items = page.getByTestId(TID.itemsScreen);
  await expect(items).toBeVisible();
  for (const book of STACK) await byId(panel, TID.demoPlaceBook, book.id).click();
  for (const book of STACK) {
    const row = items.locator(`[data-testid="${TID.itemRow}"][data-item="${book.id}"]`);
    await expect(row).toHaveAttribute('data-state', 'ok');
    await expect(row).toContainText(book.title);
    await expect(row).toContainText(msg(texts, 'kiosk.row.done.checkout'));
    await expect(row).toContainText('✓');
  }
  await expect(items.getByTestId(TID.itemRow)).toHaveCount(3);
  await expect(items.locator('[data-security-failed]')).toHaveCount(0);
  // Security per book, read from the simulated tags themselves: EAS off, AFI "on loan" (0xC2).
  for (const book of STACK) {
    const tag = byId(panel, TID.demoPadTag, book.id);
    await expect(tag).toHaveAttribute('data-eas', 'false');
    await expect(tag).toHaveAttribute('data-afi', String(0xc2));
    await expect(tag).toContainText(msg(texts, 'demo.panel.unsecured'));
  }
  await panel.getByTestId(TID.demoPadTag).first().scrollIntoViewIfNeeded();
  await snap(page, testInfo, '03-stack-lent');

  // Finish: the receipt on screen, and on the receipt printer (its PNG preview in the data dir).
  await panel.getByTestId(TID.demoPanelClose).click();
  await expect(page.getByTestId(TID.demoPanel)).toHaveCount(0);
  await page.getByTestId(TID.finishButton).click();
  const receipt = page.getByTestId(TID.receipt);
  await expect(receipt).toBeVisible();
  for (const book of STACK) await expect(receipt).toContainText(book.title);
  await snap(page, testInfo, '04-finish-receipt');

  const preview = path.join(kiosk.dataDir, 'demo-printer', 'receipt-0001.png');
  await expect.poll(() => fs.existsSync(preview), { timeout: 20_000 }).toBe(true);
  await expect.poll(() => fs.statSync(preview).size, { timeout: 5_000 }).toBeGreaterThan(1000);
  const { data, info } = await sharp(preview).greyscale().raw().toBuffer({ resolveWithObject: true });
  let dark = 0;
  for (const v of data) if (v < 128) dark += 1;
  expect(info.width).toBe(576);
  expect(dark).toBeGreaterThan(5000);
  await testInfo.attach('05-printed-receipt', { path: preview, contentType: 'image/png' });
});

test('staff see the simulated devices live on the admin screen, read the pad, beep and print a test receipt', async ({
  page,
  kiosk,
}, testInfo) => {
  test.setTimeout(60_000);
  const texts = locale('ru');
  await openKiosk(page, kiosk, 'ru');
  const panel = await openDemoPanel(page);
  await byId(panel, TID.demoPlaceBook, '3100030').click();
  await expect(panel.getByTestId(TID.demoPadTag)).toHaveCount(1);
  await panel.getByTestId(TID.demoPanelClose).click();

  await page.keyboard.press('Control+Alt+KeyA');
  const admin = page.getByTestId(TID.adminScreen);
  const staffPin = admin.getByTestId(TID.staffPin);
  await expect(staffPin).toHaveAttribute('data-phase', 'pin');
  for (const digit of '2468') await staffPin.getByTestId(pinKeyTestId(digit)).click();
  await staffPin.getByTestId(TID.pinSubmit).click();
  await admin.getByTestId(adminTabTestId('devices')).click();
  const view = admin.getByTestId(TID.devicesView);
  await expect(view).toBeVisible();
  await expect(view.getByTestId(TID.deviceCard)).toHaveCount(3);
  const pad = view.locator(`[data-testid="${TID.deviceCard}"][data-kind="rfid"]`);
  await expect(pad).toHaveAttribute('data-state', 'connected');
  await expect(pad).toContainText(msg(texts, 'devices.state.connected'));
  // The part placed before shows among the pad's last events.
  await expect(pad.getByTestId(TID.deviceEvents)).toContainText('3100030');

  await pad.getByTestId(deviceTestTestId('read-pad')).click();
  const read = pad.getByTestId(TID.deviceTestResult);
  await expect(read).toHaveAttribute('data-ok', 'true');
  await expect(read).toContainText('3100030');
  await pad.getByTestId(deviceTestTestId('beep')).click();
  await expect(pad.getByTestId(TID.deviceTestResult)).toContainText(msg(texts, 'devices.test.ok'));

  const printer = view.locator(`[data-testid="${TID.deviceCard}"][data-kind="printer"]`);
  await printer.getByTestId(deviceTestTestId('print-test')).click();
  await expect(printer.getByTestId(TID.deviceTestResult)).toHaveAttribute('data-ok', 'true');
  await expect(printer.getByTestId(TID.deviceEvents)).toContainText(msg(texts, 'devices.event.printed'));
  await expect
    .poll(() => fs.existsSync(path.join(kiosk.dataDir, 'demo-printer', 'receipt-0001.png')), {
      timeout: 20_000,
    })
    .toBe(true);
  await pad.scrollIntoViewIfNeeded();
  await snap(page, testInfo, '01-admin-devices');
});
