import type { Hold, Loan } from '@contract/index.js';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskStore, useKiosk, useSettings } from '../../stores/index.js';
import { TID } from '../../testids.js';
import { Button } from '../../ui/Button.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { dueInfo, formatAmount, formatDate } from '../../ui/format.js';
import { ICONS, Icon } from '../../ui/Icon.js';
import { ScreenMessages } from '../../ui/ScreenMessages.js';
import s from './Account.module.css';
import k from './Kiosk.module.css';
import { KioskFrame } from './KioskFrame.js';

/** Loans with due dates (overdue ones marked in words and with a sign, not by colour alone), holds, fines. */
export function AccountScreen({ demo }: { demo: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const language = useSettings((st) => st.language);
  const account = useKiosk((st) => st.account);
  const loading = useKiosk((st) => st.accountLoading);
  const error = useKiosk((st) => st.accountError);
  const { goHome, finish } = kioskStore.getState();

  return (
    <KioskFrame
      title={t(($) => $.kiosk.account.title)}
      demo={demo}
      testId={TID.accountScreen}
      footer={
        <>
          <Button large onClick={goHome} testId={TID.backHome}>
            {t(($) => $.kiosk.common.back)}
          </Button>
          <Button
            primary
            large
            className={k.footerEnd}
            onClick={() => void finish()}
            testId={TID.finishButton}
          >
            <Icon glyph={ICONS.signout} className={k.buttonIcon} />
            {t(($) => $.kiosk.home.finish)}
          </Button>
        </>
      }
    >
      {error && <ErrorMessage error={error} />}
      {loading && !account && (
        <output className={k.status}>
          <span className={k.spinner} aria-hidden />
          {t(($) => $.kiosk.account.loading)}
        </output>
      )}
      {account && (
        <>
          <ScreenMessages messages={account.screenMessages} />
          <section className={k.section} aria-labelledby={`${id}-loans`}>
            <h2 className={k.sectionHeading} id={`${id}-loans`}>
              {t(($) => $.kiosk.account.loansHeading)}
            </h2>
            <p>{t(($) => $.kiosk.account.loansCount, { count: account.loans.length })}</p>
            {account.loans.length > 0 && (
              <ul className={s.list}>
                {account.loans.map((loan) => (
                  <LoanRow key={loan.itemId} loan={loan} />
                ))}
              </ul>
            )}
          </section>
          <section className={k.section} aria-labelledby={`${id}-holds`}>
            <h2 className={k.sectionHeading} id={`${id}-holds`}>
              {t(($) => $.kiosk.account.holdsHeading)}
            </h2>
            {account.holds.length === 0 ? (
              <p className={k.empty}>{t(($) => $.kiosk.account.noHolds)}</p>
            ) : (
              <ul className={s.list}>
                {account.holds.map((hold) => (
                  <HoldRow key={hold.itemId} hold={hold} />
                ))}
              </ul>
            )}
          </section>
          <section className={k.section} aria-labelledby={`${id}-fines`}>
            <h2 className={k.sectionHeading} id={`${id}-fines`}>
              {t(($) => $.kiosk.account.finesHeading)}
            </h2>
            <p className={account.fines ? s.fines : k.empty} data-testid={TID.fines}>
              {account.fines
                ? t(($) => $.kiosk.account.fines, {
                    amount: formatAmount(account.fines.amount, language),
                    currency: account.fines.currency,
                  })
                : t(($) => $.kiosk.account.noFines)}
            </p>
          </section>
        </>
      )}
    </KioskFrame>
  );
}

function LoanRow({ loan }: { loan: Loan }) {
  const { t } = useTranslation();
  const language = useSettings((st) => st.language);
  const timeZone = useSettings((st) => st.settings?.timeZone);
  const info = dueInfo(loan, new Date(), timeZone);
  let when: string | null = null;
  if (info.overdue) {
    when =
      info.days !== null && info.days < 0
        ? t(($) => $.kiosk.account.overdueDays, { days: -info.days })
        : t(($) => $.kiosk.account.overdue);
  } else if (info.days === 0) when = t(($) => $.kiosk.account.dueToday);
  else if (info.days !== null) when = t(($) => $.kiosk.account.daysLeft, { days: info.days });
  return (
    <li
      className={info.overdue ? `${s.loan} ${s.overdue}` : s.loan}
      data-testid={TID.loanRow}
      data-overdue={info.overdue}
      data-item={loan.itemId}
    >
      <div className={s.loanText}>
        <span className={s.title}>{loan.title || t(($) => $.kiosk.row.number, { id: loan.itemId })}</span>
        <span>
          {info.due
            ? t(($) => $.kiosk.account.due, { date: formatDate(info.due, language, t, { timeZone }) })
            : t(($) => $.kiosk.account.noDueDate)}
        </span>
      </div>
      <div className={s.when}>
        {info.overdue ? (
          <span className={s.badge}>
            <Icon glyph={ICONS.warning} className={s.badgeIcon} />
            {when}
          </span>
        ) : (
          when && <span>{when}</span>
        )}
      </div>
    </li>
  );
}

function HoldRow({ hold }: { hold: Hold }) {
  const { t } = useTranslation();
  return (
    <li
      className={hold.ready ? `${s.loan} ${s.ready}` : s.loan}
      data-testid={TID.holdRow}
      data-ready={hold.ready}
    >
      <div className={s.loanText}>
        <span className={s.title}>{hold.title || t(($) => $.kiosk.row.number, { id: hold.itemId })}</span>
      </div>
      <div className={s.when}>
        {hold.ready ? (
          <span className={s.readyBadge}>
            <span aria-hidden>✓</span>
            {t(($) => $.kiosk.account.holdReady)}
          </span>
        ) : (
          <span>{t(($) => $.kiosk.account.holdWaiting)}</span>
        )}
      </div>
    </li>
  );
}
