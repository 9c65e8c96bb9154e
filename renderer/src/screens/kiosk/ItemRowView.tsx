import { useTranslation } from 'react-i18next';
import { knownErrorCode } from '../../../i18n/index.js';
import { useSettings } from '../../stores/index.js';
import type { ItemRow } from '../../stores/kiosk.js';
import { RowState } from '../../stores/kiosk.js';
import { TID } from '../../testids.js';
import { formatDate, parseDate, SEPARATOR } from '../../ui/format.js';
import { ICONS, Icon } from '../../ui/Icon.js';
import { ScreenMessages } from '../../ui/ScreenMessages.js';
import s from './Items.module.css';
import k from './Kiosk.module.css';

/** The line under a row's title: checking, done (and until when), or not done and why. */
export function useRowStatus(row: ItemRow | undefined): { text: string; detail: string | null } | null {
  const { t } = useTranslation();
  const language = useSettings((st) => st.language);
  const timeZone = useSettings((st) => st.settings?.timeZone);
  if (!row) return null;
  if (row.state === RowState.pending) return { text: t(($) => $.kiosk.row.pending), detail: null };
  if (row.state === RowState.waiting) {
    // A set in several parts on the RFID pad: it is lent (or returned) only whole.
    const parts = row.set?.parts ?? 2;
    return {
      text: t(($) => $.kiosk.row.waiting, { parts }),
      detail: t(($) => $.kiosk.row.waitingParts, { present: row.set?.present.length ?? 0, parts }),
    };
  }
  const action = row.action;
  if (row.state === RowState.ok) {
    const due = parseDate(row.outcome?.dueDate);
    const parts = [
      due && t(($) => $.kiosk.row.due, { date: formatDate(due, language, t, { timeZone }) }),
      row.outcome?.pending && t(($) => $.kiosk.row.queued),
    ].filter((part): part is string => Boolean(part));
    return {
      text: t(($) => $.kiosk.row.done[action]),
      detail: parts.length > 0 ? parts.join(SEPARATOR) : null,
    };
  }
  const reason = row.outcome?.reason;
  let detail: string | null = null;
  if (reason) detail = t(($) => $.kiosk.reason[reason]);
  else if (row.error) {
    const code = knownErrorCode(row.error.code);
    detail = t(($) => $.error[code]);
  }
  return { text: t(($) => $.kiosk.row.failed[action]), detail };
}

/**
 * The mark before a row: ✓, ✗, a turning ring while the library system is asked, … while a set
 * waits for its other parts, and a warning when the book's security tag could not be switched.
 */
export function RowMark({ state, warning = false }: { state: RowState | undefined; warning?: boolean }) {
  if (state === RowState.pending) return <span className={`${k.spinner} ${s.mark}`} aria-hidden />;
  if (state === RowState.waiting)
    return (
      <span className={`${s.mark} ${s.markWaiting}`} aria-hidden>
        …
      </span>
    );
  if (state === RowState.ok && warning)
    return (
      <span className={`${s.mark} ${s.markWarning}`} aria-hidden>
        <Icon glyph={ICONS.warning} className={s.markIcon} />
      </span>
    );
  if (state === RowState.ok)
    return (
      <span className={`${s.mark} ${s.markOk}`} aria-hidden>
        ✓
      </span>
    );
  if (state === RowState.error)
    return (
      <span className={`${s.mark} ${s.markError}`} aria-hidden>
        ✗
      </span>
    );
  return null;
}

/** One scanned book: appears at once as pending, then shows the library system's answer. */
export function ItemRowView({ row }: { row: ItemRow }) {
  const { t } = useTranslation();
  const status = useRowStatus(row);
  const title = row.outcome?.title;
  const messages = row.outcome?.screenMessages ?? row.error?.screenMessages;
  const securityFailed = row.outcome?.securityFailed === true;
  return (
    <li
      className={s.row}
      data-testid={TID.itemRow}
      data-state={row.state}
      data-item={row.itemId}
      data-security-failed={securityFailed || undefined}
    >
      <RowMark state={row.state} warning={securityFailed} />
      <div className={s.rowText}>
        <span className={s.rowTitle}>{title || t(($) => $.kiosk.row.number, { id: row.itemId })}</span>
        {title && <span className={s.rowNumber}>{t(($) => $.kiosk.row.number, { id: row.itemId })}</span>}
        {status && (
          <span className={row.state === RowState.error ? s.rowFailed : s.rowStatus}>
            <strong>{status.text}</strong>
            {status.detail && (
              <>
                {SEPARATOR}
                {status.detail}
              </>
            )}
          </span>
        )}
        {securityFailed && <strong className={s.rowWarning}>{t(($) => $.kiosk.row.securityFailed)}</strong>}
        <ScreenMessages messages={messages} />
      </div>
    </li>
  );
}
