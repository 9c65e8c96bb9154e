import type Database from 'better-sqlite3';
import type {
  CropBox,
  MasterFormat,
  PageSide,
  PageType,
  QcFlag,
  QcMetrics,
  Rotation,
} from '../../contract/digitization-types.js';

/** A page joined with its current master: everything a PageInfo is made from. */
export interface PageRow {
  id: number;
  job_id: number;
  sequence: number | null;
  master_id: number;
  page_type: PageType;
  label: string | null;
  side: PageSide;
  rotation: Rotation;
  crop: string | null;
  deleted_at: string | null;
  file_no: number;
  path: string;
  sha256: string;
  bytes: number;
  format: MasterFormat;
  width: number;
  height: number;
  resolution: number | null;
  captured_at: string;
  view_path: string | null;
  view_width: number | null;
  view_height: number | null;
  thumb_path: string | null;
  thumb_width: number | null;
  thumb_height: number | null;
  derived_at: string | null;
  derive_error: string | null;
  qc_flags: string | null;
  qc_metrics: string | null;
  qc_at: string | null;
}

/** The columns an operation may change on a page, saved so undo can put them back exactly. */
export interface PageSnapshot {
  id: number;
  masterId: number;
  type: PageType;
  label: string | null;
  side: PageSide;
  rotation: Rotation;
  crop: CropBox | null;
  deletedAt: string | null;
}

export interface NewMaster {
  jobId: number;
  fileNo: number;
  path: string;
  sha256: string;
  bytes: number;
  format: MasterFormat;
  width: number;
  height: number;
  resolution: number | null;
  mode: string | null;
  capturedAt: string;
}

export interface NewPage {
  jobId: number;
  masterId: number;
  type: PageType;
  side: PageSide;
  createdAt: string;
}

/** A master whose derivatives are to be made, with what quality control needs to judge it. */
export interface MasterTask {
  id: number;
  job_id: number;
  file_no: number;
  path: string;
  resolution: number | null;
  profile: string;
}

export interface MasterCheck {
  id: number;
  job_id: number;
  derived_at: string | null;
  view_path: string | null;
  view_bytes: number | null;
  thumb_path: string | null;
  thumb_bytes: number | null;
}

export interface Derivative {
  path: string;
  width: number;
  height: number;
  bytes: number;
}

const PAGE_SELECT = `
  SELECT p.id, p.job_id, p.sequence, p.master_id, p.page_type, p.label, p.side, p.rotation, p.crop, p.deleted_at,
    m.file_no, m.path, m.sha256, m.bytes, m.format, m.width, m.height, m.resolution, m.captured_at,
    m.view_path, m.view_width, m.view_height, m.thumb_path, m.thumb_width, m.thumb_height,
    m.derived_at, m.derive_error, m.qc_flags, m.qc_metrics, m.qc_at
  FROM digitization_pages p JOIN digitization_masters m ON m.id = p.master_id`;

/**
 * Temporary sequences while a new order is written: the unique index on (job, sequence) forbids
 * two live pages sharing a number even mid-update, so pages step aside to negative numbers first.
 * Revived pages use a range of their own that the reorder's range cannot reach.
 */
const REVIVED_BASE = -1_000_000_000;

/** Pages and masters. Callers hold the transaction; this only speaks SQL. */
export class PageRepo {
  readonly #live: Database.Statement<[number], PageRow>;
  readonly #one: Database.Statement<[number, number], PageRow>;
  readonly #order: Database.Statement<[number], number>;
  readonly #liveSequences: Database.Statement<[number], { id: number; sequence: number }>;
  readonly #setSequence: Database.Statement<[number, number]>;
  readonly #maxSequence: Database.Statement<[number], number | null>;
  readonly #insertMaster: Database.Statement;
  readonly #insertPage: Database.Statement;
  readonly #markDeleted: Database.Statement<[string, number]>;
  readonly #restore: Database.Statement;
  readonly #setMaster: Database.Statement<[number, number]>;
  readonly #maxFileNo: Database.Statement<[number], number | null>;
  readonly #masterTask: Database.Statement<[number], MasterTask>;
  readonly #recordDerivatives: Database.Statement;
  readonly #recordQc: Database.Statement;
  readonly #recordError: Database.Statement;
  readonly #clearDerivatives: Database.Statement<[number]>;
  readonly #pagesOfMaster: Database.Statement<[number], { id: number; job_id: number }>;
  readonly #mastersToCheck: Database.Statement<[], MasterCheck>;
  readonly #deletedPages: Database.Statement<[number], number>;
  readonly #deletePage: Database.Statement<[number]>;
  readonly #deleteUnreferencedMasters: Database.Statement<[number]>;
  readonly #masterFiles: Database.Statement<
    [number],
    { path: string; view_path: string | null; thumb_path: string | null }
  >;

  constructor(db: Database.Database) {
    this.#live = db.prepare(
      `${PAGE_SELECT} WHERE p.job_id = ? AND p.sequence IS NOT NULL ORDER BY p.sequence`,
    );
    this.#one = db.prepare(`${PAGE_SELECT} WHERE p.job_id = ? AND p.id = ?`);
    this.#order = db
      .prepare<[number], number>(
        'SELECT id FROM digitization_pages WHERE job_id = ? AND sequence IS NOT NULL ORDER BY sequence',
      )
      .pluck();
    this.#liveSequences = db.prepare(
      'SELECT id, sequence FROM digitization_pages WHERE job_id = ? AND sequence IS NOT NULL',
    );
    this.#setSequence = db.prepare('UPDATE digitization_pages SET sequence = ? WHERE id = ?');
    this.#maxSequence = db
      .prepare<[number], number | null>('SELECT max(sequence) FROM digitization_pages WHERE job_id = ?')
      .pluck();
    this.#insertMaster = db.prepare(
      `INSERT INTO digitization_masters
         (job_id, file_no, path, sha256, bytes, format, width, height, resolution, mode, captured_at)
       VALUES (@jobId, @fileNo, @path, @sha256, @bytes, @format, @width, @height, @resolution, @mode, @capturedAt)`,
    );
    this.#insertPage = db.prepare(
      `INSERT INTO digitization_pages (job_id, sequence, master_id, page_type, side, created_at)
       VALUES (@jobId, @sequence, @masterId, @type, @side, @createdAt)`,
    );
    this.#markDeleted = db.prepare(
      'UPDATE digitization_pages SET deleted_at = ?, sequence = NULL WHERE id = ?',
    );
    this.#restore = db.prepare(
      `UPDATE digitization_pages
       SET master_id = @masterId, page_type = @type, label = @label, side = @side, rotation = @rotation,
           crop = @crop, deleted_at = @deletedAt,
           sequence = CASE WHEN @deletedAt IS NOT NULL THEN NULL
                           WHEN sequence IS NULL THEN ${REVIVED_BASE} - id
                           ELSE sequence END
       WHERE id = @id`,
    );
    this.#setMaster = db.prepare('UPDATE digitization_pages SET master_id = ? WHERE id = ?');
    this.#maxFileNo = db
      .prepare<[number], number | null>('SELECT max(file_no) FROM digitization_masters WHERE job_id = ?')
      .pluck();
    this.#masterTask = db.prepare(
      `SELECT m.id, m.job_id, m.file_no, m.path, m.resolution, j.profile
       FROM digitization_masters m JOIN digitization_jobs j ON j.id = m.job_id WHERE m.id = ?`,
    );
    this.#recordDerivatives = db.prepare(
      `UPDATE digitization_masters SET
         view_path = @viewPath, view_width = @viewWidth, view_height = @viewHeight, view_bytes = @viewBytes,
         thumb_path = @thumbPath, thumb_width = @thumbWidth, thumb_height = @thumbHeight, thumb_bytes = @thumbBytes,
         derived_at = @at, derive_error = NULL
       WHERE id = @id`,
    );
    this.#recordQc = db.prepare(
      'UPDATE digitization_masters SET qc_flags = @flags, qc_metrics = @metrics, qc_at = @at WHERE id = @id',
    );
    this.#recordError = db.prepare(
      `UPDATE digitization_masters SET derive_error = @message, qc_flags = '["unreadable"]', qc_metrics = NULL,
         qc_at = @at WHERE id = @id`,
    );
    this.#clearDerivatives = db.prepare('UPDATE digitization_masters SET derived_at = NULL WHERE id = ?');
    this.#pagesOfMaster = db.prepare('SELECT id, job_id FROM digitization_pages WHERE master_id = ?');
    this.#mastersToCheck = db.prepare(
      `SELECT DISTINCT m.id, m.job_id, m.derived_at, m.view_path, m.view_bytes, m.thumb_path, m.thumb_bytes
       FROM digitization_masters m
         JOIN digitization_pages p ON p.master_id = m.id
         JOIN digitization_jobs j ON j.id = m.job_id
       WHERE j.state != 'delivered' AND m.derive_error IS NULL
       ORDER BY m.job_id, m.file_no`,
    );
    this.#deletedPages = db
      .prepare<[number], number>(
        'SELECT id FROM digitization_pages WHERE job_id = ? AND deleted_at IS NOT NULL',
      )
      .pluck();
    this.#deletePage = db.prepare('DELETE FROM digitization_pages WHERE id = ?');
    this.#deleteUnreferencedMasters = db.prepare(
      `DELETE FROM digitization_masters WHERE job_id = ?
         AND id NOT IN (SELECT master_id FROM digitization_pages)`,
    );
    this.#masterFiles = db.prepare(
      'SELECT path, view_path, thumb_path FROM digitization_masters WHERE job_id = ?',
    );
  }

  live(jobId: number): PageRow[] {
    return this.#live.all(jobId);
  }

  /** A page of the job, live or deleted. */
  get(jobId: number, pageId: number): PageRow | undefined {
    return this.#one.get(jobId, pageId);
  }

  order(jobId: number): number[] {
    return this.#order.all(jobId);
  }

  nextSequence(jobId: number): number {
    return (this.#maxSequence.get(jobId) ?? 0) + 1;
  }

  maxFileNo(jobId: number): number {
    return this.#maxFileNo.get(jobId) ?? 0;
  }

  insertMaster(master: NewMaster): number {
    return Number(this.#insertMaster.run(master).lastInsertRowid);
  }

  /** Appends a page after the job's last; `setOrder` then moves it if it belongs elsewhere. */
  insertPage(page: NewPage): { id: number; sequence: number } {
    const sequence = this.nextSequence(page.jobId);
    const info = this.#insertPage.run({ ...page, sequence });
    return { id: Number(info.lastInsertRowid), sequence };
  }

  /**
   * Gives the job's live pages the sequences 1..n in the order of `ids`. Every live page must be
   * listed (delete pages first); only pages whose number changes are written.
   */
  setOrder(jobId: number, ids: readonly number[]): void {
    const current = new Map(this.#liveSequences.all(jobId).map((r) => [r.id, r.sequence]));
    if (current.size !== ids.length || ids.some((id) => !current.has(id))) {
      throw new Error(`The new order of job ${jobId} does not list exactly its live pages.`);
    }
    const changed = ids.flatMap((id, index) =>
      current.get(id) === index + 1 ? [] : [[id, index + 1] as const],
    );
    for (const [id, sequence] of changed) this.#setSequence.run(-sequence, id);
    for (const [id, sequence] of changed) this.#setSequence.run(sequence, id);
  }

  markDeleted(ids: readonly number[], now: string): void {
    for (const id of ids) this.#markDeleted.run(now, id);
  }

  snapshot(rows: readonly PageRow[]): PageSnapshot[] {
    return rows.map((row) => ({
      id: row.id,
      masterId: row.master_id,
      type: row.page_type,
      label: row.label,
      side: row.side,
      rotation: row.rotation,
      crop: row.crop ? (JSON.parse(row.crop) as CropBox) : null,
      deletedAt: row.deleted_at,
    }));
  }

  /**
   * Writes a page's columns (an operation's change, or undo's saved copy). A page coming back to
   * life gets a temporary number; `setOrder` places it.
   */
  write(snapshot: PageSnapshot): void {
    this.#restore.run({ ...snapshot, crop: snapshot.crop ? JSON.stringify(snapshot.crop) : null });
  }

  setMaster(pageId: number, masterId: number): void {
    this.#setMaster.run(masterId, pageId);
  }

  masterTask(masterId: number): MasterTask | undefined {
    return this.#masterTask.get(masterId);
  }

  recordDerivatives(masterId: number, view: Derivative, thumb: Derivative, at: string): void {
    this.#recordDerivatives.run({
      id: masterId,
      viewPath: view.path,
      viewWidth: view.width,
      viewHeight: view.height,
      viewBytes: view.bytes,
      thumbPath: thumb.path,
      thumbWidth: thumb.width,
      thumbHeight: thumb.height,
      thumbBytes: thumb.bytes,
      at,
    });
  }

  recordQc(masterId: number, flags: QcFlag[], metrics: QcMetrics, at: string): void {
    this.#recordQc.run({ id: masterId, flags: JSON.stringify(flags), metrics: JSON.stringify(metrics), at });
  }

  recordDeriveError(masterId: number, message: string, at: string): void {
    this.#recordError.run({ id: masterId, message, at });
  }

  clearDerivatives(masterId: number): void {
    this.#clearDerivatives.run(masterId);
  }

  pagesOfMaster(masterId: number): { id: number; job_id: number }[] {
    return this.#pagesOfMaster.all(masterId);
  }

  /** Masters some page uses (live or deleted: undo may bring it back), in jobs still being worked on. */
  mastersToCheck(): MasterCheck[] {
    return this.#mastersToCheck.all();
  }

  /** Forgets deleted pages and masters no page uses; returns the files the job still needs. */
  purgeRows(jobId: number): Set<string> {
    for (const id of this.#deletedPages.all(jobId)) this.#deletePage.run(id);
    this.#deleteUnreferencedMasters.run(jobId);
    const keep = new Set<string>();
    for (const files of this.#masterFiles.all(jobId)) {
      keep.add(files.path);
      if (files.view_path) keep.add(files.view_path);
      if (files.thumb_path) keep.add(files.thumb_path);
    }
    return keep;
  }
}
