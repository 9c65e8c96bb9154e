import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import {
  actionTestId,
  adminFieldTestId,
  adminTabTestId,
  navTestId,
  pinKeyTestId,
  syncCountTestId,
  syncFilterTestId,
  TID,
} from '../../renderer/src/testids.js';
import { locale, msg, scan, snap } from './helpers.js';
import { expect, type RunningStation, startStation, test } from './web-host.js';

/**
 * Offline store-and-forward, end to end: a kiosk in connected mode against a library system (the
 * test SIP2 server, run as `bitig sip2 serve-demo` in its own process so the test can stop it and
 * start it again with its state). The library system goes down in the middle of a patron's visit,
 * the patron finishes offline with the banner shown and a receipt that says what waits for
 * confirmation; the library system comes back, the queue drains, and the staff's Sync queue tab
 * shows what the library system decided for each transaction. Then the .koc export. In Uzbek (Latin).
 */

const LANGUAGE = 'uz-Latn';
const STAFF_PIN = '2468';
const PATRON = { card: '2100002', pin: '2345', name: 'Иванов Сергей Петрович' };
/** Lent while the library system answers. */
const LIVE = '3100001';
/** Lent offline: accepted on replay, with the promised due date. */
const OFFLINE_LOAN = '3100004';
/** The patron's own loan, returned offline; another reader's hold waits for it (the server says so). */
const OFFLINE_RETURN = '3100007';
const HOLD_FOR = 'Jumaniyozova Shahzoda';
/** Put in the return slot offline, but it was never lent: the library system refuses the return. */
const NOT_LENT = '3100008';

const texts = locale(LANGUAGE);
const text = (key: string): string => msg(texts, key);

async function typePin(within: Locator, pin: string): Promise<void> {
  for (const digit of pin) await within.getByTestId(pinKeyTestId(digit)).click();
  await within.getByTestId(TID.pinSubmit).click();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The library system: `bitig sip2 serve-demo` on a fixed port, its state kept in a file. */
class LibrarySystem {
  #child: ChildProcess | null = null;

  constructor(
    readonly port: number,
    readonly stateFile: string,
  ) {}

  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      ['bin/bitig.cjs', 'sip2', 'serve-demo', '--port', String(this.port), '--state', this.stateFile],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.#child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the library system did not start:\n${output}`)),
        15_000,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('serving SIP2')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the library system exited with ${code}:\n${output}`));
      });
    });
  }

  /** Goes away at once, as a crashed server or a cut cable would. */
  async stop(): Promise<void> {
    const child = this.#child;
    this.#child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** What the library system has on record for an item. */
  item(barcode: string): {
    loan?: { patron: string; due: string };
    holds: { patron: string; ready: boolean }[];
  } {
    const state = JSON.parse(fs.readFileSync(this.stateFile, 'utf8'));
    return state.items.find((i: { barcode: string }) => i.barcode === barcode);
  }
}

/** The library system's rows in these states, as the Sync queue counts them. */
async function countOf(queue: Locator, states: string[]): Promise<number> {
  let sum = 0;
  for (const state of states) {
    sum += Number(await queue.getByTestId(syncCountTestId('sip2', state)).getAttribute('data-count'));
  }
  return sum;
}

function row(scope: Page | Locator, testId: string, itemId: string): Locator {
  return scope.locator(`[data-testid="${testId}"][data-item="${itemId}"]`);
}

async function openAdmin(page: Page): Promise<Locator> {
  await expect(page.getByTestId(TID.kioskWelcome)).toBeVisible();
  await page.keyboard.press('Control+Alt+KeyA');
  const admin = page.getByTestId(TID.adminScreen);
  await expect(admin).toBeVisible();
  return admin;
}

async function openSyncTab(page: Page): Promise<Locator> {
  const admin = await openAdmin(page);
  const gate = admin.getByTestId(TID.staffPin);
  await expect(gate).toHaveAttribute('data-phase', 'pin');
  await typePin(gate, STAFF_PIN);
  await admin.getByTestId(adminTabTestId('sync')).click();
  const queue = admin.getByTestId(TID.syncQueue);
  await expect(queue).toBeVisible();
  return queue;
}

test('the library system goes down mid-visit: the patron finishes offline, the queue drains when it returns, staff see its answers', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-e2e-library-'));
  const library = new LibrarySystem(await freePort(), path.join(dir, 'library-state.json'));
  let kiosk: RunningStation | null = null;
  try {
    await library.start();
    kiosk = await startStation(['--role', 'kiosk'], { staffPin: STAFF_PIN });

    // A kiosk in connected mode, its staff PIN set from the terminal: staff point it at the library.
    await page.goto(kiosk.url);
    await expect(page.getByTestId(TID.kioskWelcome)).toBeVisible();
    await page.getByTestId(TID.languageBar).getByTestId(`lang-${LANGUAGE}`).click();
    await expect(page.locator('html')).toHaveAttribute('lang', LANGUAGE);
    await expect(page.getByTestId(TID.kioskNotConfigured)).toBeVisible();
    const admin = await openAdmin(page);
    const gate = admin.getByTestId(TID.staffPin);
    await expect(gate).toHaveAttribute('data-phase', 'pin');
    await typePin(gate, STAFF_PIN);
    const form = admin.getByTestId(TID.adminForm);
    await expect(form).toBeVisible();
    const field = (p: string) => form.getByTestId(adminFieldTestId(p));
    await field('sip2.host').fill('127.0.0.1');
    await field('sip2.port').fill(String(library.port));
    await field('sip2.institutionId').fill('BITIG-DEMO');
    await field('sip2.user').fill('kiosk');
    await field('sip2Password').fill('kiosk-parol');
    await field('sip2.location').fill('kiosk-1');
    // Staff watch the queue drain for a while: the admin screen must not time out meanwhile.
    await field('idleTimeoutSeconds').fill('600');
    await form.getByTestId(TID.adminSave).click();
    await expect(form.getByTestId(TID.adminSaved)).toBeVisible();
    await expect(form.getByTestId(TID.adminStatus)).toHaveAttribute('data-online', 'true', {
      timeout: 15_000,
    });

    // The Sync queue tab: nothing queued yet.
    await admin.getByTestId(adminTabTestId('sync')).click();
    const emptyQueue = admin.getByTestId(TID.syncQueue);
    await expect(emptyQueue).toContainText(text('sync.title'));
    await expect(emptyQueue.getByTestId(TID.syncRow)).toHaveCount(0);
    await expect(emptyQueue.getByTestId(TID.syncReport)).toContainText(text('sync.report.empty'));
    await snap(page, testInfo, '01-admin-sync-empty');
    await admin.getByTestId(TID.adminClose).click();

    // The patron signs in and borrows a book while the library system answers.
    await expect(page.getByTestId(TID.libraryOffline)).toHaveCount(0);
    await scan(page, PATRON.card);
    await typePin(page.getByTestId(TID.pinKeypad), PATRON.pin);
    const home = page.getByTestId(TID.sessionHome);
    await expect(home).toContainText(PATRON.name);
    await home.getByTestId(actionTestId('checkout')).click();
    const items = page.getByTestId(TID.itemsScreen);
    await scan(page, LIVE);
    const live = row(items, TID.itemRow, LIVE);
    await expect(live).toHaveAttribute('data-state', 'ok');
    await expect(live).toContainText('Oʻtkan kunlar');
    await expect(live).not.toContainText(text('kiosk.row.queued'));
    await snap(page, testInfo, '02-borrowed-live');

    // The library system goes down. The banner says so, in the patron's language.
    await library.stop();
    const banner = page.getByTestId(TID.libraryOffline);
    await expect(banner).toBeVisible({ timeout: 15_000 });
    await expect(banner).toHaveText(text('kiosk.offline'));

    // The patron goes on: another book borrowed, two returned; each ✓, to be confirmed.
    await scan(page, OFFLINE_LOAN);
    const offlineLoan = row(items, TID.itemRow, OFFLINE_LOAN);
    await expect(offlineLoan).toHaveAttribute('data-state', 'ok');
    await expect(offlineLoan).toContainText(text('kiosk.row.done.checkout'));
    await expect(offlineLoan).toContainText(text('kiosk.row.queued'));
    await snap(page, testInfo, '03-borrowed-offline');
    await page.getByTestId(TID.backHome).click();
    await home.getByTestId(actionTestId('checkin')).click();
    await expect(items).toContainText(text('kiosk.items.checkin.title'));
    for (const itemId of [OFFLINE_RETURN, NOT_LENT]) {
      await scan(page, itemId);
      const returned = row(items, TID.itemRow, itemId);
      await expect(returned).toHaveAttribute('data-state', 'ok');
      await expect(returned).toContainText(text('kiosk.row.done.checkin'));
      await expect(returned).toContainText(text('kiosk.row.queued'));
    }
    await expect(banner).toBeVisible();
    await snap(page, testInfo, '04-returned-offline');

    // The receipt: the live loan as done, the offline ones marked as waiting for confirmation.
    await page.getByTestId(TID.finishButton).click();
    const receipt = page.getByTestId(TID.finishScreen).getByTestId(TID.receipt);
    await expect(receipt).toBeVisible();
    await expect(receipt).toContainText(PATRON.name);
    await expect(receipt).toContainText(text('kiosk.finish.receiptQueuedNote'));
    const lines = receipt.locator('li');
    await expect(lines).toHaveCount(4);
    await expect(lines.filter({ hasText: text('kiosk.finish.receiptQueued') })).toHaveCount(3);
    await expect(lines.filter({ hasText: 'Oʻtkan kunlar' })).not.toContainText(
      text('kiosk.finish.receiptQueued'),
    );
    await snap(page, testInfo, '05-receipt-pending');
    await page.getByTestId(TID.finishDone).click();

    // Staff look at the queue while the library system is away: three transactions wait.
    let queue = await openSyncTab(page);
    const target = queue.locator(`[data-testid="${TID.syncTarget}"][data-target="sip2"]`);
    await expect(target).toHaveAttribute('data-online', 'false');
    // Not sent yet: waiting, or failed (an attempt cut off as the server went) and to be checked.
    await expect.poll(() => countOf(queue, ['pending', 'in_flight', 'failed'])).toBe(3);
    await expect(queue.getByTestId(syncCountTestId('sip2', 'done'))).toHaveAttribute('data-count', '0');
    await expect(queue.getByTestId(TID.syncRow)).toHaveCount(3);
    await expect(queue.locator(`[data-testid="${TID.syncRow}"][data-decision="waiting"]`)).toHaveCount(3);
    await snap(page, testInfo, '06-queue-waiting');
    await queue.getByTestId(TID.syncReport).scrollIntoViewIfNeeded();
    await snap(page, testInfo, '06b-queue-waiting-report');

    // The library system comes back with its state; the queue drains while staff watch.
    await library.start();
    await expect(queue.getByTestId(syncCountTestId('sip2', 'done'))).toHaveAttribute('data-count', '3', {
      timeout: 60_000,
    });
    await expect(queue.getByTestId(syncCountTestId('sip2', 'pending'))).toHaveAttribute('data-count', '0');
    await expect(queue.getByTestId(syncCountTestId('sip2', 'failed'))).toHaveAttribute('data-count', '0');
    await expect(queue.getByTestId(syncCountTestId('sip2', 'dead'))).toHaveAttribute('data-count', '0');
    await expect(target).toHaveAttribute('data-online', 'true');

    // The report: what the library system decided about each.
    const loanRow = row(queue, TID.syncRow, OFFLINE_LOAN);
    await expect(loanRow).toHaveAttribute('data-decision', 'accepted');
    await expect(loanRow.getByTestId(TID.syncDecision)).toHaveAttribute('data-decision', 'accepted');
    await expect(loanRow).toContainText(text('sync.action.checkout'));
    await expect(loanRow).toContainText(PATRON.card);
    await expect(loanRow).toContainText('Sarob');
    await expect(loanRow).toHaveAttribute('data-attention', 'false');

    const returnRow = row(queue, TID.syncRow, OFFLINE_RETURN);
    await expect(returnRow).toHaveAttribute('data-decision', 'accepted');
    await expect(returnRow).toHaveAttribute('data-attention', 'true');
    await expect(returnRow).toContainText(text('sync.decision.alert'));
    await expect(returnRow.getByTestId(TID.screenMessages)).toContainText(HOLD_FOR);

    const refusedRow = row(queue, TID.syncRow, NOT_LENT);
    await expect(refusedRow).toHaveAttribute('data-decision', 'refused');
    await expect(refusedRow).toHaveAttribute('data-attention', 'true');
    await expect(refusedRow).toContainText(text('sync.decision.refused'));
    await expect(refusedRow).toContainText(text('sync.reason.NOT_ON_LOAN'));
    await expect(refusedRow.getByTestId(TID.screenMessages)).toContainText('This item was not on loan');
    // A decided transaction is not for retrying or discarding.
    await expect(queue.getByTestId(TID.syncRetry)).toHaveCount(0);
    await target.scrollIntoViewIfNeeded();
    await snap(page, testInfo, '07-queue-drained');
    await queue.getByTestId(TID.syncReport).scrollIntoViewIfNeeded();
    await snap(page, testInfo, '07b-queue-drained-report');
    await loanRow.scrollIntoViewIfNeeded();
    await snap(page, testInfo, '07c-queue-drained-accepted-loan');

    // Filters: what needs attention, then one state.
    await queue.getByTestId(syncFilterTestId('attention')).click();
    await expect(queue.getByTestId(syncFilterTestId('attention'))).toHaveAttribute('aria-pressed', 'true');
    await expect(queue.getByTestId(TID.syncRow)).toHaveCount(2);
    await expect(row(queue, TID.syncRow, OFFLINE_LOAN)).toHaveCount(0);
    await queue.getByTestId(TID.syncReport).scrollIntoViewIfNeeded();
    await snap(page, testInfo, '08-report-needs-attention');
    await queue.getByTestId(syncFilterTestId('pending')).click();
    await expect(queue.getByTestId(TID.syncRow)).toHaveCount(0);
    await queue.getByTestId(syncFilterTestId('done')).click();
    await expect(queue.getByTestId(TID.syncRow)).toHaveCount(3);

    // The library system's own records agree: the offline loan with the date the patron was promised.
    const offlineLoanRecord = library.item(OFFLINE_LOAN).loan;
    expect(offlineLoanRecord?.patron).toBe(PATRON.card);
    const days = (Date.parse(offlineLoanRecord!.due) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13);
    expect(days).toBeLessThan(15);
    expect(library.item(LIVE).loan?.patron).toBe(PATRON.card);
    expect(library.item(OFFLINE_RETURN).loan).toBeUndefined();
    expect(library.item(OFFLINE_RETURN).holds[0]).toMatchObject({ patron: '2100007', ready: true });
    expect(library.item(NOT_LENT).loan).toBeUndefined();

    await page.getByTestId(TID.adminScreen).getByTestId(TID.adminClose).click();
    await expect(page.getByTestId(TID.kioskWelcome)).toBeVisible();
    await expect(banner).toHaveCount(0);

    // Away again: two books dropped off without a card. Staff set one aside (found on the shelf),
    // and export the other as a .koc file rather than wait for the library system.
    await library.stop();
    await expect(banner).toBeVisible({ timeout: 15_000 });
    await page.getByTestId(TID.returnBooks).click();
    for (const itemId of [LIVE, OFFLINE_LOAN]) {
      await scan(page, itemId);
      await expect(row(items, TID.itemRow, itemId)).toContainText(text('kiosk.row.queued'));
    }
    await page.getByTestId(TID.finishButton).click();
    await page.getByTestId(TID.finishDone).click();
    queue = await openSyncTab(page);
    await expect.poll(() => countOf(queue, ['pending', 'in_flight', 'failed'])).toBe(2);

    // The first attempt met the server gone: that row failed and may be retried or set aside.
    const failed = queue.locator(`[data-testid="${TID.syncRow}"][data-state="failed"]`);
    await expect(failed).toHaveCount(1);
    const setAside = (await failed.getAttribute('data-item'))!;
    const toExport = setAside === LIVE ? OFFLINE_LOAN : LIVE;
    await expect(failed.getByTestId(TID.syncDecision)).toHaveAttribute('data-decision', 'retrying');
    await failed.getByTestId(TID.syncRetry).click();
    await expect(failed.getByTestId(TID.syncRetried)).toHaveText(text('sync.retried'));
    await failed.getByTestId(TID.syncDiscard).click();
    const dialog = page.getByTestId(TID.syncDiscardDialog);
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(setAside);
    const reason = dialog.getByTestId(TID.syncDiscardReason);
    await expect(reason).toBeFocused();
    await reason.fill('ok');
    await dialog.getByTestId(TID.syncDiscardConfirm).click();
    await expect(reason).toHaveAttribute('aria-invalid', 'true');
    await snap(page, testInfo, '09-discard-reason-too-short');
    await reason.fill('Kitob javonda topildi');
    await dialog.getByTestId(TID.syncDiscardConfirm).click();
    await expect(dialog).toHaveCount(0);
    const discarded = row(queue, TID.syncRow, setAside).first();
    await expect(discarded).toHaveAttribute('data-decision', 'discarded');
    await expect(discarded).toContainText(text('sync.decision.discarded'));
    await expect(discarded).toContainText('Kitob javonda topildi');
    await discarded.scrollIntoViewIfNeeded();
    await snap(page, testInfo, '10-discarded');

    const waiting = row(queue, TID.syncRow, toExport).first();
    await expect(waiting).toHaveAttribute('data-decision', 'waiting');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      queue.getByTestId(TID.syncExport).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^bitig-offline-.+\.koc$/);
    const file = fs.readFileSync(await download.path(), 'utf8');
    expect(file).toContain(toExport);
    expect(file).not.toContain(setAside);
    const exported = queue.getByTestId(TID.syncExported);
    await expect(exported).toHaveAttribute('data-count', '1');
    await expect(exported).toContainText(download.suggestedFilename());
    await expect(waiting).toHaveAttribute('data-decision', 'exported');
    await expect.poll(() => countOf(queue, ['pending', 'in_flight', 'failed'])).toBe(0);
    await exported.scrollIntoViewIfNeeded();
    await snap(page, testInfo, '11-exported-koc');
  } finally {
    await kiosk?.stop();
    await library.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the scanning station’s Sync queue section: the same screen, with the staff PIN asked for', async ({
  page,
}, testInfo) => {
  const station = await startStation(['--role', 'station']);
  try {
    await page.goto(station.url);
    await expect(page.getByTestId(TID.operatorHome)).toBeVisible();
    await page.getByTestId(TID.languageBar).getByTestId(`lang-${LANGUAGE}`).click();
    const nav = page.getByTestId(navTestId('sync'));
    await expect(nav).toBeEnabled();
    await expect(nav).not.toContainText(text('operator.nav.soon'));
    await nav.click();
    await expect(nav).toHaveAttribute('aria-current', 'true');
    const queue = page.getByTestId(TID.syncQueue);
    await expect(queue.getByRole('heading', { level: 1 })).toHaveText(text('sync.title'));
    await expect(queue).toContainText(text('sync.target.none'));
    await expect(queue.getByTestId(TID.syncReport)).toContainText(text('sync.report.empty'));
    // No admin screen here: the export waits for a staff PIN of the right shape.
    const pin = queue.getByTestId(TID.syncStaffPin);
    await expect(pin).toBeVisible();
    await expect(queue.getByTestId(TID.syncExport)).toBeDisabled();
    // Card numbers in the report only with the PIN, checked once on the button, not as it is typed.
    const showCards = queue.getByTestId(TID.syncShowCards);
    await expect(showCards).toHaveText(text('sync.staffPin.showCards'));
    await expect(queue).toContainText(text('sync.staffPin.cardsHidden'));
    await expect(showCards).toBeDisabled();
    await pin.fill('12ab34');
    await expect(pin).toHaveValue('1234');
    await expect(queue.getByTestId(TID.syncExport)).toBeEnabled();
    await expect(showCards).toBeEnabled();
    await showCards.click();
    const refused = queue.getByTestId(TID.syncReport).getByTestId(TID.errorMessage);
    await expect(refused).toHaveAttribute('data-code', 'STAFF_PIN_NOT_SET');
    await expect(showCards).toBeVisible();
    // None has been set on this station: the core says so, in the interface language, with the command.
    await queue.getByTestId(TID.syncExport).click();
    const error = queue.getByTestId(TID.syncActionError);
    await expect(error).toHaveAttribute('data-code', 'STAFF_PIN_NOT_SET');
    await expect(error).toContainText(
      text('error.STAFF_PIN_NOT_SET').replace('{command}', 'bitig admin set-staff-pin'),
    );
    await snap(page, testInfo, 'operator-sync-queue');
  } finally {
    await station.stop();
  }
});
