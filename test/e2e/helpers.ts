import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page, type TestInfo } from '@playwright/test';
import type { Language } from '../../electron/station/contract/index.js';
import { langTestId, TID } from '../../renderer/src/testids.js';

/** A locale file, as the screens load it: expectations come from it, never from copied strings. */
export type Messages = { [key: string]: string | Messages };

export function locale(tag: string): Messages {
  return JSON.parse(fs.readFileSync(path.join('renderer', 'i18n', 'locales', `${tag}.json`), 'utf8'));
}

/** One message by its dotted key, e.g. `msg(locale('ru'), 'kiosk.welcome.title')`. */
export function msg(messages: Messages, key: string): string {
  return key
    .split('.')
    .reduce<string | Messages>((node, part) => (node as Messages)[part]!, messages) as string;
}

/**
 * A screenshot kept as a file beside the test's other artifacts (test-results/e2e/<test>/) and
 * attached to the HTML report.
 */
export async function snap(page: Page, testInfo: TestInfo, name: string, fullPage = true): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

/** Switches the screens' language with the language bar, as a person would, and waits for it. */
export async function chooseLanguage(page: Page, tag: Language): Promise<void> {
  await page.getByTestId(TID.languageBar).getByTestId(langTestId(tag)).click();
  await expect(page.locator('html')).toHaveAttribute('lang', tag);
}

/** Opens a scanning station's operator screens, in the language given. */
export async function openOperator(page: Page, url: string, tag: Language = 'en'): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId(TID.operatorHome)).toBeVisible();
  await chooseLanguage(page, tag);
}

/**
 * A keyboard-wedge scanner: the code's keys in one burst, then Enter, as a barcode or RFID reader
 * types them. Sent in the page, so a busy test machine cannot slow the burst down to typing speed.
 */
export async function scan(page: Page, code: string): Promise<void> {
  await page.evaluate((text) => {
    const target = document.activeElement ?? document.body;
    const press = (key: string, physical: string) =>
      target.dispatchEvent(
        new KeyboardEvent('keydown', { key, code: physical, bubbles: true, cancelable: true }),
      );
    for (const ch of text) press(ch, /\d/.test(ch) ? `Digit${ch}` : `Key${ch.toUpperCase()}`);
    press('Enter', 'Enter');
  }, code);
}
