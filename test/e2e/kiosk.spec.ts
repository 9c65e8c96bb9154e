import fs from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { LANGUAGES, type Language } from '../../electron/station/contract/index.js';
import {
  actionTestId,
  adminFieldTestId,
  langTestId,
  oskKeyTestId,
  pinKeyTestId,
  stationLanguageTestId,
  TID,
} from '../../renderer/src/testids.js';
import { locale, type Messages, msg, scan, snap } from './helpers.js';
import { test as base, expect, type RunningStation, startStation } from './web-host.js';

/**
 * The self-service kiosk against the demo library (`bitig serve --role kiosk --demo`, a SIP2 server
 * with the patrons and books of resources/demo/library.json): a patron's whole visit, and the idle
 * timeout that wipes it, in Uzbek (Latin) and in Russian; the patron's language lasting for the visit
 * only, and the station's language that staff set on the admin screen.
 */

/** A fresh station's language (the core's default): what the kiosk shows when nobody is at it. */
const STATION_LANGUAGE: Language = 'uz-Latn';

const test = base.extend<{ kiosk: RunningStation }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take a destructuring first argument.
  kiosk: async ({}, use) => {
    const station = await startStation(['--role', 'kiosk', '--demo'], { staffPin: '2468' });
    await use(station);
    await station.stop();
  },
});

/** A visit: who comes, how they identify, which books they use. From resources/demo/library.json. */
interface Visit {
  language: 'uz-Latn' | 'ru';
  card: string;
  pin: string;
  name: string;
  /** Typed on the on-screen keyboard rather than scanned. */
  typedCard: boolean;
  /** Borrowed, then returned. */
  borrow: { itemId: string; title: string };
  /** Refused: for reading in the library only. */
  refused: { itemId: string; title: string };
  /** The patron's loans before the visit, and which of them the library renews. */
  loans: string[];
  renewable: string[];
  overdue: string | null;
  fines: boolean;
}

const VISITS: Visit[] = [
  {
    language: 'uz-Latn',
    card: '2100001',
    pin: '1234',
    name: 'Gʻulomova Dilnoza Rustamovna',
    typedCard: false,
    borrow: { itemId: '3100001', title: 'Oʻtkan kunlar' },
    refused: { itemId: '3100011', title: 'Oʻzbek tilining izohli lugʻati. 1-jild' },
    loans: ['3100002', '3100003'],
    // Kecha va kunduz has been renewed twice already: the demo library's limit.
    renewable: ['3100002'],
    overdue: null,
    fines: false,
  },
  {
    language: 'ru',
    card: '2100006',
    pin: '6789',
    name: 'Смирнова Мария Александровна',
    typedCard: true,
    borrow: { itemId: '3100019', title: 'Преступление и наказание' },
    refused: { itemId: '3100023', title: 'Большая советская энциклопедия. Том 1' },
    loans: ['3100018'],
    renewable: ['3100018'],
    overdue: '3100018',
    fines: true,
  },
];

async function typePin(page: Page, pin: string, within = page.getByTestId(TID.pinKeypad)): Promise<void> {
  for (const digit of pin) await within.getByTestId(pinKeyTestId(digit)).click();
  await within.getByTestId(TID.pinSubmit).click();
}

/** The patron picks their language on the kiosk's language bar. */
async function pickLanguage(page: Page, language: Language): Promise<void> {
  await page.getByTestId(TID.languageBar).getByTestId(langTestId(language)).click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

/** The welcome screen, in the station's language: nobody's visit left anything behind. */
async function expectWelcomeIn(page: Page, language: Language): Promise<void> {
  const welcome = page.getByTestId(TID.kioskWelcome);
  await expect(welcome).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  await expect(welcome).toContainText(msg(locale(language), 'kiosk.welcome.title'));
  await expect(page.getByTestId(TID.languageBar).getByTestId(langTestId(language))).toHaveAttribute(
    'aria-pressed',
    'true',
  );
}

async function openKiosk(page: Page, station: RunningStation, language: Language): Promise<void> {
  await page.goto(station.url);
  await expectWelcomeIn(page, STATION_LANGUAGE);
  await pickLanguage(page, language);
  // The demo library answers: the kiosk offers its services.
  await expect(page.getByTestId(TID.typeCard)).toBeVisible();
  await expect(page.getByTestId(TID.libraryOffline)).toHaveCount(0);
}

/** Staff open the admin screen (Ctrl+Alt+A) and enter the staff PIN set from the terminal: the settings form. */
async function openAdminFirstTime(page: Page) {
  await page.keyboard.press('Control+Alt+KeyA');
  const admin = page.getByTestId(TID.adminScreen);
  await expect(admin).toBeVisible();
  const staffPin = admin.getByTestId(TID.staffPin);
  await expect(staffPin).toHaveAttribute('data-phase', 'pin');
  await typePin(page, '2468', staffPin);
  const form = admin.getByTestId(TID.adminForm);
  await expect(form).toBeVisible();
  return { admin, form };
}

/** Card (scanned or typed), a wrong PIN first, then the right one. */
async function signIn(page: Page, visit: Visit, texts: Messages, testInfo: TestInfo, shots: boolean) {
  if (visit.typedCard) {
    await page.getByTestId(TID.typeCard).click();
    const keyboard = page.getByTestId(TID.onscreenKeyboard);
    await expect(keyboard).toBeVisible();
    for (const ch of visit.card) await keyboard.getByTestId(oskKeyTestId(ch)).click();
    await expect(page.getByTestId(TID.oskDisplay)).toHaveText(visit.card);
    if (shots) await snap(page, testInfo, '02-typed-card');
    await page.getByTestId(TID.oskSubmit).click();
  } else {
    await scan(page, visit.card);
  }
  const keypad = page.getByTestId(TID.pinKeypad);
  await expect(keypad).toBeVisible();
  if (shots) {
    await typePin(page, '0000');
    const error = page.getByTestId(TID.identifyError);
    await expect(error).toHaveAttribute('data-code', 'PIN_WRONG');
    await expect(error).toContainText(msg(texts, 'error.PIN_WRONG'));
    await snap(page, testInfo, '03-pin-wrong');
  }
  // The PIN is never shown: only as many dots as digits.
  for (const digit of visit.pin) await keypad.getByTestId(pinKeyTestId(digit)).click();
  await expect(page.getByTestId(TID.pinDisplay)).toHaveAttribute('data-length', String(visit.pin.length));
  await expect(page.getByTestId(TID.pinDisplay)).not.toContainText(visit.pin);
  if (shots) await snap(page, testInfo, '04-pin');
  await keypad.getByTestId(TID.pinSubmit).click();
  const home = page.getByTestId(TID.sessionHome);
  await expect(home).toBeVisible();
  await expect(home).toContainText(visit.name);
}

for (const visit of VISITS) {
  test(`a patron’s visit in ${visit.language}: sign in, borrow, return, renew, account, receipt`, async ({
    page,
    kiosk,
  }, testInfo) => {
    test.setTimeout(90_000);
    const texts = locale(visit.language);
    await openKiosk(page, kiosk, visit.language);
    await expect(page.getByTestId(TID.kioskWelcome)).toContainText(msg(texts, 'kiosk.welcome.prompt'));
    await snap(page, testInfo, '01-welcome');

    await signIn(page, visit, texts, testInfo, true);
    const home = page.getByTestId(TID.sessionHome);
    for (const action of ['checkout', 'checkin', 'renew'] as const) {
      await expect(home.getByTestId(actionTestId(action))).toBeVisible();
    }
    await snap(page, testInfo, '05-session-home');

    // Borrow two books: one is lent, the other refused with the reason and the library's own words.
    await home.getByTestId(actionTestId('checkout')).click();
    const items = page.getByTestId(TID.itemsScreen);
    await expect(items).toContainText(msg(texts, 'kiosk.items.checkout.title'));
    await scan(page, visit.borrow.itemId);
    const lent = items.locator(`[data-testid="${TID.itemRow}"][data-item="${visit.borrow.itemId}"]`);
    await expect(lent).toBeVisible();
    await expect(lent).toHaveAttribute('data-state', 'ok');
    await expect(lent).toContainText(visit.borrow.title);
    await expect(lent).toContainText(msg(texts, 'kiosk.row.done.checkout'));
    await scan(page, visit.refused.itemId);
    const refused = items.locator(`[data-testid="${TID.itemRow}"][data-item="${visit.refused.itemId}"]`);
    await expect(refused).toHaveAttribute('data-state', 'error');
    await expect(refused).toContainText(msg(texts, 'kiosk.row.failed.checkout'));
    await expect(refused).toContainText(msg(texts, 'kiosk.reason.NOT_FOR_LOAN'));
    await expect(refused.getByTestId(TID.screenMessages)).toBeVisible();
    await expect(items.getByTestId(TID.itemRow)).toHaveCount(2);
    await snap(page, testInfo, '06-checkout');

    // Return the book just borrowed, its number typed on the screen's keyboard.
    await page.getByTestId(TID.backHome).click();
    await home.getByTestId(actionTestId('checkin')).click();
    await expect(items).toContainText(msg(texts, 'kiosk.items.checkin.title'));
    await items.getByTestId(TID.typeItem).click();
    const keyboard = items.getByTestId(TID.onscreenKeyboard);
    for (const ch of visit.borrow.itemId) await keyboard.getByTestId(oskKeyTestId(ch)).click();
    await snap(page, testInfo, '07-checkin-keyboard');
    await keyboard.getByTestId(TID.oskSubmit).click();
    const returned = items.locator(`[data-testid="${TID.itemRow}"][data-item="${visit.borrow.itemId}"]`);
    await expect(returned).toHaveAttribute('data-state', 'ok');
    await expect(returned).toContainText(msg(texts, 'kiosk.row.done.checkin'));
    await snap(page, testInfo, '08-checkin');

    // The account: loans with due dates (overdue marked), holds, fines.
    await page.getByTestId(TID.backHome).click();
    await home.getByTestId(TID.actionAccount).click();
    const account = page.getByTestId(TID.accountScreen);
    await expect(account).toContainText(msg(texts, 'kiosk.account.title'));
    await expect(account.getByTestId(TID.loanRow)).toHaveCount(visit.loans.length);
    if (visit.overdue) {
      const overdue = account.locator(`[data-testid="${TID.loanRow}"][data-item="${visit.overdue}"]`);
      await expect(overdue).toHaveAttribute('data-overdue', 'true');
    } else {
      await expect(account.locator(`[data-testid="${TID.loanRow}"][data-overdue="true"]`)).toHaveCount(0);
    }
    if (visit.fines) {
      await expect(account.getByTestId(TID.fines)).toContainText('UZS');
    } else {
      await expect(account.getByTestId(TID.fines)).toHaveText(msg(texts, 'kiosk.account.noFines'));
    }
    await snap(page, testInfo, '09-account');

    // Renew: every loan is listed with its own button. (Renewing an overdue loan makes it current.)
    await page.getByTestId(TID.backHome).click();
    await home.getByTestId(actionTestId('renew')).click();
    const loans = items.getByTestId(TID.renewRow);
    await expect(loans).toHaveCount(visit.loans.length);
    await snap(page, testInfo, '10-renew');
    if (visit.loans.length > 1) {
      await items.getByTestId(TID.renewAll).click();
    } else {
      await loans.first().getByTestId(TID.renewButton).click();
    }
    for (const itemId of visit.loans) {
      const row = items.locator(`[data-testid="${TID.renewRow}"][data-item="${itemId}"]`);
      if (visit.renewable.includes(itemId)) {
        await expect(row).toHaveAttribute('data-state', 'ok');
        await expect(row).toContainText(msg(texts, 'kiosk.row.done.renew'));
      } else {
        await expect(row).toHaveAttribute('data-state', 'error');
        await expect(row).toContainText(msg(texts, 'kiosk.row.failed.renew'));
        await expect(row.getByTestId(TID.renewButton)).toBeVisible();
      }
    }
    await snap(page, testInfo, '11-renewed');

    // Finish: the summary and the receipt, then the kiosk forgets the patron.
    await page.getByTestId(TID.finishButton).click();
    const finish = page.getByTestId(TID.finishScreen);
    await expect(finish).toContainText(msg(texts, 'kiosk.finish.title'));
    const receipt = finish.getByTestId(TID.receipt);
    await expect(receipt).toBeVisible();
    await expect(receipt).toContainText(visit.name);
    await expect(receipt).toContainText(visit.borrow.title);
    await expect(finish.getByTestId(TID.finishSummary)).toBeVisible();
    await snap(page, testInfo, '12-finish-receipt');
    await page.getByTestId(TID.finishDone).click();
    await expect(page.getByTestId(TID.kioskWelcome)).toBeVisible();
    await expect(page.locator('body')).not.toContainText(visit.name);
    await expect(page.locator('body')).not.toContainText(visit.borrow.title);
    // The language was the patron's for their visit: the next one is greeted in the station's.
    await expectWelcomeIn(page, STATION_LANGUAGE);
    await snap(page, testInfo, '13-welcome-again');

    // Nothing of the patron stays behind on the station: not in its database, not in its log.
    // (The training library's own data, in demo-library/, is the simulated library system's.)
    const stationFiles = fs.readdirSync(kiosk.dataDir).filter((f) => f.startsWith('bitig.sqlite'));
    expect(stationFiles.length).toBeGreaterThan(0);
    for (const file of stationFiles) {
      const bytes = fs.readFileSync(path.join(kiosk.dataDir, file));
      // As a value of its own: not merely four digits inside a hash or a key.
      const pinAlone = new RegExp(`(?<![A-Za-z0-9+/])${visit.pin}(?![A-Za-z0-9+/])`);
      expect(pinAlone.test(bytes.toString('latin1')), `${file} holds the PIN`).toBe(false);
      expect(bytes.includes(Buffer.from(visit.name)), `${file} holds the name`).toBe(false);
    }
    expect(kiosk.output()).not.toContain(visit.pin);
    expect(kiosk.output()).not.toContain(visit.name);
  });

  test(`the idle timeout in ${visit.language}: a warning, “I’m still here”, then the session is wiped`, async ({
    page,
    kiosk,
  }, testInfo) => {
    test.setTimeout(120_000);
    const texts = locale(visit.language);
    await openKiosk(page, kiosk, visit.language);

    // Staff lower the idle timeout on the admin screen: the staff PIN, then the settings.
    if (visit.language === 'uz-Latn') {
      for (let i = 0; i < 5; i += 1) await page.getByTestId(TID.adminEntry).click();
    } else {
      await page.keyboard.press('Control+Alt+KeyA');
    }
    const admin = page.getByTestId(TID.adminScreen);
    await expect(admin).toBeVisible();
    const staffPin = admin.getByTestId(TID.staffPin);
    await expect(staffPin).toHaveAttribute('data-phase', 'pin');
    await snap(page, testInfo, '01-admin-staff-pin');
    await typePin(page, '2468', staffPin);
    const form = admin.getByTestId(TID.adminForm);
    await expect(form).toBeVisible();
    await expect(form).toContainText(msg(texts, 'admin.field.passwordSet'));
    await snap(page, testInfo, '02-admin-form');
    await form.getByTestId(TID.adminTest).click();
    const result = form.getByTestId(TID.adminTestResult);
    await expect(result).toHaveAttribute('data-ok', 'true');
    await expect(result).toContainText(msg(texts, 'admin.test.ok'));
    await result.scrollIntoViewIfNeeded();
    await snap(page, testInfo, '03-admin-test-connection');
    await form.getByTestId(adminFieldTestId('idleTimeoutSeconds')).fill('15');
    await form.getByTestId(adminFieldTestId('idleWarningSeconds')).fill('5');
    await form.getByTestId(TID.adminSave).click();
    await expect(form.getByTestId(TID.adminSaved)).toHaveText(msg(texts, 'admin.saved'));
    await snap(page, testInfo, '04-admin-saved');
    await admin.getByTestId(TID.adminClose).click();
    // Leaving the admin screen wipes the kiosk: back in the station's language.
    await expectWelcomeIn(page, STATION_LANGUAGE);
    await expect(page.getByTestId(TID.typeCard)).toBeVisible();

    // A patron picks their language, signs in, borrows a book, and walks away.
    await pickLanguage(page, visit.language);
    await signIn(page, visit, texts, testInfo, false);
    await page.getByTestId(TID.sessionHome).getByTestId(actionTestId('checkout')).click();
    await scan(page, visit.borrow.itemId);
    const row = page.locator(`[data-testid="${TID.itemRow}"][data-item="${visit.borrow.itemId}"]`);
    await expect(row).toHaveAttribute('data-state', 'ok');

    // After 15 s without input, the warning counts down; "I'm still here" keeps the session.
    const warning = page.getByTestId(TID.idleWarning);
    await expect(warning).toBeVisible({ timeout: 20_000 });
    await expect(warning).toContainText(msg(texts, 'kiosk.idle.title'));
    await snap(page, testInfo, '05-idle-warning');
    await warning.getByTestId(TID.stillHere).click();
    await expect(warning).toHaveCount(0);
    await expect(row).toBeVisible();

    // The second time nobody answers: the session ends and every trace of the patron goes.
    await expect(warning).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId(TID.kioskWelcome)).toBeVisible({ timeout: 10_000 });
    const body = page.locator('body');
    await expect(body).not.toContainText(visit.name);
    await expect(body).not.toContainText(visit.borrow.title);
    await expect(body).not.toContainText(visit.borrow.itemId);
    await expect(page.getByTestId(TID.itemRow)).toHaveCount(0);
    await expectWelcomeIn(page, STATION_LANGUAGE);
    await snap(page, testInfo, '06-after-idle');

    // The library system's session ended too: the next card starts afresh.
    await scan(page, visit.card);
    await expect(page.getByTestId(TID.pinKeypad)).toBeVisible();
    await page.getByTestId(TID.identifyCancel).click();
    await expect(page.getByTestId(TID.kioskWelcome)).toBeVisible();
  });
}

test('staff set the station’s language on the admin screen; the kiosk returns to it after every visit', async ({
  page,
  kiosk,
}, testInfo) => {
  test.setTimeout(90_000);
  const kk = locale('kk');
  const ru = locale('ru');
  const patron = VISITS.find((v) => v.language === 'ru')!;
  await page.goto(kiosk.url);
  await expectWelcomeIn(page, STATION_LANGUAGE);

  // Staff choose Kazakh: each language is named in itself; the choice is saved at once.
  const { admin, form } = await openAdminFirstTime(page);
  const choice = form.getByTestId(TID.adminStationLanguage);
  await expect(choice).toContainText(msg(locale(STATION_LANGUAGE), 'admin.section.stationLanguage'));
  for (const tag of LANGUAGES) {
    await expect(choice.locator(`label[lang="${tag}"]`)).toHaveText(msg(locale(tag), 'meta.nativeName'));
  }
  await expect(choice.getByTestId(stationLanguageTestId(STATION_LANGUAGE))).toBeChecked();
  await choice.getByTestId(stationLanguageTestId('kk')).check();
  await expect(choice.getByTestId(TID.adminStationLanguageSaved)).toHaveText(
    msg(kk, 'admin.stationLanguage.saved'),
  );
  await expect(choice.getByTestId(stationLanguageTestId('kk'))).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('lang', 'kk');
  await choice.scrollIntoViewIfNeeded();
  await snap(page, testInfo, '01-admin-station-language');
  // The shortest idle time, for the walk-away at the end.
  await form.getByTestId(adminFieldTestId('idleTimeoutSeconds')).fill('15');
  await form.getByTestId(adminFieldTestId('idleWarningSeconds')).fill('5');
  await form.getByTestId(TID.adminSave).click();
  await expect(form.getByTestId(TID.adminSaved)).toHaveText(msg(kk, 'admin.saved'));
  await admin.getByTestId(TID.adminClose).click();
  await expectWelcomeIn(page, 'kk');
  await snap(page, testInfo, '02-welcome-station-language');

  // A patron reads the kiosk in Russian for their visit, signs in and finishes.
  await pickLanguage(page, 'ru');
  await expect(page.getByTestId(TID.kioskWelcome)).toContainText(msg(ru, 'kiosk.welcome.prompt'));
  await signIn(page, patron, ru, testInfo, false);
  await expect(page.getByTestId(TID.sessionHome).getByTestId(actionTestId('checkout'))).toContainText(
    msg(ru, 'kiosk.home.checkout.title'),
  );
  await page.getByTestId(TID.finishButton).click();
  await expect(page.getByTestId(TID.finishScreen)).toContainText(msg(ru, 'kiosk.finish.title'));
  await page.getByTestId(TID.finishDone).click();
  await expectWelcomeIn(page, 'kk');
  await snap(page, testInfo, '03-welcome-after-visit');

  // The next one picks English, then gives up at the PIN: cancelled, back in Kazakh.
  await pickLanguage(page, 'en');
  await scan(page, patron.card);
  await expect(page.getByTestId(TID.pinKeypad)).toBeVisible();
  await page.getByTestId(TID.identifyCancel).click();
  await expectWelcomeIn(page, 'kk');

  // The station's language is kept by the station; a patron's choice is not.
  await pickLanguage(page, 'ru');
  await page.reload();
  await expectWelcomeIn(page, 'kk');

  // Someone picks Russian on the welcome screen and walks away without signing in: after the idle
  // time the kiosk is back in Kazakh on its own, with no warning (nothing of theirs is left).
  await pickLanguage(page, 'ru');
  await expect(page.locator('html')).toHaveAttribute('lang', 'kk', { timeout: 25_000 });
  await expectWelcomeIn(page, 'kk');
  await expect(page.getByTestId(TID.idleWarning)).toHaveCount(0);
});
