import type Database from 'better-sqlite3';
import type {
  PackageFormat,
  PackageLayout,
  PackagePhase,
  PackageProgress,
} from '../../contract/packaging.js';
import { packagePaths } from '../../packages/layout.js';

interface PackageRow {
  job_id: number;
  phase: PackagePhase;
  formats: string;
  layout: PackageLayout;
  ocr_languages: string;
  done: number;
  total: number;
  path: string | null;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

/** What was asked of a job's package, kept so a restart makes the same package. */
export interface PackageRequest {
  formats: PackageFormat[];
  layout: PackageLayout;
  ocrLanguages: string[];
}

/** OCR already done for a master in a language set. */
export interface OcrResult {
  altoPath: string;
  pdfPath: string;
  words: number;
}

/** Packages and OCR results in SQL; callers hold transactions. */
export class PackageRepo {
  constructor(private readonly db: Database.Database) {}

  start(jobId: number, request: PackageRequest, now: string): void {
    this.db
      .prepare(
        `INSERT INTO digitization_packages (job_id, phase, formats, layout, ocr_languages, started_at)
         VALUES (?, 'queued', ?, ?, ?, ?)
         ON CONFLICT (job_id) DO UPDATE SET phase = 'queued', formats = excluded.formats,
           layout = excluded.layout, ocr_languages = excluded.ocr_languages, done = 0, total = 0,
           path = NULL, error = NULL, started_at = excluded.started_at, finished_at = NULL`,
      )
      .run(jobId, JSON.stringify(request.formats), request.layout, JSON.stringify(request.ocrLanguages), now);
  }

  request(jobId: number): PackageRequest | null {
    const row = this.#row(jobId);
    if (!row) return null;
    return {
      formats: JSON.parse(row.formats) as PackageFormat[],
      layout: row.layout,
      ocrLanguages: JSON.parse(row.ocr_languages) as string[],
    };
  }

  progress(jobId: number, phase: PackagePhase, done: number, total: number): void {
    this.db
      .prepare('UPDATE digitization_packages SET phase = ?, done = ?, total = ? WHERE job_id = ?')
      .run(phase, done, total, jobId);
  }

  finish(
    jobId: number,
    phase: 'done' | 'failed' | 'cancelled',
    path: string | null,
    error: { code: string; message: string } | null,
    now: string,
  ): void {
    this.db
      .prepare(
        'UPDATE digitization_packages SET phase = ?, path = ?, error = ?, finished_at = ? WHERE job_id = ?',
      )
      .run(phase, path, error ? JSON.stringify(error) : null, now, jobId);
  }

  get(jobId: number): PackageProgress | null {
    const row = this.#row(jobId);
    if (!row) return null;
    return {
      jobId,
      phase: row.phase,
      done: row.done,
      total: row.total,
      path: row.path,
      pdf: packagePdf(row),
      error: row.error ? (JSON.parse(row.error) as PackageProgress['error']) : null,
    };
  }

  /** Jobs whose packaging a crash or a shutdown cut short. */
  unfinished(): number[] {
    return this.db
      .prepare<[], { job_id: number }>(
        "SELECT job_id FROM digitization_packages WHERE phase NOT IN ('done', 'failed', 'cancelled')",
      )
      .all()
      .map((r) => r.job_id);
  }

  ocr(masterId: number, languages: string): OcrResult | null {
    const row = this.db
      .prepare<[number, string], { alto_path: string; pdf_path: string; words: number }>(
        'SELECT alto_path, pdf_path, words FROM digitization_ocr WHERE master_id = ? AND languages = ?',
      )
      .get(masterId, languages);
    return row ? { altoPath: row.alto_path, pdfPath: row.pdf_path, words: row.words } : null;
  }

  saveOcr(masterId: number, languages: string, result: OcrResult, now: string): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO digitization_ocr (master_id, languages, alto_path, pdf_path, words, done_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(masterId, languages, result.altoPath, result.pdfPath, result.words, now);
  }

  #row(jobId: number): PackageRow | undefined {
    return this.db
      .prepare<[number], PackageRow>('SELECT * FROM digitization_packages WHERE job_id = ?')
      .get(jobId);
  }
}

/**
 * Where the finished package's PDF is (relative to the data directory), from what was asked: the
 * layout's PDF path inside the package root, which is the bag's `data/` with `bagit`, else the
 * package folder itself. The folder is `<packages>/<safe name>`, so its last part is the name.
 */
function packagePdf(row: PackageRow): string | null {
  if (row.phase !== 'done' || !row.path) return null;
  const formats = JSON.parse(row.formats) as PackageFormat[];
  if (!formats.includes('pdf')) return null;
  const name = row.path.split('/').pop() ?? '';
  if (!name) return null;
  const root = formats.includes('bagit') ? `${row.path}/data` : row.path;
  return `${root}/${packagePaths(row.layout, name, []).pdf}`;
}
