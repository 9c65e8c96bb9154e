import { useEffect, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs } from '../../../stores/index.js';
import { visiblePages } from '../../../stores/jobs/grid-pages.js';
import { pageOpTestId, TID } from '../../../testids.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { BUTTON, cx, POLITE } from '../../../ui/html.js';
import { isTypingTarget } from '../../../ui/typing.js';
import { APPEND, CAPTURED, KEYCAP, KEYDOWN, REVIEWED } from './attrs.js';
import { CaptureStatus } from './CaptureStatus.js';
import { JobHeader } from './JobHeader.js';
import { JobPending } from './JobPending.js';
import s from './Jobs.module.css';
import { isUndoKey } from './keys.js';
import { NumberingPanel } from './NumberingPanel.js';
import { PageOpsPanel } from './PageOpsPanel.js';
import { PAGE_OP } from './page-ops.js';
import { QcFilterBar } from './QcFilterBar.js';
import { RecordPanel } from './RecordPanel.js';
import { RelabelPanel } from './RelabelPanel.js';
import { applyGridAction } from './review-actions.js';
import { Shortcuts } from './Shortcuts.js';
import { ThumbGrid } from './ThumbGrid.js';
import { Viewer } from './Viewer.js';

/**
 * Review: every page as a thumbnail with its QC flags, selection by click, Shift and arrows, the
 * page operations on the selection (each undoable, Ctrl+Z), the QC filter, the full-size viewer,
 * and "Mark as reviewed".
 */
export function ReviewScreen() {
  const { t } = useTranslation();
  const id = useId();
  const job = useJobs((st) => st.job);
  const pages = useJobs((st) => st.pages);
  const selection = useJobs((st) => st.selection);
  const qcFilter = useJobs((st) => st.qcFilter);
  const busy = useJobs((st) => st.busy);
  const opError = useJobs((st) => st.opError);
  const lastOp = useJobs((st) => st.lastOp);
  const undo = useJobs((st) => st.undo);
  const capture = useJobs((st) => st.capture);
  const viewer = useJobs((st) => st.viewer);
  const shown = useMemo(() => visiblePages(pages, qcFilter), [pages, qcFilter]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const st = jobsStore.getState();
      if (!isUndoKey(e) || isTypingTarget(e.target) || st.viewer) return;
      e.preventDefault();
      if (st.job?.editable) void st.undoLast();
    };
    window.addEventListener(KEYDOWN, onKey);
    return () => window.removeEventListener(KEYDOWN, onKey);
  }, []);

  if (!job) return <JobPending />;
  const editable = job.editable && !capture.running;
  const operation = (kind: NonNullable<typeof lastOp>['kind']) =>
    t(($) => $.operator.jobs.review.operation[kind]);
  const canReview =
    editable &&
    pages.length > 0 &&
    (job.allowedTransitions.includes(REVIEWED) || job.allowedTransitions.includes(CAPTURED));

  return (
    <section className={s.section} aria-labelledby={`${id}-title`} data-testid={TID.reviewScreen}>
      <div className={s.section} inert={viewer !== null}>
        <JobHeader titleId={`${id}-title`} />
        <div className={s.reviewLayout}>
          <div className={s.reviewMain}>
            <QcFilterBar />
            <div className={s.toolbar}>
              <output className={s.status} aria-live={POLITE} data-testid={TID.reviewStatus}>
                {busy !== null
                  ? t(($) => $.operator.jobs.review.working)
                  : lastOp
                    ? lastOp.undone
                      ? t(($) => $.operator.jobs.review.undone, { operation: operation(lastOp.kind) })
                      : t(($) => $.operator.jobs.review.done, { operation: operation(lastOp.kind) })
                    : job.state === REVIEWED
                      ? t(($) => $.operator.jobs.review.reviewedNow)
                      : !job.editable
                        ? t(($) => $.operator.jobs.review.notEditable)
                        : null}
              </output>
              <span className={s.spacer} />
              <span className={s.muted} data-testid={TID.reviewSelected} data-count={selection.ids.size}>
                {t(($) => $.operator.jobs.review.selected, { count: selection.ids.size })}
              </span>
              <button
                type={BUTTON}
                className={s.tool}
                disabled={!undo || busy !== null || !editable}
                title={
                  undo
                    ? t(($) => $.operator.jobs.review.ops.undoWhat, { operation: operation(undo.kind) })
                    : undefined
                }
                data-testid={pageOpTestId(PAGE_OP.undo)}
                onClick={() => void jobsStore.getState().undoLast()}
              >
                {t(($) => $.operator.jobs.review.ops.undo)}
              </button>
              {job.state === REVIEWED && (
                <button
                  type={BUTTON}
                  className={cx(s.tool, s.toolPrimary)}
                  data-testid={TID.reviewPackage}
                  onClick={() => void jobsStore.getState().showPackage()}
                >
                  {t(($) => $.operator.jobs.review.package)}
                </button>
              )}
              {job.state !== REVIEWED && (
                <button
                  type={BUTTON}
                  className={cx(s.tool, s.toolPrimary)}
                  disabled={!canReview || busy !== null}
                  data-testid={TID.reviewMarkReviewed}
                  onClick={() => void jobsStore.getState().markReviewed()}
                >
                  {t(($) => $.operator.jobs.review.markReviewed)}
                </button>
              )}
            </div>
            {opError && <ErrorMessage error={opError} testId={TID.reviewOpError} />}
            {capture.place.kind !== APPEND.kind && <CaptureStatus problemsOnly />}
            {pages.length === 0 && <p className={s.muted}>{t(($) => $.operator.jobs.review.empty)}</p>}
            {pages.length > 0 && shown.length === 0 && (
              <p className={s.muted}>{t(($) => $.operator.jobs.review.filterEmpty)}</p>
            )}
            <ThumbGrid
              pages={shown}
              selection={selection}
              label={t(($) => $.operator.jobs.review.pages)}
              onAction={(action) => applyGridAction(jobsStore.getState(), action)}
              onCellClick={(pageId, mods) => jobsStore.getState().click(pageId, mods)}
              onOpen={(pageId) => void jobsStore.getState().openViewer(pageId)}
              onDrop={(target, where, dragged) => {
                if (editable) void jobsStore.getState().dropSelection(target, where, dragged);
              }}
            />
          </div>
          <aside className={s.side}>
            <RecordPanel />
            <PageOpsPanel editable={editable} />
            <RelabelPanel editable={editable} />
            <NumberingPanel editable={editable} />
            <Shortcuts
              title={t(($) => $.operator.jobs.shortcuts.reviewTitle)}
              items={[
                {
                  keys: [[KEYCAP.arrows]],
                  does: t(($) => $.operator.jobs.shortcuts.select, { shift: KEYCAP.shift }),
                },
                { keys: [[KEYCAP.ctrl, KEYCAP.a]], does: t(($) => $.operator.jobs.shortcuts.selectAll) },
                { keys: [[KEYCAP.alt, KEYCAP.arrows]], does: t(($) => $.operator.jobs.shortcuts.move) },
                {
                  keys: [
                    [KEYCAP.alt, KEYCAP.home],
                    [KEYCAP.alt, KEYCAP.end],
                  ],
                  does: t(($) => $.operator.jobs.shortcuts.moveEnds),
                },
                { keys: [[KEYCAP.del]], does: t(($) => $.operator.jobs.shortcuts.delete) },
                {
                  keys: [[KEYCAP.r], [KEYCAP.shift, KEYCAP.r]],
                  does: t(($) => $.operator.jobs.shortcuts.rotate, { shift: KEYCAP.shift }),
                },
                { keys: [[KEYCAP.enter]], does: t(($) => $.operator.jobs.shortcuts.open) },
                { keys: [[KEYCAP.ctrl, KEYCAP.z]], does: t(($) => $.operator.jobs.shortcuts.undo) },
              ]}
            />
            <p className={s.muted}>
              {t(($) => $.operator.jobs.shortcuts.click, { shift: KEYCAP.shift, ctrl: KEYCAP.ctrl })}
            </p>
            <p className={s.muted}>{t(($) => $.operator.jobs.shortcuts.drag)}</p>
          </aside>
        </div>
      </div>
      {viewer && <Viewer />}
    </section>
  );
}
