import { execFileSync } from 'node:child_process';
import { navTestId, profileSourceTestId, TID } from '../../renderer/src/testids.js';
import { chooseLanguage, locale, msg, openOperator, snap } from './helpers.js';
import { test as base, expect, type RunningStation, startStation } from './web-host.js';

/**
 * Scan profiles on the scanning station in demo mode (`bitig serve --role station --demo`): on
 * the Scan profiles screen the operator adds profiles (a named page size, a custom one), is told
 * in their language when a name is taken, makes one the default; the new-job screen then starts
 * from it, page size included, and the job is created with it (changed for that job only). A
 * profile is deleted after the operator confirms, and deleting the default leaves none.
 */

const test = base.extend<{ scanStation: RunningStation }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take a destructuring first argument.
  scanStation: async ({}, use) => {
    const station = await startStation(['--role', 'station', '--demo']);
    await use(station);
    await station.stop();
  },
});

const ITEM = '3100021';

/** The job as `bitig jobs show --json` reads it from the running station's database. */
function jobShown(station: RunningStation, jobId: number): { profile: Record<string, unknown> } {
  const out = execFileSync(
    process.execPath,
    ['bin/bitig.cjs', 'jobs', 'show', String(jobId), '--json', '--data-dir', station.dataDir],
    { encoding: 'utf8' },
  );
  return JSON.parse(out);
}

test('scan profiles: add, refuse a taken name, make default, start a job from it, delete', async ({
  page,
  scanStation,
}, testInfo) => {
  test.setTimeout(90_000);
  const en = locale('en');
  const ru = locale('ru');
  await openOperator(page, scanStation.url);

  // The section, empty at first.
  await page.getByTestId(navTestId('profiles')).click();
  const screen = page.getByTestId(TID.scanProfiles);
  await expect(screen).toBeVisible();
  await expect(page.getByTestId(TID.scanProfilesEmpty)).toContainText(
    msg(en, 'operator.profiles.empty.title'),
  );
  await snap(page, testInfo, '01-profiles-empty');

  // A first profile: nothing is sent without a name; the first profile is ticked as the default.
  await page.getByTestId(TID.scanProfilesAdd).click();
  const editor = page.getByTestId(TID.scanProfileEditor);
  await expect(editor).toBeVisible();
  await expect(page.getByTestId(TID.scanProfileName)).toBeFocused();
  await expect(page.getByTestId(TID.scanProfileIsDefault)).toBeChecked();
  await page.getByTestId(TID.scanProfileSave).click();
  await expect(page.getByTestId(TID.scanProfileNameProblem)).toHaveText(
    msg(en, 'operator.profiles.editor.nameProblem.empty'),
  );
  await page.getByTestId(TID.scanProfileName).fill('Books A5');
  const device = editor.getByTestId(TID.profileDevice);
  await expect(device.locator('option[value="demo:feeder"]')).toHaveCount(1);
  await device.selectOption('demo:feeder');
  await editor.getByTestId(profileSourceTestId('adf')).check();
  await editor.getByTestId(TID.profileMode).selectOption('gray');
  await editor.getByTestId(TID.profileResolution).selectOption('150');
  await editor.getByTestId(TID.profilePageSize).selectOption('a5');
  // Made the default below, from the list.
  await page.getByTestId(TID.scanProfileIsDefault).uncheck();
  await snap(page, testInfo, '02-editor');
  await page.getByTestId(TID.scanProfileSave).click();
  await expect(editor).toHaveCount(0);
  await expect(page.getByTestId(TID.scanProfilesNotice)).toHaveText('Saved “Books A5”.');
  const rows = page.getByTestId(TID.scanProfileRow);
  await expect(rows).toHaveCount(1);
  const books = rows.filter({ hasText: 'Books A5' });
  await expect(books).toContainText(msg(en, 'operator.jobs.profile.demoDevice'));
  await expect(books).toContainText(msg(en, 'operator.jobs.profile.adf'));
  await expect(books).toContainText('150 dpi');
  await expect(books).toContainText(msg(en, 'operator.jobs.profile.size.a5'));
  await expect(books).toHaveAttribute('data-default', 'false');
  await expect(page.getByTestId(TID.scanProfilesDefault)).toHaveText(msg(en, 'operator.profiles.noDefault'));

  // A second one with a custom size: a size out of bounds is refused on the screen.
  await page.getByTestId(TID.scanProfilesAdd).click();
  await expect(page.getByTestId(TID.scanProfileIsDefault)).not.toBeChecked();
  await page.getByTestId(TID.scanProfileName).fill('Maps');
  await editor.getByTestId(TID.profileMode).selectOption('color');
  await editor.getByTestId(TID.profilePageSize).selectOption('custom');
  await editor.getByTestId(TID.profileWidth).fill('5');
  await editor.getByTestId(TID.profileHeight).fill('280');
  await expect(editor.getByTestId(TID.profileSizeProblem)).toBeVisible();
  await page.getByTestId(TID.scanProfileSave).click();
  await expect(editor).toBeVisible();
  await editor.getByTestId(TID.profileWidth).fill('200');
  await expect(editor.getByTestId(TID.profileSizeProblem)).toHaveCount(0);
  await page.getByTestId(TID.scanProfileSave).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Maps' })).toContainText('200 × 280 mm');

  // A taken name (in another case) is refused by the station, in the operator's language.
  await chooseLanguage(page, 'ru');
  await page.getByTestId(TID.scanProfilesAdd).click();
  await page.getByTestId(TID.scanProfileName).fill('  books   a5 ');
  await page.getByTestId(TID.scanProfileSave).click();
  const taken = page.getByTestId(TID.scanProfileSaveError);
  await expect(taken).toHaveAttribute('data-code', 'SCAN_PROFILE_NAME_TAKEN');
  await expect(taken).toHaveText(msg(ru, 'error.SCAN_PROFILE_NAME_TAKEN'));
  await snap(page, testInfo, '03-name-taken-ru-dialog');
  await page.keyboard.press('Escape');
  await expect(editor).toHaveCount(0);
  await expect(rows).toHaveCount(2);
  await snap(page, testInfo, '03-profiles-ru');
  await chooseLanguage(page, 'en');

  // Make "Books A5" the default.
  await books.getByTestId(TID.scanProfileMakeDefault).click();
  await expect(books).toHaveAttribute('data-default', 'true');
  await expect(books.getByTestId(TID.scanProfileDefaultMark)).toHaveText(
    msg(en, 'operator.profiles.isDefault'),
  );
  await expect(page.getByTestId(TID.scanProfilesDefault)).toHaveText(
    'New jobs start from the profile “Books A5”.',
  );
  await snap(page, testInfo, '04-profiles-default');

  // The new-job screen starts from the default, page size included.
  await page.getByTestId(navTestId('jobs')).click();
  await page.getByTestId(TID.jobsNew).click();
  await expect(page.getByTestId(TID.newJob)).toBeVisible();
  const saved = page.getByTestId(TID.profileSaved);
  await expect(saved.locator('option:checked')).toHaveText('Books A5 (default)');
  await expect(page.getByTestId(TID.profilePageSize)).toHaveValue('a5');
  await expect(page.getByTestId(TID.profileResolution)).toHaveValue('150');
  await expect(page.getByTestId(TID.profileDevice)).toHaveValue('demo:feeder');
  await expect(page.getByTestId(profileSourceTestId('adf'))).toBeChecked();
  await expect(page.getByTestId(TID.newJobBarcode)).toBeFocused();
  await expect(page.getByTestId(TID.profileSavedChanged)).toHaveCount(0);

  // Another saved profile fills the fields; back to the default, then one field changed for this job.
  await saved.selectOption({ label: 'Maps' });
  await expect(page.getByTestId(TID.profilePageSize)).toHaveValue('custom');
  await expect(page.getByTestId(TID.profileWidth)).toHaveValue('200');
  await saved.selectOption({ label: 'Books A5 (default)' });
  await expect(page.getByTestId(TID.profilePageSize)).toHaveValue('a5');
  await page.getByTestId(TID.profileResolution).selectOption('200');
  await expect(page.getByTestId(TID.profileSavedChanged)).toBeVisible();
  await snap(page, testInfo, '05-new-job-from-default');

  await page.getByTestId(TID.newJobBarcode).fill(ITEM);
  await page.getByTestId(TID.newJobCreate).click();
  await expect(page.getByTestId(TID.captureScreen)).toBeVisible();
  await expect(page.getByTestId(TID.jobHeader)).toContainText(ITEM);
  expect(jobShown(scanStation, 1).profile).toEqual({
    device: 'demo:feeder',
    source: 'adf',
    mode: 'gray',
    resolution: 200,
    pageSize: 'a5',
  });
  // The job's scan takes its profile (the demo feeder's pages are its own size).
  await page.getByTestId(TID.captureScan).click();
  await expect(page.getByTestId(TID.captureResult)).toContainText('Scan finished: 10 pages captured.', {
    timeout: 30_000,
  });

  // The saved profile kept its own resolution; deleting asks first, and the default goes with it.
  await page.getByTestId(navTestId('profiles')).click();
  await expect(books).toContainText('150 dpi');
  await books.getByTestId(TID.scanProfileDelete).click();
  const confirm = page.getByTestId(TID.scanProfileDeleteDialog);
  await expect(confirm).toContainText('“Books A5” will no longer be offered for new jobs.');
  await expect(confirm).toContainText(msg(en, 'operator.profiles.remove.wasDefault'));
  await expect(page.getByTestId(TID.scanProfileDeleteCancel)).toBeFocused();
  await snap(page, testInfo, '06-delete-confirm');
  await page.getByTestId(TID.scanProfileDeleteCancel).click();
  await expect(rows).toHaveCount(2);
  await books.getByTestId(TID.scanProfileDelete).click();
  await page.getByTestId(TID.scanProfileDeleteConfirm).click();
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId(TID.scanProfilesNotice)).toHaveText('Deleted “Books A5”.');
  await expect(page.getByTestId(TID.scanProfilesDefault)).toHaveText(msg(en, 'operator.profiles.noDefault'));

  // Kept by the station, not the browser: a fresh page load lists what is left.
  await page.reload();
  await page.getByTestId(navTestId('profiles')).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Maps');
  await snap(page, testInfo, '07-after-delete');
});
