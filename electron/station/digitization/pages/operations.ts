import type Database from 'better-sqlite3';
import type {
  CaptureOptions,
  CropBox,
  InsertWhere,
  JobPages,
  MasterFormat,
  NumberingRule,
  OperationKind,
  RelabelChange,
} from '../../contract/digitization-types.js';
import { DigitizationError, pageNotFound } from '../errors.js';
import { type JobRepo, type JobRow, parseNumbering } from '../jobs/job-repo.js';
import { isEditable } from '../jobs/lifecycle.js';
import { type Inverse, OperationLog } from './op-log.js';
import { insertBeside, moveTo, restoredOrder, without } from './ordering.js';
import { toPages } from './page-info.js';
import type { PageRepo, PageRow, PageSnapshot } from './page-repo.js';
import { addRotation, defaultSide, isPageSide, isPageType } from './page-types.js';

/** A master already written and fsynced, ready to be recorded. */
export interface StoredMaster {
  fileNo: number;
  path: string;
  sha256: string;
  bytes: number;
  format: MasterFormat;
  width: number;
  height: number;
  resolution: number | null;
  mode: string | null;
}

export interface RecordedPage {
  pageId: number;
  masterId: number;
  sequence: number;
}

/** Longest hand-set page label; labels are short ("xii", "Plate 3"), this only stops mistakes. */
const MAX_LABEL = 64;

/**
 * Every change to a job's pages. Each method is one SQLite transaction that makes the change and
 * logs its inverse, so a crash leaves either the old pages or the new ones, and `undo` reverts the
 * newest operation. Pages may change only while the job is editable (before packaging).
 */
export class PageOperations {
  readonly #log: OperationLog;

  constructor(
    private readonly db: Database.Database,
    private readonly jobs: JobRepo,
    private readonly pages: PageRepo,
    private readonly clock: () => string = () => new Date().toISOString(),
  ) {
    this.#log = new OperationLog(db);
  }

  get log(): OperationLog {
    return this.#log;
  }

  /** The job, if its pages may change now. */
  editableJob(jobId: number): JobRow {
    const job = this.jobs.require(jobId);
    if (!isEditable(job.state)) {
      throw new DigitizationError(
        'JOB_NOT_EDITABLE',
        `Job ${jobId} is ${job.state}: its pages can no longer change. Move it back to review first.`,
      );
    }
    return job;
  }

  /** Records a captured page after the job's last. Appending is not logged: undoing it is a delete. */
  append(jobId: number, master: StoredMaster, options: CaptureOptions = {}): RecordedPage {
    return this.#tx(() => {
      const job = this.editableJob(jobId);
      const now = this.clock();
      const masterId = this.pages.insertMaster({ ...master, jobId, capturedAt: now });
      const sequence = this.pages.nextSequence(jobId);
      const page = this.pages.insertPage({
        jobId,
        masterId,
        type: checkedType(options.type),
        side: checkedSide(options.side) ?? defaultSide(sequence),
        createdAt: now,
      });
      // The first page starts the capture; later state changes are the operator's.
      if (job.state === 'created')
        this.jobs.setState(jobId, 'created', 'capturing', 'first page captured', now);
      else this.jobs.touch(jobId, now);
      return { pageId: page.id, masterId, sequence: page.sequence };
    });
  }

  /** Records a captured page beside an existing one (a foldout, a missed page). */
  insert(
    jobId: number,
    master: StoredMaster,
    anchorId: number,
    where: InsertWhere,
    options: CaptureOptions = {},
  ): RecordedPage {
    return this.#tx(() => {
      this.editableJob(jobId);
      this.#live(jobId, [anchorId]);
      const now = this.clock();
      const order = this.pages.order(jobId);
      const sequence = order.indexOf(anchorId) + (where === 'after' ? 2 : 1);
      const masterId = this.pages.insertMaster({ ...master, jobId, capturedAt: now });
      const page = this.pages.insertPage({
        jobId,
        masterId,
        type: checkedType(options.type),
        side: checkedSide(options.side) ?? defaultSide(sequence),
        createdAt: now,
      });
      this.pages.setOrder(jobId, insertBeside(order, page.id, anchorId, where));
      this.#done(jobId, 'insert', { discard: [page.id], order }, now);
      return { pageId: page.id, masterId, sequence };
    });
  }

  /** Replaces a page's image with a new capture; the page keeps its place, type and label. */
  rescan(jobId: number, pageId: number, master: StoredMaster): RecordedPage {
    return this.#tx(() => {
      this.editableJob(jobId);
      const [row] = this.#live(jobId, [pageId]);
      const now = this.clock();
      const masterId = this.pages.insertMaster({ ...master, jobId, capturedAt: now });
      // The old master stays on disk and in the database: undo points the page back at it.
      this.pages.setMaster(pageId, masterId);
      this.#done(jobId, 'rescan', { pages: this.pages.snapshot([row!]) }, now);
      return { pageId, masterId, sequence: row!.sequence ?? 0 };
    });
  }

  /** Moves pages (kept in their relative order) so the first lands at `position` (1-based). */
  move(jobId: number, pageIds: readonly number[], position: number): JobPages {
    return this.#tx(() => {
      this.editableJob(jobId);
      this.#live(jobId, pageIds);
      if (!Number.isInteger(position) || position < 1) {
        throw new DigitizationError(
          'INVALID_OPERATION',
          `Position ${position} is not a page position (1, 2, …).`,
        );
      }
      const order = this.pages.order(jobId);
      const next = moveTo(order, pageIds, position);
      if (next.every((id, i) => id === order[i])) return this.jobPages(jobId);
      const now = this.clock();
      this.pages.setOrder(jobId, next);
      this.#done(jobId, 'reorder', { order }, now);
      return this.jobPages(jobId);
    });
  }

  /**
   * Takes pages out of the book. Their rows and files stay until the job is delivered, so the
   * delete can be undone until then. The numbering rule's front-matter page, if deleted, passes to
   * the nearest page before it, so the labels after it do not change.
   */
  delete(jobId: number, pageIds: readonly number[]): JobPages {
    return this.#tx(() => {
      const job = this.editableJob(jobId);
      const rows = this.#live(jobId, pageIds);
      const now = this.clock();
      const order = this.pages.order(jobId);
      const inverse: Inverse = { pages: this.pages.snapshot(rows), order };
      const rule = parseNumbering(job);
      if (rule?.frontMatterEndsAt != null && pageIds.includes(rule.frontMatterEndsAt)) {
        const gone = new Set(pageIds);
        const before = order.slice(0, order.indexOf(rule.frontMatterEndsAt)).filter((id) => !gone.has(id));
        this.jobs.setNumbering(jobId, { ...rule, frontMatterEndsAt: before.at(-1) ?? null }, now);
        inverse.numbering = { rule };
      }
      this.pages.markDeleted(pageIds, now);
      this.pages.setOrder(jobId, without(order, pageIds));
      this.#done(jobId, 'delete', inverse, now);
      return this.jobPages(jobId);
    });
  }

  /** Sets the type, hand label and/or side of a range of pages. */
  relabel(jobId: number, pageIds: readonly number[], change: RelabelChange): JobPages {
    const type = change.type === undefined ? undefined : checkedType(change.type);
    const side = checkedSide(change.side);
    const label = change.label === undefined ? undefined : checkedLabel(change.label);
    return this.#change(jobId, pageIds, 'relabel', (page) => ({
      ...page,
      type: type ?? page.type,
      side: side ?? page.side,
      label: label === undefined ? page.label : label,
    }));
  }

  /** Turns pages by a multiple of 90 degrees (negative turns counter-clockwise). */
  rotate(jobId: number, pageIds: readonly number[], by: number): JobPages {
    if (!Number.isInteger(by) || by % 90 !== 0 || by % 360 === 0) {
      throw new DigitizationError('INVALID_OPERATION', `Pages turn by 90, 180 or 270 degrees, not ${by}.`);
    }
    return this.#change(jobId, pageIds, 'rotate', (page) => ({
      ...page,
      rotation: addRotation(page.rotation, by),
    }));
  }

  /** Sets (or with null, clears) the crop box of a page, in master pixels. */
  crop(jobId: number, pageId: number, crop: CropBox | null): JobPages {
    return this.#change(jobId, [pageId], 'crop', (page, row) => ({ ...page, crop: checkedCrop(crop, row) }));
  }

  /** Sets the numbering rule (or with null, removes it); labels everywhere follow at once. */
  setNumbering(jobId: number, rule: NumberingRule | null): JobPages {
    return this.#tx(() => {
      const job = this.editableJob(jobId);
      if (rule) {
        if (rule.frontMatterEndsAt !== null) this.#live(jobId, [rule.frontMatterEndsAt]);
        for (const start of [rule.romanStart, rule.arabicStart]) {
          if (!Number.isInteger(start) || start < 1 || start > 3999) {
            throw new DigitizationError('INVALID_OPERATION', `Numbering starts at 1 or more, not ${start}.`);
          }
        }
      }
      const now = this.clock();
      this.jobs.setNumbering(jobId, rule, now);
      this.#done(jobId, 'numbering', { numbering: { rule: parseNumbering(job) } }, now);
      return this.jobPages(jobId);
    });
  }

  /** Reverts the job's newest operation. Returns what was undone. */
  undo(jobId: number): { kind: OperationKind; pages: JobPages } {
    return this.#tx(() => {
      this.editableJob(jobId);
      const op = this.#log.last(jobId);
      if (!op) throw new DigitizationError('NOTHING_TO_UNDO', `Job ${jobId} has no operation to undo.`);
      const now = this.clock();
      const { inverse } = op;
      for (const snapshot of inverse.pages ?? []) this.pages.write(snapshot);
      if (inverse.discard?.length) this.pages.markDeleted(inverse.discard, now);
      if (inverse.order) this.pages.setOrder(jobId, restoredOrder(inverse.order, this.pages.order(jobId)));
      if (inverse.numbering) this.jobs.setNumbering(jobId, inverse.numbering.rule, now);
      this.#log.remove(op.id);
      this.jobs.touch(jobId, now);
      return { kind: op.kind, pages: this.jobPages(jobId) };
    });
  }

  jobPages(jobId: number): JobPages {
    const job = this.jobs.require(jobId);
    const numbering = parseNumbering(job);
    return {
      jobId,
      numbering,
      pages: toPages(this.pages.live(jobId), numbering),
      undo: this.#log.lastInfo(jobId),
    };
  }

  /** An operation that rewrites some columns of some pages; undo writes the old columns back. */
  #change(
    jobId: number,
    pageIds: readonly number[],
    kind: OperationKind,
    edit: (page: PageSnapshot, row: PageRow) => PageSnapshot,
  ): JobPages {
    return this.#tx(() => {
      this.editableJob(jobId);
      const rows = this.#live(jobId, pageIds);
      const before = this.pages.snapshot(rows);
      for (const [i, page] of before.entries()) this.pages.write(edit(page, rows[i]!));
      this.#done(jobId, kind, { pages: before }, this.clock());
      return this.jobPages(jobId);
    });
  }

  #done(jobId: number, kind: OperationKind, inverse: Inverse, now: string): void {
    this.#log.push(jobId, kind, inverse, now);
    this.jobs.touch(jobId, now);
  }

  /** The rows of live pages of the job, in the order given; refuses unknown, deleted or repeated ids. */
  #live(jobId: number, pageIds: readonly number[]): PageRow[] {
    if (pageIds.length === 0) throw new DigitizationError('INVALID_OPERATION', 'No pages were chosen.');
    if (new Set(pageIds).size !== pageIds.length) {
      throw new DigitizationError('INVALID_OPERATION', 'A page was chosen twice.');
    }
    return pageIds.map((id) => {
      const row = this.pages.get(jobId, id);
      if (!row || row.sequence === null) throw pageNotFound(jobId, id);
      return row;
    });
  }

  #tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}

function checkedType(type: unknown): PageSnapshot['type'] {
  if (type === undefined) return 'normal';
  if (!isPageType(type))
    throw new DigitizationError('INVALID_OPERATION', `There is no page type ${String(type)}.`);
  return type;
}

function checkedSide(side: unknown): PageSnapshot['side'] | undefined {
  if (side === undefined) return undefined;
  if (!isPageSide(side))
    throw new DigitizationError('INVALID_OPERATION', `A page side is recto or verso, not ${String(side)}.`);
  return side;
}

function checkedLabel(label: string | null): string | null {
  if (label === null) return null;
  const trimmed = label.trim();
  if (trimmed.length > MAX_LABEL) {
    throw new DigitizationError('INVALID_OPERATION', `A page label has at most ${MAX_LABEL} characters.`);
  }
  // An emptied label field means "number it again", not a page called "".
  return trimmed === '' ? null : trimmed;
}

function checkedCrop(crop: CropBox | null, row: PageRow): CropBox | null {
  if (crop === null) return null;
  const { x, y, width, height } = crop;
  const whole = [x, y, width, height].every((v) => Number.isInteger(v));
  if (
    !whole ||
    x < 0 ||
    y < 0 ||
    width < 1 ||
    height < 1 ||
    x + width > row.width ||
    y + height > row.height
  ) {
    throw new DigitizationError(
      'INVALID_OPERATION',
      `The crop box must lie inside the ${row.width}×${row.height} image, in whole pixels.`,
    );
  }
  return { x, y, width, height };
}
