import type { ReplayReportRow } from '@contract/index.js';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { syncStore, useSettings, useSync } from '../../stores/index.js';
import { isStaffPin } from '../../stores/kiosk-settings-rules.js';
import { canAct, filterCounts, filterRows, SYNC_FILTERS, SyncFilter } from '../../stores/sync.js';
import { syncFilterTestId, TID } from '../../testids.js';
import { Button } from '../../ui/Button.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { formatDate, formatDateTime, parseDate } from '../../ui/format.js';
import { BUTTON, POLITE } from '../../ui/html.js';
import { ScreenMessages } from '../../ui/ScreenMessages.js';
import { COL } from './attrs.js';
import { ACTION_UNKNOWN, DecisionView, decisionView, KOC_FORMAT, knownReason } from './decision.js';
import s from './Sync.module.css';

/** The replay report: filters, then one line per transaction, newest first. */
export function SyncReport() {
  const { t } = useTranslation();
  const id = useId();
  const rows = useSync((st) => st.rows);
  const filter = useSync((st) => st.filter);
  const shown = useSync((st) => st.shown);
  const loaded = useSync((st) => st.loaded);
  const error = useSync((st) => st.reportError);
  const counts = filterCounts(rows);
  const visible = filterRows(rows, filter);
  const filterLabel = (f: SyncFilter) => {
    if (f === SyncFilter.all) return t(($) => $.sync.report.all);
    if (f === SyncFilter.attention) return t(($) => $.sync.report.attention);
    return t(($) => $.sync.state[f]);
  };

  return (
    <section className={s.section} aria-labelledby={`${id}-heading`} data-testid={TID.syncReport}>
      <h3 className={s.heading} id={`${id}-heading`}>
        {t(($) => $.sync.report.heading)}
      </h3>
      <fieldset className={s.filters}>
        <legend className={s.filterLegend}>{t(($) => $.sync.report.filterLabel)}</legend>
        {SYNC_FILTERS.map((f) => (
          <button
            key={f}
            type={BUTTON}
            className={s.filter}
            aria-pressed={filter === f}
            onClick={() => syncStore.getState().setFilter(f)}
            data-testid={syncFilterTestId(f)}
            data-count={counts[f]}
          >
            <span>{filterLabel(f)}</span>
            <span className={s.filterCount}>{counts[f]}</span>
          </button>
        ))}
      </fieldset>
      {error && <ErrorMessage error={error} />}
      {!loaded && !error && (
        <output className={s.muted} aria-live={POLITE}>
          {t(($) => $.sync.loading)}
        </output>
      )}
      {loaded && visible.length === 0 && <p className={s.muted}>{t(($) => $.sync.report.empty)}</p>}
      {visible.length > 0 && (
        <div className={s.tableWrap}>
          <table className={s.table}>
            <thead>
              <tr>
                <th scope={COL}>{t(($) => $.sync.column.time)}</th>
                <th scope={COL}>{t(($) => $.sync.column.action)}</th>
                <th scope={COL}>{t(($) => $.sync.column.promised)}</th>
                <th scope={COL}>{t(($) => $.sync.column.decision)}</th>
                <th scope={COL}>{t(($) => $.sync.column.staff)}</th>
              </tr>
            </thead>
            <tbody>
              {visible.slice(0, shown).map((row) => (
                <ReportRow key={row.id} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {visible.length > shown && (
        <div className={s.more}>
          <span className={s.muted}>
            {t(($) => $.sync.report.shown, { shown: Math.min(shown, visible.length), total: visible.length })}
          </span>
          <Button onClick={() => syncStore.getState().showMore()} testId={TID.syncMore}>
            {t(($) => $.sync.report.more)}
          </Button>
        </div>
      )}
    </section>
  );
}

function ReportRow({ row }: { row: ReplayReportRow }) {
  const { t } = useTranslation();
  const language = useSettings((st) => st.language);
  const timeZone = useSettings((st) => st.settings?.timeZone);
  const time = parseDate(row.eventTime);
  const promised = parseDate(row.promisedDueDate);
  const none = t(($) => $.sync.none);
  return (
    <tr
      className={s.row}
      data-testid={TID.syncRow}
      data-id={row.id}
      data-item={row.itemId ?? undefined}
      data-state={row.state}
      data-decision={row.decision}
      data-attention={row.attention}
    >
      <td className={s.time}>{time ? formatDateTime(time, language, t, { timeZone }) : none}</td>
      <td>
        <div className={s.item}>
          <span className={s.action}>{t(($) => $.sync.action[row.action ?? ACTION_UNKNOWN])}</span>
          <span className={s.pair}>
            <span className={s.muted}>{t(($) => $.sync.column.item)}</span>
            <span className={s.itemId}>{row.itemId ?? none}</span>
          </span>
          {row.title && <span className={s.itemTitle}>{row.title}</span>}
          {row.patronId && (
            <span className={s.pair}>
              <span className={s.muted}>{t(($) => $.sync.column.patron)}</span>
              <span className={s.itemId}>{row.patronId}</span>
            </span>
          )}
        </div>
      </td>
      <td className={s.time}>{promised ? formatDate(promised, language, t, { timeZone }) : none}</td>
      <td>
        <Decision row={row} />
      </td>
      <td>
        <StaffActions row={row} />
      </td>
    </tr>
  );
}

/** What the library system made of it, in words, with its own messages beside ours. */
function Decision({ row }: { row: ReplayReportRow }) {
  const { t } = useTranslation();
  const language = useSettings((st) => st.language);
  const timeZone = useSettings((st) => st.settings?.timeZone);
  const view = decisionView(row);
  const due = parseDate(row.dueDate);
  const reason = knownReason(row.reason);
  let verdict: string;
  switch (view) {
    case DecisionView.accepted:
      verdict = t(($) => $.sync.decision.accepted);
      break;
    case DecisionView.otherDueDate:
      verdict = t(($) => $.sync.decision.otherDueDate);
      break;
    case DecisionView.refused:
      verdict = t(($) => $.sync.decision.refused);
      break;
    case DecisionView.inFlight:
      verdict = t(($) => $.sync.decision.inFlight);
      break;
    case DecisionView.retrying:
      verdict = t(($) => $.sync.decision.retrying);
      break;
    case DecisionView.dead:
      verdict = t(($) => $.sync.decision.dead);
      break;
    case DecisionView.exported:
      verdict = t(($) => $.sync.decision.exported, { format: KOC_FORMAT });
      break;
    case DecisionView.discarded:
      verdict = t(($) => $.sync.decision.discarded);
      break;
    default:
      verdict = t(($) => $.sync.decision.waiting);
  }
  const showDue = due && (view === DecisionView.accepted || view === DecisionView.otherDueDate);
  const showAttempts = (view === DecisionView.retrying || view === DecisionView.dead) && row.attempts > 0;
  const showError = (view === DecisionView.retrying || view === DecisionView.dead) && row.lastError;
  return (
    <div className={s.decision} data-testid={TID.syncDecision} data-decision={view}>
      <span className={s.verdict}>{verdict}</span>
      {showDue && (
        <span>{t(($) => $.sync.decision.due, { date: formatDate(due, language, t, { timeZone }) })}</span>
      )}
      {view === DecisionView.refused && reason && <span>{t(($) => $.sync.reason[reason])}</span>}
      {showAttempts && (
        <span className={s.detail}>{t(($) => $.sync.decision.attempts, { count: row.attempts })}</span>
      )}
      {showError && (
        <span className={s.detail}>{t(($) => $.sync.decision.lastError, { message: row.lastError })}</span>
      )}
      {view === DecisionView.discarded && row.staffNote && (
        <span>{t(($) => $.sync.decision.staffNote, { note: row.staffNote })}</span>
      )}
      {row.confirmedByItemInformation && (
        <span className={s.detail}>{t(($) => $.sync.decision.confirmed)}</span>
      )}
      {row.alert && <span className={s.flag}>{t(($) => $.sync.decision.alert)}</span>}
      <ScreenMessages messages={row.screenMessages} />
    </div>
  );
}

function StaffActions({ row }: { row: ReplayReportRow }) {
  const { t } = useTranslation();
  const busy = useSync((st) => st.busyRow !== null);
  const pinOk = useSync((st) => isStaffPin(st.staffPin));
  const retried = useSync((st) => st.retried === row.id);
  const error = useSync((st) =>
    st.actionError?.rowId === row.id && st.discard === null ? st.actionError.error : null,
  );
  const actionable = canAct(row);
  if (!actionable && !retried && !error) return null;
  const { retry, startDiscard } = syncStore.getState();
  return (
    <div className={s.actions}>
      {actionable && (
        <>
          <Button
            className={s.small}
            onClick={() => void retry(row.id)}
            disabled={busy || !pinOk}
            testId={TID.syncRetry}
          >
            {t(($) => $.sync.retry)}
          </Button>
          <Button
            className={s.small}
            onClick={() => startDiscard(row.id)}
            disabled={busy || !pinOk}
            testId={TID.syncDiscard}
          >
            {t(($) => $.sync.discard.button)}
          </Button>
        </>
      )}
      {retried && (
        <output className={s.detail} data-testid={TID.syncRetried}>
          {t(($) => $.sync.retried)}
        </output>
      )}
      {error && <ErrorMessage error={error} testId={TID.syncActionError} />}
    </div>
  );
}
