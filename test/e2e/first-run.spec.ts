import { pinKeyTestId, TID } from '../../renderer/src/testids.js';
import { locale, msg, snap } from './helpers.js';
import { expect, test } from './web-host.js';

test('first run as a self-service kiosk in demo mode; a patron switches to Uzbek Cyrillic for the visit', async ({
  page,
  station,
}, testInfo) => {
  const en = locale('en');
  const cyrl = locale('uz-Cyrl');
  const latn = locale('uz-Latn');
  await page.goto(station.url);
  await expect(page.getByTestId('setup-screen')).toBeVisible();
  // The token has done its job once the page is open: it must not stay in the address bar.
  await expect(page).not.toHaveURL(/token=/);
  await snap(page, testInfo, '01-setup');

  await page.getByTestId('role-kiosk').click();
  await page.getByTestId('mode-demo').click();
  // A kiosk is not finished without its first staff PIN, typed twice alike.
  await expect(page.getByTestId('finish-setup')).toBeDisabled();
  await expect(page.getByTestId('setup-screen')).toContainText(msg(latn, 'setup.incompletePin'));
  await page.getByTestId(TID.setupStaffPin).fill('2468');
  await page.getByTestId(TID.setupStaffPinConfirm).fill('2469');
  await expect(page.getByTestId(TID.setupStaffPinProblem)).toHaveText(msg(latn, 'setup.staffPin.mismatch'));
  await expect(page.getByTestId('finish-setup')).toBeDisabled();
  await page.getByTestId(TID.setupStaffPinConfirm).fill('2468');
  await snap(page, testInfo, '02-setup-chosen');
  await page.getByTestId('finish-setup').click();

  const welcome = page.getByTestId('kiosk-welcome');
  await expect(welcome).toBeVisible();
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  await snap(page, testInfo, '03-kiosk-welcome-default');

  await page.getByTestId('language-bar').getByTestId('lang-uz-Cyrl').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'uz-Cyrl');
  await expect(welcome).toContainText(msg(cyrl, 'kiosk.welcome.title'));
  await expect(welcome).toContainText(msg(cyrl, 'kiosk.welcome.prompt'));
  await expect(welcome).not.toContainText(msg(en, 'kiosk.welcome.title'));
  await expect(page.getByTestId('demo-badge')).toHaveText(msg(cyrl, 'demo.badge'));
  await snap(page, testInfo, '04-kiosk-welcome-uz-Cyrl');

  // On a kiosk the choice is the patron's, for their visit only: a reload (the kiosk's browser
  // restarting) greets the next patron in the station's language, the one set up (Uzbek, Latin).
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'uz-Latn');
  await expect(page.getByTestId('kiosk-welcome')).toContainText(msg(latn, 'kiosk.welcome.title'));

  // The PIN chosen at setup opens the staff screen; five wrong ones lock it, and staff are told until when.
  await page.keyboard.press('Control+Alt+KeyA');
  const gate = page.getByTestId(TID.adminScreen).getByTestId(TID.staffPin);
  await expect(gate).toHaveAttribute('data-phase', 'pin');
  const typePin = async (pin: string) => {
    for (const digit of pin) await gate.getByTestId(pinKeyTestId(digit)).click();
    await gate.getByTestId(TID.pinSubmit).click();
  };
  const error = gate.getByTestId(TID.staffPinError);
  for (let i = 1; i <= 5; i += 1) {
    await typePin('1111');
    // Each wrong answer is held back longer than the last (the error is gone while it is checked).
    if (i < 5) await expect(error).toHaveCount(0);
    await expect(error).toHaveAttribute('data-code', i < 5 ? 'STAFF_PIN_WRONG' : 'STAFF_PIN_LOCKED', {
      timeout: 10_000,
    });
  }
  const [before] = msg(latn, 'error.STAFF_PIN_LOCKED').split('{time}');
  await expect(error).toContainText(new RegExp(`${before}\\d\\d:\\d\\d`));
  await snap(page, testInfo, '05-staff-pin-locked');
  expect(await station.stop()).toBe(0);
});

test('first run as a scanning station in Kazakh', async ({ page, station }, testInfo) => {
  const kk = locale('kk');
  await page.goto(station.url);
  await expect(page.getByTestId('setup-screen')).toBeVisible();

  await page.getByTestId('language-bar').getByTestId('lang-kk').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'kk');
  await expect(page.getByTestId('setup-screen')).toContainText(msg(kk, 'setup.title'));
  await expect(page.getByTestId('role-station')).toContainText(msg(kk, 'setup.role.station.title'));
  await snap(page, testInfo, '01-setup-kk');

  await page.getByTestId('role-station').click();
  await page.getByTestId('mode-demo').click();
  await page.getByTestId('finish-setup').click();

  const home = page.getByTestId('operator-home');
  await expect(home).toBeVisible();
  await expect(home).toContainText(msg(kk, 'operator.jobs.empty.title'));
  await expect(home).toContainText(msg(kk, 'operator.nav.jobs'));
  await expect(page.getByTestId('demo-badge')).toHaveText(msg(kk, 'demo.badge'));
  await snap(page, testInfo, '02-operator-home-kk');
});

test('a page without the token cannot reach the station', async ({ page, station }, testInfo) => {
  const origin = new URL(station.url).origin;
  await page.goto(`${origin}/`);
  // Not a retry loop: the person is told which address to open, in the station's languages.
  const screen = page.getByTestId('startup-error');
  await expect(screen).toContainText(msg(locale('uz-Latn'), 'error.ACCESS_KEY_MISSING'));
  await page.getByTestId('language-bar').getByTestId('lang-ru').click();
  await expect(screen).toContainText(msg(locale('ru'), 'error.ACCESS_KEY_MISSING'));
  await expect(page.getByTestId('setup-screen')).toHaveCount(0);
  await snap(page, testInfo, '01-no-token');
});
