/**
 * The sync queue's part of the contract: what staff see of the outbox and the replay report, and
 * what they may do with it. Imported by contract.ts and by the renderer: zod and types only.
 */
import { z } from 'zod';
import type { SyncStatus } from './sync/engine.js';
import type { ReplayReportRow } from './sync/report.js';

export type { ReplayReportRow, SyncStatus };

export const OUTBOX_STATE_NAMES = ['pending', 'in_flight', 'done', 'failed', 'dead'] as const;

const StaffPin = z.string().regex(/^\d{4,12}$/);

export const SyncReportInput = z
  .object({
    attentionOnly: z.boolean().default(false),
    states: z.array(z.enum(OUTBOX_STATE_NAMES)).max(5).optional(),
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
