import type { ItemOutcome, Receipt } from '@contract/index.js';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskStore, useKiosk, useSettings } from '../../stores/index.js';
import { TID } from '../../testids.js';
import { Button } from '../../ui/Button.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { formatDate, formatDateTime, parseDate, SEPARATOR } from '../../ui/format.js';
import { POLITE } from '../../ui/html.js';
import { useNow } from '../../ui/useNow.js';
import s from './Finish.module.css';
import { FINISH_SECONDS } from './flow.js';
import k from './Kiosk.module.css';
import { KioskFrame } from './KioskFrame.js';
import { summarize } from './summary.js';

/** The end of a visit: what was done, the receipt, and a countdown back to the welcome screen. */
export function FinishScreen({ demo }: { demo: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const finishing = useKiosk((st) => st.finishing);
  const receipt = useKiosk((st) => st.receipt);
  const error = useKiosk((st) => st.finishError);
  const rows = useKiosk((st) => st.rows);
  const { wipe } = kioskStore.getState();
  const [deadline, setDeadline] = useState<number | null>(null);
  const now = useNow(deadline !== null);

  useEffect(() => {
    if (!finishing) setDeadline(Date.now() + FINISH_SECONDS * 1000);
  }, [finishing]);
  const left = deadline === null ? FINISH_SECONDS : Math.max(0, Math.ceil((deadline - now) / 1000));
  useEffect(() => {
    if (deadline !== null && now >= deadline) kioskStore.getState().wipe();
  }, [deadline, now]);

  const summary = summarize(rows);
  const lines = [
    summary.done.checkout > 0 && t(($) => $.kiosk.finish.borrowed, { count: summary.done.checkout }),
    summary.done.checkin > 0 && t(($) => $.kiosk.finish.returned, { count: summary.done.checkin }),
    summary.done.renew > 0 && t(($) => $.kiosk.finish.renewed, { count: summary.done.renew }),
    summary.failed > 0 && t(($) => $.kiosk.finish.failed, { count: summary.failed }),
  ].filter((line): line is string => line !== false);

  return (
    <KioskFrame
      title={t(($) => $.kiosk.finish.title)}
      demo={demo}
      testId={TID.finishScreen}
      footer={
        <>
          <p className={s.countdown} aria-hidden>
            {!finishing && t(($) => $.kiosk.finish.closesIn, { seconds: Math.max(1, left) })}
          </p>
          <Button
            primary
            large
            className={k.footerEnd}
            onClick={wipe}
            disabled={finishing}
            testId={TID.finishDone}
          >
            {t(($) => $.kiosk.finish.done)}
          </Button>
        </>
      }
    >
      {finishing && (
        <output className={k.status} aria-live={POLITE}>
          <span className={k.spinner} aria-hidden />
          {t(($) => $.kiosk.finish.ending)}
        </output>
      )}
      <div className={s.columns}>
        <section className={k.section} aria-labelledby={`${id}-summary`} data-testid={TID.finishSummary}>
          <h2 className={k.sectionHeading} id={`${id}-summary`}>
            {t(($) => $.kiosk.finish.summaryHeading)}
          </h2>
          {lines.length === 0 ? (
            <p className={k.empty}>{t(($) => $.kiosk.finish.nothing)}</p>
          ) : (
            <ul className={s.summary}>
              {lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
          {error && <ErrorMessage error={error} />}
        </section>
        {receipt && <ReceiptView receipt={receipt} />}
      </div>
    </KioskFrame>
  );
}

function ReceiptView({ receipt }: { receipt: Receipt }) {
  const { t } = useTranslation();
  const id = useId();
  const language = useSettings((st) => st.language);
  const timeZone = useSettings((st) => st.settings?.timeZone);
  const printed = parseDate(receipt.printedAt);
  return (
    <section className={s.receipt} aria-labelledby={`${id}-receipt`} data-testid={TID.receipt}>
      <h2 className={s.receiptHeading} id={`${id}-receipt`}>
        {t(($) => $.kiosk.finish.receiptHeading)}
      </h2>
      <div className={s.receiptHead}>
        {receipt.library && <p>{t(($) => $.kiosk.finish.receiptLibrary, { library: receipt.library })}</p>}
        <p>{t(($) => $.kiosk.finish.receiptReader, { name: receipt.patronName })}</p>
        {printed && (
          <p>
            {t(($) => $.kiosk.finish.receiptDate, {
              date: formatDateTime(printed, language, t, { timeZone }),
            })}
          </p>
        )}
      </div>
      {receipt.items.some((item) => item.pending) && (
        <p className={s.receiptNote}>{t(($) => $.kiosk.finish.receiptQueuedNote)}</p>
      )}
      {receipt.items.length === 0 ? (
        <p>{t(($) => $.kiosk.finish.receiptEmpty)}</p>
      ) : (
        <ol className={s.receiptItems}>
          {receipt.items.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the same book can appear twice (returned, then borrowed)
            <ReceiptLine key={i} item={item} />
          ))}
        </ol>
      )}
    </section>
  );
}

function ReceiptLine({ item }: { item: ItemOutcome }) {
  const { t } = useTranslation();
  const language = useSettings((st) => st.language);
  const timeZone = useSettings((st) => st.settings?.timeZone);
  const due = item.ok ? parseDate(item.dueDate) : null;
  const action = item.action;
  return (
    <li className={s.receiptLine} data-ok={item.ok}>
      <span className={s.receiptMark} aria-hidden>
        {item.ok ? '✓' : '✗'}
      </span>
      <span className={s.receiptText}>
        <span className={s.receiptTitle}>
          {item.title || t(($) => $.kiosk.row.number, { id: item.itemId })}
        </span>
        <span>
          {item.ok ? t(($) => $.kiosk.row.done[action]) : t(($) => $.kiosk.row.failed[action])}
          {due && (
            <>
              {SEPARATOR}
              {t(($) => $.kiosk.row.due, { date: formatDate(due, language, t, { timeZone }) })}
            </>
          )}
          {item.pending && (
            <>
              {SEPARATOR}
              <em>{t(($) => $.kiosk.finish.receiptQueued)}</em>
            </>
          )}
          {item.securityFailed && (
            <>
              {SEPARATOR}
              <strong>{t(($) => $.kiosk.finish.receiptSecurity)}</strong>
            </>
          )}
        </span>
      </span>
    </li>
  );
}
