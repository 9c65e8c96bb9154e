import type { ReplayReportRow } from '../contract/sync.js';
import type { OutboxRepo, OutboxRow } from '../store/outbox.js';
import { wallClock } from '../time-zone.js';
import { SIP2_TARGET, Sip2TransactionPayload } from './sip2-payload.js';

export interface ReplayReportOptions {
  target?: string;
  /** Only transactions the patron made at or after this time. */
  since?: Date;
  /** Only rows needing staff attention. */
  attentionOnly?: boolean;
  /** Newest rows considered (default 5,000). */
  limit?: number;
}

/** The replay report, oldest transaction first. */
export function replayReport(outbox: OutboxRepo, options: ReplayReportOptions = {}): ReplayReportRow[] {
  const rows = outbox
    .list({ target: options.target ?? SIP2_TARGET, limit: options.limit ?? 5_000 })
    .map(reportRow)
    .filter((r) => (options.since ? Date.parse(r.eventTime) >= options.since.getTime() : true))
    .filter((r) => (options.attentionOnly ? r.attention : true));
  return rows.sort((a, b) => a.eventTime.localeCompare(b.eventTime) || a.id - b.id);
}

export function reportRow(row: OutboxRow): ReplayReportRow {
  const parsed = Sip2TransactionPayload.safeParse(row.payload);
  const p = parsed.success ? parsed.data : null;
  const o = (typeof row.outcome === 'object' && row.outcome !== null ? row.outcome : {}) as Record<
    string,
    unknown
  >;
  const decision = decisionOf(row, o);
  const dueDateChanged = o.dueDateChanged === true;
  const alert = o.alert === true;
  return {
    id: row.id,
    eventTime: row.eventTime,
    action: p?.action ?? null,
    itemId: p?.itemId ?? row.orderingKey,
    patronId: p?.patronId ?? null,
    promisedDueDate: p?.promisedDueDate ?? null,
    state: row.state,
    resolution: row.resolution,
    decision,
    dueDate: typeof o.dueDate === 'string' ? o.dueDate : null,
    dueDateChanged,
    reason: typeof o.reason === 'string' ? o.reason : null,
    screenMessages: Array.isArray(o.screenMessages) ? o.screenMessages.map(String) : [],
    title: typeof o.title === 'string' ? o.title : null,
    alert,
    confirmedByItemInformation: o.confirmedBy === 'item-information',
    attempts: row.attempts,
    lastError: row.lastError,
    staffNote: row.staffNote,
    doneAt: row.doneAt,
    attention: decision === 'refused' || decision === 'dead' || dueDateChanged || alert,
  };
}

function decisionOf(row: OutboxRow, outcome: Record<string, unknown>): ReplayReportRow['decision'] {
  if (row.state === 'dead') return 'dead';
  if (row.state !== 'done') return 'waiting';
  if (row.resolution === 'exported') return 'exported';
  if (row.resolution === 'discarded') return 'discarded';
  return outcome.accepted === false ? 'refused' : 'accepted';
}

/** The report as text for a terminal: one line per transaction. */
/** The report as text, dates and times on the station's wall clock (`timeZone`). */
export function formatReplayReport(rows: readonly ReplayReportRow[], timeZone: string): string {
  if (rows.length === 0) return 'No offline transactions.';
  const p = (n: number) => String(n).padStart(2, '0');
  const day = (iso: string | null) => {
    if (!iso) return '-';
    const c = wallClock(new Date(iso), timeZone);
    return `${c.year}-${p(c.month)}-${p(c.day)}`;
  };
  const time = (iso: string) => {
    const c = wallClock(new Date(iso), timeZone);
    return `${day(iso)} ${p(c.hour)}:${p(c.minute)}:${p(c.second)}`;
  };
  const lines = rows.map((r) => {
    const promised = r.promisedDueDate ? ` promised ${day(r.promisedDueDate)}` : '';
    let decided: string = r.decision;
    if (r.decision === 'accepted' && r.dueDate) decided += ` due ${day(r.dueDate)}`;
    if (r.dueDateChanged) decided += ' (CHANGED)';
    if (r.decision === 'refused') decided += ` ${r.reason ?? ''}`;
    if (r.decision === 'dead') decided += `: ${r.lastError ?? ''}`;
    if (r.decision === 'discarded') decided += `: ${r.staffNote ?? ''}`;
    const said = r.screenMessages.length ? ` — "${r.screenMessages.join(' / ')}"` : '';
    const mark = r.attention ? '!' : ' ';
    return `${mark} #${r.id} ${time(r.eventTime)} ${r.action ?? '?'} item ${r.itemId ?? '?'}${
      r.patronId ? ` patron ${r.patronId}` : ''
    }${promised} → ${decided}${said}`;
  });
  const attention = rows.filter((r) => r.attention).length;
  lines.push(`${rows.length} transaction(s), ${attention} needing attention (marked !)`);
  return lines.join('\n');
}
