import { KioskAction, type Loan } from '@contract/index.js';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskStore, useKiosk, useSettings } from '../../stores/index.js';
import type { ItemRow } from '../../stores/kiosk.js';
import { RowState } from '../../stores/kiosk.js';
import { TID } from '../../testids.js';
import { Button } from '../../ui/Button.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { formatDate, parseDate, SEPARATOR } from '../../ui/format.js';
import { POLITE } from '../../ui/html.js';
import { ICONS, Icon } from '../../ui/Icon.js';
import { ScreenMessages } from '../../ui/ScreenMessages.js';
import { ItemRowView, RowMark, useRowStatus } from './ItemRowView.js';
import s from './Items.module.css';
import k from './Kiosk.module.css';
import { KioskFrame } from './KioskFrame.js';
import { OnScreenKeyboard } from './OnScreenKeyboard.js';

/**
 * Borrow, return or renew: scan books (or type their numbers); each appears at once and then shows
 * the library system's answer. Renewing also lists the patron's loans, each with its own button.
 */
export function ItemsScreen({ demo }: { demo: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const action = useKiosk((st) => st.action);
  const allRows = useKiosk((st) => st.rows);
  const patron = useKiosk((st) => st.patron);
  const keyboardOpen = useKiosk((st) => st.keyboardOpen);
  const entry = useKiosk((st) => st.entry);
  const { typeKey, backspace, clearEntry, submitEntry, setKeyboardOpen, goHome, finish } =
    kioskStore.getState();
  if (action === null) return null;

  const titles: Record<KioskAction, { title: string; prompt: string }> = {
    checkout: {
      title: t(($) => $.kiosk.items.checkout.title),
      prompt: t(($) => $.kiosk.items.checkout.prompt),
    },
    checkin: { title: t(($) => $.kiosk.items.checkin.title), prompt: t(($) => $.kiosk.items.checkin.prompt) },
    renew: { title: t(($) => $.kiosk.items.renew.title), prompt: t(($) => $.kiosk.items.renew.prompt) },
  };
  const rows = allRows.filter((row) => row.action === action);
  const busy = allRows.some((row) => row.state === RowState.pending);
  const renewing = action === KioskAction.enum.renew;

  return (
    <KioskFrame
      title={titles[action].title}
      demo={demo}
      testId={TID.itemsScreen}
      footer={
        <>
          {patron && (
            <Button large onClick={goHome} testId={TID.backHome}>
              {t(($) => $.kiosk.common.back)}
            </Button>
          )}
          <Button
            primary
            large
            className={k.footerEnd}
            onClick={() => void finish()}
            disabled={busy}
            testId={TID.finishButton}
          >
            <Icon glyph={ICONS.signout} className={k.buttonIcon} />
            {patron ? t(($) => $.kiosk.home.finish) : t(($) => $.kiosk.common.finish)}
          </Button>
        </>
      }
    >
      <div className={s.promptRow}>
        <p className={k.lead} id={`${id}-prompt`}>
          {titles[action].prompt}
        </p>
        <Button
          large
          onClick={() => setKeyboardOpen(!keyboardOpen)}
          aria-expanded={keyboardOpen}
          testId={TID.typeItem}
        >
          <Icon glyph={ICONS.keyboard} className={k.buttonIcon} />
          {keyboardOpen ? t(($) => $.kiosk.items.hideKeyboard) : t(($) => $.kiosk.items.typeNumber)}
        </Button>
      </div>
      {keyboardOpen && (
        <OnScreenKeyboard
          value={entry}
          label={t(($) => $.kiosk.items.numberLabel)}
          onKey={typeKey}
          onBackspace={backspace}
          onClear={clearEntry}
          onSubmit={() => void submitEntry()}
          submitLabel={t(($) => $.kiosk.items.add)}
        />
      )}
      {renewing && <RenewLoans rows={rows} />}
      <ScannedRows rows={renewing ? rowsNotInLoans(rows) : rows} hideWhenEmpty={renewing} />
    </KioskFrame>
  );
}

function rowsNotInLoans(rows: ItemRow[]): ItemRow[] {
  const loans = new Set((kioskStore.getState().account?.loans ?? []).map((loan) => loan.itemId));
  return rows.filter((row) => !loans.has(row.itemId));
}

/** The live list of this action's books, newest first; announced as rows arrive and resolve. */
function ScannedRows({ rows, hideWhenEmpty }: { rows: ItemRow[]; hideWhenEmpty: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  if (hideWhenEmpty && rows.length === 0) return null;
  return (
    <section className={k.section} aria-labelledby={`${id}-heading`}>
      <h2 className={k.sectionHeading} id={`${id}-heading`}>
        {t(($) => $.kiosk.items.listHeading)}
        {rows.length > 0 && (
          <span className={s.count}>{t(($) => $.kiosk.items.count, { count: rows.length })}</span>
        )}
      </h2>
      <ul className={s.list} aria-live={POLITE} data-testid={TID.itemList}>
        {rows.map((row) => (
          <ItemRowView key={row.key} row={row} />
        ))}
      </ul>
      {rows.length === 0 && <p className={k.empty}>{t(($) => $.kiosk.items.empty)}</p>}
    </section>
  );
}

/** The patron's loans, each with its Renew button, and Renew all. */
function RenewLoans({ rows }: { rows: ItemRow[] }) {
  const { t } = useTranslation();
  const id = useId();
  const account = useKiosk((st) => st.account);
  const loading = useKiosk((st) => st.accountLoading);
  const error = useKiosk((st) => st.accountError);
  const { renewAll } = kioskStore.getState();

  if (loading && !account) {
    return (
      <output className={k.status}>
        <span className={k.spinner} aria-hidden />
        {t(($) => $.kiosk.renew.loading)}
      </output>
    );
  }
  if (error) return <ErrorMessage error={error} />;
  const loans = account?.loans ?? [];
  const latest = (itemId: string) => rows.find((row) => row.itemId === itemId);
  const open = loans.filter((loan) => {
    const row = latest(loan.itemId);
    return !row || row.state === RowState.error;
  });

  return (
    <section className={k.section} aria-labelledby={`${id}-heading`}>
      <div className={s.sectionTop}>
        <h2 className={k.sectionHeading} id={`${id}-heading`}>
          {t(($) => $.kiosk.renew.loansHeading)}
        </h2>
        {loans.length > 1 && (
          <Button
            primary
            large
            onClick={() => void renewAll()}
            disabled={open.length === 0}
            testId={TID.renewAll}
          >
            <Icon glyph={ICONS.renew} className={k.buttonIcon} />
            {t(($) => $.kiosk.renew.all)}
          </Button>
        )}
      </div>
      {loans.length === 0 ? (
        <p className={k.empty}>{t(($) => $.kiosk.renew.none)}</p>
      ) : (
        <ul className={s.list} aria-live={POLITE} data-testid={TID.renewList}>
          {loans.map((loan) => (
            <RenewLoanRow key={loan.itemId} loan={loan} row={latest(loan.itemId)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function RenewLoanRow({ loan, row }: { loan: Loan; row: ItemRow | undefined }) {
  const { t } = useTranslation();
  const language = useSettings((st) => st.language);
  const timeZone = useSettings((st) => st.settings?.timeZone);
  const status = useRowStatus(row);
  const { scanItem } = kioskStore.getState();
  const due = parseDate(loan.dueDate);
  const canRenew = !row || row.state === RowState.error;
  return (
    <li className={s.row} data-testid={TID.renewRow} data-state={row?.state} data-item={loan.itemId}>
      <RowMark state={row?.state} />
      <div className={s.rowText}>
        <span className={s.rowTitle}>{loan.title || t(($) => $.kiosk.row.number, { id: loan.itemId })}</span>
        {status ? (
          <span className={row?.state === RowState.error ? s.rowFailed : s.rowStatus}>
            <strong>{status.text}</strong>
            {status.detail && (
              <>
                {SEPARATOR}
                {status.detail}
              </>
            )}
          </span>
        ) : (
          <span className={s.rowStatus}>
            {due
              ? t(($) => $.kiosk.account.due, { date: formatDate(due, language, t, { timeZone }) })
              : t(($) => $.kiosk.account.noDueDate)}
          </span>
        )}
        <ScreenMessages messages={row?.outcome?.screenMessages ?? row?.error?.screenMessages} />
      </div>
      {canRenew && (
        <Button
          large
          className={s.rowButton}
          onClick={() => void scanItem(loan.itemId)}
          aria-label={t(($) => $.kiosk.renew.oneLabel, { title: loan.title || loan.itemId })}
          testId={TID.renewButton}
        >
          {t(($) => $.kiosk.renew.one)}
        </Button>
      )}
    </li>
  );
}
