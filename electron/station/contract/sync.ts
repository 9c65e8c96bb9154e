/**
 * The sync queue's part of the contract: what staff see of the outbox and the replay report, and
 * what they may do with it. Imported by index.ts and by the renderer: zod and types only.
 */
import { z } from 'zod';
import { StaffPin } from './common.js';
import type { KioskAction } from './kiosk.js';

/** The states of an outbox row (DESIGN.md: pending, in flight, done, failed, dead). */
export const OUTBOX_STATES = ['pending', 'in_flight', 'done', 'failed', 'dead'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/**
 * How a done row ended: `delivered` (the target answered; its decision is in `outcome`),
 * `confirmed` (an attempt without an answer was found to have taken effect), `exported` (written
 * to a file staff upload themselves), `discarded` (set aside by staff, with their note).
 */
export const OUTBOX_RESOLUTIONS = ['delivered', 'confirmed', 'exported', 'discarded'] as const;
export type OutboxResolution = (typeof OUTBOX_RESOLUTIONS)[number];

/** What the sync engine is doing, for the sync screen and `bitig sync status`. */
export type WorkStep = 'resolving' | 'preparing' | 'claiming' | 'sending' | 'recording';

export interface WorkingRow {
  id: number;
  orderingKey: string | null;
  step: WorkStep;
  attempt: number;
  since: string;
}

export interface LastError {
  rowId: number | null;
  message: string;
  at: string;
}

export interface TargetState {
  name: string;
  /** null until the first attempt or probe says. */
  online: boolean | null;
  /** No attempts until a probe succeeds. */
  paused: boolean;
  working: WorkingRow[];
  lastError: LastError | null;
}

export type StateCounts = Record<OutboxState, number>;

export interface TargetStatus extends TargetState {
  counts: StateCounts;
}

export interface SyncStatus {
  running: boolean;
  /** Every target with rows in the outbox or registered, by name. */
  targets: Record<string, TargetStatus & { registered: boolean }>;
  totals: StateCounts;
}

/**
 * What the library system decided about one offline transaction, for staff: what the patron did
 * and was promised, beside what the server made of it.
 */
export interface ReplayReportRow {
  id: number;
  /** When the patron did it. */
  eventTime: string;
  action: KioskAction | null;
  itemId: string | null;
  patronId: string | null;
  promisedDueDate: string | null;
  state: OutboxState;
  resolution: OutboxResolution | null;
  /**
   * - `accepted`: the library system recorded it (maybe with another due date: `dueDateChanged`);
   * - `refused`: it said no (`reason`, `screenMessages`);
   * - `waiting`: not delivered yet (pending, in flight, failed and retried);
   * - `dead`: given up, staff must act (retry or discard); `lastError` says why;
   * - `exported`: in a .koc file for staff to upload; `discarded`: set aside by staff (`staffNote`).
   */
  decision: 'accepted' | 'refused' | 'waiting' | 'dead' | 'exported' | 'discarded';
  dueDate: string | null;
  dueDateChanged: boolean;
  reason: string | null;
  screenMessages: string[];
  title: string | null;
  alert: boolean;
  /** The attempt got no answer and item information showed it had taken effect. */
  confirmedByItemInformation: boolean;
  attempts: number;
  lastError: string | null;
  staffNote: string | null;
  doneAt: string | null;
  /** Something staff should look at: refused, another due date, an alert, dead. */
  attention: boolean;
}

export const SyncReportInput = z
  .object({
    attentionOnly: z.boolean().default(false),
    states: z.array(z.enum(OUTBOX_STATES)).max(5).optional(),
    /** With the staff PIN the rows carry card numbers (`patronId`); without, it is always null. */
    staffPin: StaffPin.optional(),
  })
  .strict();
export const SyncRowInput = z
  .object({
    staffPin: StaffPin,
    id: z.number().int().positive(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export const SyncDiscardInput = z
  .object({ staffPin: StaffPin, id: z.number().int().positive(), reason: z.string().trim().min(3).max(500) })
  .strict();
export const SyncExportInput = z.object({ staffPin: StaffPin }).strict();

export interface KocExport {
  /** null when nothing was waiting to export. */
  fileName: string | null;
  /** The file's text, for the screen to offer as a download. */
  content: string;
  count: number;
}
