import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { syncStore, useSync } from '../../stores/index.js';
import { isStaffPin } from '../../stores/kiosk-settings-rules.js';
import { QUEUE_STATES, type TargetSummary, targetSummaries } from '../../stores/sync.js';
import { syncCountTestId, TID } from '../../testids.js';
import { Button } from '../../ui/Button.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { cx, NUMERIC, OFF, PASSWORD, POLITE } from '../../ui/html.js';
import { DiscardDialog } from './DiscardDialog.js';
import { KOC_FORMAT, SIP2_TARGET_NAME } from './decision.js';
import { offerDownload } from './download.js';
import s from './Sync.module.css';
import { SyncReport } from './SyncReport.js';

export interface SyncQueueViewProps {
  /**
   * The staff PIN already verified by the host screen (the kiosk's admin). Without one (the
   * operator's station) the screen asks for it before retry, discard or export.
   */
  staffPin?: string | null;
  /** The screen's main heading (the operator's section) rather than a part of another screen. */
  topLevel?: boolean;
}

/**
 * The sync queue for staff: the outbox per target and state, live; the replay report with its
 * filters; retry and discard for failed or given-up rows; the .koc export.
 */
export function SyncQueueView({ staffPin = null, topLevel = false }: SyncQueueViewProps) {
  const { t } = useTranslation();
  const id = useId();
  const discard = useSync((st) => st.discard);

  useEffect(() => syncStore.getState().open(staffPin), [staffPin]);

  const title = t(($) => $.sync.title);
  return (
    <>
      <section
        className={s.view}
        aria-labelledby={`${id}-title`}
        data-testid={TID.syncQueue}
        inert={discard !== null}
      >
        <header className={s.head}>
          {topLevel ? (
            <h1 className={s.title} id={`${id}-title`}>
              {title}
            </h1>
          ) : (
            <h2 className={s.title} id={`${id}-title`}>
              {title}
            </h2>
          )}
          <p className={s.intro}>{t(($) => $.sync.intro)}</p>
        </header>
        <Targets />
        <div className={s.bar}>
          {staffPin === null && <StaffPinField />}
          <ExportKoc />
        </div>
        <SyncReport />
      </section>
      {discard && <DiscardDialog />}
    </>
  );
}

function Targets() {
  const { t } = useTranslation();
  const status = useSync((st) => st.status);
  const statusError = useSync((st) => st.statusError);
  const targets = targetSummaries(status);
  if (statusError && !status) return <ErrorMessage error={statusError} />;
  if (!status)
    return (
      <output className={s.muted} aria-live={POLITE}>
        {t(($) => $.sync.loading)}
      </output>
    );
  if (targets.length === 0) return <p className={s.muted}>{t(($) => $.sync.target.none)}</p>;
  return (
    <div className={s.targets}>
      {targets.map((target) => (
        <TargetCard key={target.name} target={target} />
      ))}
    </div>
  );
}

function TargetCard({ target }: { target: TargetSummary }) {
  const { t } = useTranslation();
  const id = useId();
  const name = target.name === SIP2_TARGET_NAME ? t(($) => $.sync.target.sip2) : target.name;
  let online = t(($) => $.sync.target.unknown);
  if (target.online === true) online = t(($) => $.sync.target.online);
  else if (target.online === false) online = t(($) => $.sync.target.offline);
  return (
    <section
      className={s.target}
      aria-labelledby={`${id}-name`}
      data-testid={TID.syncTarget}
      data-target={target.name}
      data-online={String(target.online)}
      data-paused={target.paused}
    >
      <div className={s.targetHead}>
        <h3 className={s.targetName} id={`${id}-name`}>
          {name}
        </h3>
        <span className={s.badge} data-online={String(target.online)}>
          {online}
        </span>
        {target.paused && <span className={s.detail}>{t(($) => $.sync.target.paused)}</span>}
        {target.working > 0 && (
          <span className={s.detail}>{t(($) => $.sync.target.sending, { count: target.working })}</span>
        )}
      </div>
      <ul className={s.counts}>
        {QUEUE_STATES.map((state) => (
          <li
            key={state}
            className={s.count}
            data-state={state}
            data-zero={target.counts[state] === 0}
            data-testid={syncCountTestId(target.name, state)}
            data-count={target.counts[state]}
          >
            <span className={s.countValue}>{target.counts[state]}</span>
            <span className={s.countLabel}>{t(($) => $.sync.state[state])}</span>
          </li>
        ))}
      </ul>
      {target.lastError && (target.online !== true || target.counts.failed + target.counts.dead > 0) && (
        <p className={s.detail}>{t(($) => $.sync.target.lastError, { message: target.lastError })}</p>
      )}
    </section>
  );
}

/** Where the kiosk's admin screen is not in front: the staff PIN, kept only while the screen is open. */
function StaffPinField() {
  const { t } = useTranslation();
  const id = useId();
  const pin = useSync((st) => st.staffPin);
  const cardsShown = useSync((st) => st.cardsPin !== null);
  const loading = useSync((st) => st.loading);
  return (
    <div className={s.field}>
      <label className={s.label} htmlFor={`${id}-pin`}>
        {t(($) => $.sync.staffPin.label)}
      </label>
      <input
        id={`${id}-pin`}
        className={cx(s.input, s.pin)}
        type={PASSWORD}
        inputMode={NUMERIC}
        autoComplete={OFF}
        value={pin}
        aria-describedby={`${id}-hint`}
        onChange={(event) => syncStore.getState().setStaffPin(event.target.value)}
        data-testid={TID.syncStaffPin}
      />
      <span className={s.detail} id={`${id}-hint`}>
        {t(($) => $.sync.staffPin.hint)}
      </span>
      {!cardsShown && (
        <div className={s.bar}>
          <Button
            className={s.small}
            onClick={() => void syncStore.getState().showCardNumbers()}
            disabled={loading || !isStaffPin(pin)}
            testId={TID.syncShowCards}
          >
            {t(($) => $.sync.staffPin.showCards)}
          </Button>
          <span className={s.detail}>{t(($) => $.sync.staffPin.cardsHidden)}</span>
        </div>
      )}
    </div>
  );
}

function ExportKoc() {
  const { t } = useTranslation();
  const exporting = useSync((st) => st.exporting);
  const exported = useSync((st) => st.exported);
  const error = useSync((st) => (st.actionError?.rowId === null ? st.actionError.error : null));
  const pinOk = useSync((st) => isStaffPin(st.staffPin));
  const run = async () => {
    const file = await syncStore.getState().exportKoc();
    if (file?.fileName) offerDownload(file.fileName, file.content);
  };
  return (
    <div className={s.section}>
      <div className={s.bar}>
        <Button onClick={() => void run()} disabled={exporting || !pinOk} testId={TID.syncExport}>
          {exporting
            ? t(($) => $.sync.export.running)
            : t(($) => $.sync.export.button, { format: KOC_FORMAT })}
        </Button>
        <span className={s.detail}>{t(($) => $.sync.export.hint, { format: KOC_FORMAT })}</span>
      </div>
      <output aria-live={POLITE}>
        {exported && (
          <p className={s.notice} data-testid={TID.syncExported} data-count={exported.count}>
            {exported.fileName
              ? t(($) => $.sync.export.done, { count: exported.count, file: exported.fileName })
              : t(($) => $.sync.export.none)}
          </p>
        )}
      </output>
      {error && <ErrorMessage error={error} testId={TID.syncActionError} />}
    </div>
  );
}
