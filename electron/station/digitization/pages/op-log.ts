import type Database from 'better-sqlite3';
import type { NumberingRule, OperationKind, UndoInfo } from '../../contract/digitization-types.js';
import type { PageSnapshot } from './page-repo.js';

/**
 * What it takes to revert one operation, applied in this order: page columns put back, pages the
 * operation added set aside (deleted, files kept), the page order restored, the numbering rule
 * restored. Every operation is expressed with these few pieces, so undo has one code path.
 */
export interface Inverse {
  pages?: PageSnapshot[];
  discard?: number[];
  order?: number[];
  numbering?: { rule: NumberingRule | null };
}

export interface LoggedOperation {
  id: number;
  jobId: number;
  kind: OperationKind;
  inverse: Inverse;
  at: string;
}

/** The undo log. Callers hold the transaction that also made the change. */
export class OperationLog {
  readonly #insert: Database.Statement<[number, OperationKind, string, string]>;
  readonly #last: Database.Statement<
    [number],
    { id: number; job_id: number; kind: OperationKind; inverse: string; at: string }
  >;
  readonly #remove: Database.Statement<[number]>;
  readonly #clear: Database.Statement<[number]>;

  constructor(db: Database.Database) {
    this.#insert = db.prepare(
      'INSERT INTO digitization_operations (job_id, kind, inverse, at) VALUES (?, ?, ?, ?)',
    );
    this.#last = db.prepare(
      'SELECT id, job_id, kind, inverse, at FROM digitization_operations WHERE job_id = ? ORDER BY id DESC LIMIT 1',
    );
    this.#remove = db.prepare('DELETE FROM digitization_operations WHERE id = ?');
    this.#clear = db.prepare('DELETE FROM digitization_operations WHERE job_id = ?');
  }

  push(jobId: number, kind: OperationKind, inverse: Inverse, at: string): void {
    this.#insert.run(jobId, kind, JSON.stringify(inverse), at);
  }

  last(jobId: number): LoggedOperation | undefined {
    const row = this.#last.get(jobId);
    return (
      row && {
        id: row.id,
        jobId: row.job_id,
        kind: row.kind,
        inverse: JSON.parse(row.inverse) as Inverse,
        at: row.at,
      }
    );
  }

  lastInfo(jobId: number): UndoInfo | null {
    const row = this.#last.get(jobId);
    return row ? { kind: row.kind, at: row.at } : null;
  }

  remove(id: number): void {
    this.#remove.run(id);
  }

  clear(jobId: number): void {
    this.#clear.run(jobId);
  }
}
