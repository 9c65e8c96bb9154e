import { DEMO_BOOKS, type DemoCatalogue, startDemoCatalogue } from '../../electron/station/catalog/index.js';
import { navTestId, sourceFieldTestId, TID } from '../../renderer/src/testids.js';
import { locale, msg, openOperator, snap } from './helpers.js';
import { test as base, expect, type RunningStation, startStation } from './web-host.js';

/**
 * The scanning station's catalog, end to end, in Uzbek (Latin): staff add the library's catalogue
 * on the Settings screen (a real SRU server the test runs, which it can take off the network) and
 * test it; a new job by ISBN shows the records found and the operator picks one; the job shows
 * title and author. Then the catalogue goes down: the job is made at once with its lookup pending,
 * and the station fills it in by itself when the catalogue is back, telling the operator.
 */
const STAFF_PIN = '2468';
const LANGUAGE = 'uz-Latn';
const KUNLAR = DEMO_BOOKS[0]!;
const LATER = DEMO_BOOKS.find((b) => b.format === 'unimarc')!;
const texts = locale(LANGUAGE);

const test = base.extend<{ scanStation: RunningStation; catalogue: DemoCatalogue }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take a destructuring first argument.
  catalogue: async ({}, use) => {
    const catalogue = await startDemoCatalogue();
    await use(catalogue);
    await catalogue.close();
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take a destructuring first argument.
  scanStation: async ({}, use) => {
    const station = await startStation(['--role', 'station', '--demo'], { staffPin: STAFF_PIN });
    await use(station);
    await station.stop();
  },
});

test('catalog: a source set up and tested by staff, a new job by ISBN, a lookup left pending offline and filled in', async ({
  page,
  scanStation,
  catalogue,
}, testInfo) => {
  // The background tries a pending lookup again 30 s after the first miss.
  test.setTimeout(150_000);
  await openOperator(page, scanStation.url, LANGUAGE);

  // Settings: the staff PIN, then the demo catalogue shown as built in, and a source added.
  await page.getByTestId(navTestId('settings')).click();
  await page.getByTestId(TID.settingsPin).fill(STAFF_PIN);
  await page.getByTestId(TID.settingsPinSubmit).click();
  await expect(page.getByTestId(TID.catalogSources)).toBeVisible();
  await expect(page.getByTestId(TID.catalogSourceRow)).toHaveAttribute('data-source-name', 'Demo catalogue');
  await expect(page.getByTestId(TID.catalogSourceBuiltIn)).toBeVisible();
  await page.getByTestId(TID.catalogSourcesAdd).click();
  await page.getByTestId(sourceFieldTestId('name')).fill('Milliy kutubxona');
  await page.getByTestId(sourceFieldTestId('url')).fill(catalogue.url);
  // The library's own index for inventory numbers (there is no common one).
  await page.getByTestId(sourceFieldTestId('queries.barcode.template')).fill('local.barcode={value}');
  await page.getByTestId(TID.catalogSourceTestValue).fill(KUNLAR.isbn);
  await page.getByTestId(TID.catalogSourceTest).click();
  const result = page.getByTestId(TID.catalogSourceTestResult);
  await expect(result).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId(TID.catalogSourceTestRecords)).toContainText(KUNLAR.title);
  await snap(page, testInfo, '01-source-tested');
  await page.getByTestId(TID.catalogSourceSave).click();
  await expect(page.getByTestId(TID.catalogSourceRow)).toHaveAttribute(
    'data-source-name',
    'Milliy kutubxona',
  );
  await expect(page.getByTestId(TID.catalogSourceBuiltIn)).toHaveCount(0);

  // A new job by ISBN: the record found is picked, and every job screen names the book.
  await page.getByTestId(navTestId('jobs')).click();
  await page.getByTestId(TID.jobsNew).click();
  await page.getByTestId(TID.newJobBarcode).fill(KUNLAR.isbn);
  await page.keyboard.press('Enter');
  const candidate = page.getByTestId(TID.newJobCandidate);
  await expect(candidate).toHaveCount(1);
  await expect(candidate).toContainText(KUNLAR.title);
  await expect(candidate).toHaveAttribute('data-source', 'Milliy kutubxona');
  await snap(page, testInfo, '02-candidates');
  await page.getByTestId(TID.newJobPick).click();
  await expect(page.getByTestId(TID.captureScreen)).toBeVisible();
  const header = page.getByTestId(TID.jobHeader);
  await expect(header.getByTestId(TID.jobTitle)).toContainText(KUNLAR.title);
  await expect(header.getByTestId(TID.jobAuthor)).toContainText('Qodiriy');
  await expect(page.getByTestId(TID.recordPanel)).toContainText(KUNLAR.publisher);
  await snap(page, testInfo, '03-job-with-record');

  // The catalogue goes down. The next book's job is made at once, its lookup pending.
  catalogue.setAvailable(false);
  await page.getByTestId(TID.jobBack).click();
  await page.getByTestId(TID.jobsNew).click();
  await page.getByTestId(TID.newJobBarcode).fill(LATER.barcode);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(TID.newJobSourceLine)).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId(TID.newJobCreatePending)).toHaveText(
    msg(texts, 'operator.catalog.lookup.createPending'),
  );
  await page.getByTestId(TID.newJobCreatePending).click();
  await expect(page.getByTestId(TID.captureScreen)).toBeVisible();
  await expect(page.getByTestId(TID.jobHeader).getByTestId(TID.lookupBadge)).toHaveAttribute(
    'data-lookup',
    'pending',
  );
  await snap(page, testInfo, '04-lookup-pending');

  // Back on the network: the station tries again by itself, fills the job in and says so.
  await page.getByTestId(TID.jobBack).click();
  catalogue.setAvailable(true);
  const notice = page.getByTestId(TID.recordNotice);
  await expect(notice).toBeVisible({ timeout: 60_000 });
  await expect(notice).toContainText(LATER.title);
  const row = page.getByTestId(TID.jobRow).filter({ hasText: LATER.barcode });
  await expect(row.getByTestId(TID.jobTitle)).toHaveText(LATER.title);
  await expect(row.getByTestId(TID.jobAuthor)).toContainText(LATER.authors[0]!.name.split(',')[0]!);
  await expect(row.getByTestId(TID.lookupBadge)).toHaveCount(0);
  await snap(page, testInfo, '05-record-arrived');
});
