import { describe, expect, it } from 'vitest';
import type {
  ContractError,
  JobDetail,
  OcrStatus,
  PackageProgress,
  PackageSettings,
} from '../../../electron/station/contract/index.js';
import { createI18n, knownErrorCode } from '../../../renderer/i18n/index.js';
import { openScreen } from '../../../renderer/src/screens/operator/jobs/job-format.js';
import {
  initialDraft,
  ocrChoices,
  packageFailure,
  packageRequest,
  packageSteps,
} from '../../../renderer/src/stores/jobs/package.js';
import { tocEntries } from '../../../renderer/src/stores/jobs/toc.js';
import { createJobsStore } from '../../../renderer/src/stores/jobs.js';
import { FakeApi } from './fake-api.js';
import { jobDetail, ok, pageInfo, settle } from './job-fixtures.js';

const SETTINGS: PackageSettings = {
  formats: ['mets', 'alto', 'pdf'],
  layout: 'goobi',
  pdfa: false,
  tiffInPdf: 'lossless',
  iiifBaseUrl: 'https://repo.example.uz/iiif/{id}/',
  rights: null,
};
const OCR: OcrStatus = {
  available: true,
  version: '5.3.4',
  languages: ['eng', 'osd', 'rus', 'uzb', 'uzb_cyrl'],
};
const NO_OCR: OcrStatus = { available: false, version: null, languages: [] };

const progress = (patch: Partial<PackageProgress>): PackageProgress => ({
  jobId: 1,
  phase: 'queued',
  done: 0,
  total: 0,
  path: null,
  pdf: null,
  error: null,
  ...patch,
});

const reviewed = (patch: Partial<JobDetail> = {}) =>
  jobDetail([pageInfo(1, 1), pageInfo(2, 2)], {
    state: 'reviewed',
    allowedTransitions: ['packaging', 'failed'],
    editable: false,
    ocrLanguages: ['uzb_cyrl', 'kaz', 'rus'],
    ...patch,
  });

function setup(
  detail: JobDetail = reviewed(),
  ocr: OcrStatus = OCR,
  openUrl: (url: string) => void = () => {},
) {
  const api = new FakeApi();
  let current = detail;
  let now: PackageProgress | null = null;
  api.handle('jobs.get', () => ok(current));
  api.handle('packaging.settings', () => ok(SETTINGS));
  api.handle('ocr.status', () => ok(ocr));
  api.handle('jobs.packageProgress', () => ok(now));
  api.handle('jobs.package', () => {
    now = progress({ phase: 'queued' });
    current = { ...current, state: 'packaging' };
    return ok(now);
  });
  api.handle('jobs.cancelPackage', () => {
    now = progress({ phase: 'cancelled' });
    current = { ...current, state: 'reviewed' };
    return ok(now);
  });
  const store = createJobsStore(api, { refreshDelayMs: 0, openUrl });
  return {
    api,
    store,
    setProgress(p: PackageProgress | null) {
      now = p;
    },
    calls: (method: string) => api.calls.filter((c) => c.method === method).map((c) => c.input),
  };
}

async function openPackage(t: ReturnType<typeof setup>) {
  await t.store.getState().openJob(1, 'package');
  await settle();
}

describe('the table of contents preview', () => {
  it('lists the structural pages in order, a run of one type as one part, each chapter on its own', () => {
    const pages = [
      { sequence: 1, type: 'cover' as const, label: null },
      { sequence: 2, type: 'title' as const, label: null },
      { sequence: 3, type: 'contents' as const, label: 'v' },
      { sequence: 4, type: 'contents' as const, label: 'vi' },
      { sequence: 5, type: 'preface' as const, label: 'vii' },
      { sequence: 6, type: 'chapter' as const, label: '1' },
      { sequence: 7, type: 'normal' as const, label: '2' },
      { sequence: 8, type: 'chapter' as const, label: '3' },
      { sequence: 9, type: 'chapter' as const, label: '4' },
      { sequence: 11, type: 'appendix' as const, label: '6' },
      { sequence: 10, type: 'index' as const, label: '5' },
    ];
    expect(tocEntries(pages)).toEqual([
      { type: 'title', label: null, first: 2, last: 2 },
      { type: 'contents', label: 'v', first: 3, last: 4 },
      { type: 'preface', label: 'vii', first: 5, last: 5 },
      { type: 'chapter', label: '1', first: 6, last: 6 },
      { type: 'chapter', label: '3', first: 8, last: 8 },
      { type: 'chapter', label: '4', first: 9, last: 9 },
      { type: 'index', label: '5', first: 10, last: 10 },
      { type: 'appendix', label: '6', first: 11, last: 11 },
    ]);
  });

  it('is empty for a book of plain pages, and two runs of one type apart are two parts', () => {
    expect(tocEntries([{ sequence: 1, type: 'normal', label: '1' }])).toEqual([]);
    const apart = tocEntries([
      { sequence: 1, type: 'index', label: null },
      { sequence: 2, type: 'normal', label: null },
      { sequence: 3, type: 'index', label: null },
    ]);
    expect(apart.map((e) => [e.first, e.last])).toEqual([
      [1, 1],
      [3, 3],
    ]);
  });
});

describe('package choices, pure', () => {
  it('offers the installed languages without Tesseract’s helper files; none without OCR', () => {
    expect(ocrChoices(OCR)).toEqual(['eng', 'rus', 'uzb', 'uzb_cyrl']);
    expect(ocrChoices(NO_OCR)).toEqual([]);
  });

  it('starts from the site’s formats and layout and the record’s installed languages', () => {
    expect(initialDraft(SETTINGS, OCR, { ocrLanguages: ['uzb_cyrl', 'kaz', 'rus'] })).toEqual({
      formats: ['mets', 'alto', 'pdf'],
      ocr: true,
      languages: ['uzb_cyrl', 'rus'],
      layout: 'goobi',
    });
    expect(initialDraft(SETTINGS, NO_OCR, { ocrLanguages: ['rus'] }).ocr).toBe(false);
  });

  it('sends an empty language list for no OCR and refuses no format or OCR in no language', () => {
    const draft = { formats: ['pdf' as const], ocr: false, languages: ['rus'], layout: 'bag' as const };
    expect(packageRequest(3, draft, OCR)).toEqual({
      input: { jobId: 3, formats: ['pdf'], ocrLanguages: [], layout: 'bag' },
    });
    expect(packageRequest(3, { ...draft, formats: [] }, OCR)).toEqual({ problem: 'noFormat' });
    expect(packageRequest(3, { ...draft, ocr: true, languages: [] }, OCR)).toEqual({ problem: 'noLanguage' });
    // The station cannot read: packaging goes on without OCR whatever was ticked.
    expect(packageRequest(3, { ...draft, ocr: true, languages: [] }, NO_OCR)).toMatchObject({
      input: { ocrLanguages: [] },
    });
  });

  it('marks the phases before the current one done and counts the current one’s pages', () => {
    const steps = packageSteps(progress({ phase: 'pdf', done: 3, total: 10 }));
    expect(steps.map((s) => [s.phase, s.state])).toEqual([
      ['images', 'done'],
      ['ocr', 'done'],
      ['pdf', 'current'],
      ['metadata', 'waiting'],
      ['bag', 'waiting'],
    ]);
    expect(steps[2]).toMatchObject({ done: 3, total: 10 });
    expect(packageSteps(progress({ phase: 'done' })).every((s) => s.state === 'done')).toBe(true);
  });

  it('opens a job with a package (or one failed while packaging) on its package', () => {
    expect(openScreen({ state: 'packaging', pageCount: 3 })).toBe('package');
    expect(openScreen({ state: 'packaged', pageCount: 3 })).toBe('package');
    expect(openScreen({ state: 'failed', pageCount: 3, failedFrom: 'packaging' })).toBe('package');
    expect(openScreen({ state: 'failed', pageCount: 3, failedFrom: 'capturing' })).toBe('review');
  });
});

describe('packaging a job through the store', () => {
  it('preselects from the settings and the record, then starts with the formats, languages and layout chosen', async () => {
    const t = setup();
    await openPackage(t);
    const st = t.store.getState();
    expect(st.screen).toBe('package');
    expect(st.packageDraft).toEqual({
      formats: ['mets', 'alto', 'pdf'],
      ocr: true,
      languages: ['uzb_cyrl', 'rus'],
      layout: 'goobi',
    });
    st.setPackageFormat('alto', false);
    st.setPackageFormat('iiif', true);
    st.setOcrLanguage('rus', false);
    st.setOcrLanguage('eng', true);
    st.setPackageLayout('bag');
    await t.store.getState().startPackage();
    expect(t.calls('jobs.package')).toEqual([
      { jobId: 1, formats: ['mets', 'pdf', 'iiif'], ocrLanguages: ['uzb_cyrl', 'eng'], layout: 'bag' },
    ]);
    expect(t.store.getState().packageProgress?.phase).toBe('queued');
    await settle();
    expect(t.store.getState().job?.state).toBe('packaging');
  });

  it('takes at most four OCR languages; "no OCR" sends an empty list', async () => {
    const t = setup(reviewed({ ocrLanguages: [] }), {
      ...OCR,
      languages: ['eng', 'rus', 'uzb', 'uzb_cyrl', 'kaz'],
    });
    await openPackage(t);
    const st = t.store.getState();
    for (const l of ['eng', 'rus', 'uzb', 'uzb_cyrl', 'kaz']) st.setOcrLanguage(l, true);
    expect(t.store.getState().packageDraft?.languages).toEqual(['eng', 'rus', 'uzb', 'uzb_cyrl']);
    st.setOcr(false);
    await t.store.getState().startPackage();
    expect(t.calls('jobs.package')).toEqual([
      { jobId: 1, formats: ['mets', 'alto', 'pdf'], ocrLanguages: [], layout: 'goobi' },
    ]);
  });

  it('sends nothing when no format is ticked, and says so', async () => {
    const t = setup();
    await openPackage(t);
    for (const f of ['mets', 'alto', 'pdf'] as const) t.store.getState().setPackageFormat(f, false);
    await t.store.getState().startPackage();
    expect(t.calls('jobs.package')).toEqual([]);
    expect(t.store.getState().packageProblem).toBe('noFormat');
  });

  it('without OCR on the station, offers no languages and packages without OCR', async () => {
    const t = setup(reviewed(), NO_OCR);
    await openPackage(t);
    expect(t.store.getState().packageDraft?.ocr).toBe(false);
    await t.store.getState().startPackage();
    expect(t.calls('jobs.package')).toMatchObject([{ ocrLanguages: [] }]);
  });

  it('follows the job’s package events: phase and pages, then the job read again at the end', async () => {
    const t = setup();
    await openPackage(t);
    await t.store.getState().startPackage();
    t.api.emit('job.package', progress({ phase: 'ocr', done: 4, total: 12 }));
    expect(t.store.getState().packageProgress).toMatchObject({ phase: 'ocr', done: 4, total: 12 });
    // Another job's progress is not this one's.
    t.api.emit('job.package', progress({ jobId: 9, phase: 'bag', done: 1, total: 1 }));
    expect(t.store.getState().packageProgress?.phase).toBe('ocr');
    const reads = t.calls('jobs.get').length;
    t.api.emit('job.package', progress({ phase: 'done', path: 'packages/3100009' }));
    await settle();
    expect(t.store.getState().packageProgress).toMatchObject({ phase: 'done', path: 'packages/3100009' });
    expect(t.calls('jobs.get').length).toBeGreaterThan(reads);
  });

  it('stops a running package', async () => {
    const t = setup();
    await openPackage(t);
    await t.store.getState().startPackage();
    await t.store.getState().cancelPackage();
    expect(t.calls('jobs.cancelPackage')).toEqual([{ jobId: 1 }]);
    expect(t.store.getState().packageProgress?.phase).toBe('cancelled');
    await settle();
    expect(t.store.getState().job?.state).toBe('reviewed');
  });

  it('a failed package shows its error translated, and the core’s refusal to start too', async () => {
    const t = setup(reviewed({ state: 'failed', failedFrom: 'packaging' }));
    t.setProgress(
      progress({ phase: 'failed', error: { code: 'OCR_LANGUAGE_MISSING', message: 'kaz not installed' } }),
    );
    await t.store.getState().openJob(1, 'review');
    await settle();
    const failure = packageFailure(t.store.getState().packageProgress);
    expect(failure?.code).toBe('OCR_LANGUAGE_MISSING');
    const ru = createI18n('ru').t(($) => $.error[knownErrorCode(failure?.code ?? '')]);
    expect(ru).toMatch(/[а-я]/);
    expect(ru).not.toContain('kaz not installed');

    const refused: ContractError = { code: 'PACKAGE_SETTINGS_MISSING', message: 'no rights' };
    t.api.handle('jobs.package', () => ({ ok: false, error: refused }));
    await t.store.getState().showPackage();
    await t.store.getState().startPackage();
    expect(t.store.getState().packageError).toEqual(refused);
  });

  it('reads where the package stands when a packaging job opens', async () => {
    const t = setup(reviewed({ state: 'packaging' }));
    t.setProgress(progress({ phase: 'images', done: 2, total: 5 }));
    await t.store.getState().openJob(1, 'package');
    await settle();
    expect(t.store.getState().packageProgress).toMatchObject({ phase: 'images', done: 2, total: 5 });
  });

  it('opens the finished PDF: a new tab on the web host, with the token; the desktop opens it itself', async () => {
    const tabs: string[] = [];
    const web = setup(reviewed({ state: 'packaged' }), OCR, (url) => tabs.push(url));
    web.api.fileUrl = (p: string) => `http://127.0.0.1:8080${p}?token=abc`;
    web.setProgress(progress({ phase: 'done', path: 'packages/b', pdf: 'packages/b/data/b.pdf' }));
    web.api.handle('jobs.openPackagePdf', () => ok({ opened: false, url: '/packages/1/pdf' }));
    await openPackage(web);
    await web.store.getState().openPackagePdf();
    expect(web.calls('jobs.openPackagePdf')).toEqual([{ jobId: 1 }]);
    expect(tabs).toEqual(['http://127.0.0.1:8080/packages/1/pdf?token=abc']);
    expect(web.store.getState().packagePdf).toBe('tab');

    const desktop = setup(reviewed({ state: 'packaged' }), OCR, (url) => tabs.push(url));
    desktop.api.handle('jobs.openPackagePdf', () => ok({ opened: true, url: null }));
    await openPackage(desktop);
    await desktop.store.getState().openPackagePdf();
    expect(desktop.store.getState().packagePdf).toBe('desktop');
    expect(tabs).toHaveLength(1);
  });

  it('shows the core refusing to open the PDF, and opens nothing', async () => {
    const tabs: string[] = [];
    const t = setup(reviewed({ state: 'packaged' }), OCR, (url) => tabs.push(url));
    t.api.handle('jobs.openPackagePdf', () => ({
      ok: false,
      error: { code: 'FOLDER_MISSING', message: 'gone' },
    }));
    await openPackage(t);
    await t.store.getState().openPackagePdf();
    expect(t.store.getState().packagePdf).toBeNull();
    expect(t.store.getState().packageError).toMatchObject({ code: 'FOLDER_MISSING' });
    expect(tabs).toEqual([]);
  });
});
