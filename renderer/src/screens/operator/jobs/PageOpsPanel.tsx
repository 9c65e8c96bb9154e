import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs } from '../../../stores/index.js';
import { pageOpTestId } from '../../../testids.js';
import { BUTTON, cx } from '../../../ui/html.js';
import { AFTER, BEFORE, FIRST, INSERT, LAST, RESCAN } from './attrs.js';
import s from './Jobs.module.css';
import { PAGE_OP } from './page-ops.js';
import { singleSelected } from './review-actions.js';

/** Operations on the selected pages: move, rotate, delete; rescan and insert beside one page; view. */
export function PageOpsPanel({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const count = useJobs((st) => st.selection.ids.size);
  const single = useJobs(singleSelected);
  const focus = useJobs((st) => st.selection.focus);
  const busy = useJobs((st) => st.busy !== null || st.capture.running);
  const can = editable && count > 0 && !busy;
  const canOne = editable && single !== null && !busy;
  const st = () => jobsStore.getState();

  const tool = (op: string, label: string, enabled: boolean, run: () => void, danger = false) => (
    <button
      type={BUTTON}
      className={cx(s.tool, danger && s.toolDanger)}
      disabled={!enabled}
      data-testid={pageOpTestId(op)}
      onClick={run}
    >
      {label}
    </button>
  );

  return (
    <section className={s.panel} aria-labelledby={id}>
      <h2 className={s.panelTitle} id={id}>
        {t(($) => $.operator.jobs.review.ops.title)}
      </h2>
      {count === 0 && <p className={s.muted}>{t(($) => $.operator.jobs.review.ops.nothingSelected)}</p>}
      <div className={s.opGrid}>
        {tool(
          PAGE_OP.moveFirst,
          t(($) => $.operator.jobs.review.ops.moveFirst),
          can,
          () => void st().moveSelection(FIRST),
        )}
        {tool(
          PAGE_OP.moveLast,
          t(($) => $.operator.jobs.review.ops.moveLast),
          can,
          () => void st().moveSelection(LAST),
        )}
        {tool(
          PAGE_OP.moveLeft,
          t(($) => $.operator.jobs.review.ops.moveLeft),
          can,
          () => void st().moveSelection(-1),
        )}
        {tool(
          PAGE_OP.moveRight,
          t(($) => $.operator.jobs.review.ops.moveRight),
          can,
          () => void st().moveSelection(1),
        )}
        {tool(
          PAGE_OP.rotateLeft,
          t(($) => $.operator.jobs.review.ops.rotateLeft),
          can,
          () => void st().rotateSelection(-90),
        )}
        {tool(
          PAGE_OP.rotateRight,
          t(($) => $.operator.jobs.review.ops.rotateRight),
          can,
          () => void st().rotateSelection(90),
        )}
        {tool(
          PAGE_OP.rescan,
          t(($) => $.operator.jobs.review.ops.rescan),
          canOne,
          () => single !== null && void st().startCapture({ kind: RESCAN, pageId: single }),
        )}
        {tool(
          PAGE_OP.delete,
          t(($) => $.operator.jobs.review.ops.delete),
          can,
          () => void st().deleteSelection(),
          true,
        )}
        {tool(
          PAGE_OP.insertBefore,
          t(($) => $.operator.jobs.review.ops.insertBefore),
          canOne,
          () => single !== null && void st().startCapture({ kind: INSERT, pageId: single, where: BEFORE }),
        )}
        {tool(
          PAGE_OP.insertAfter,
          t(($) => $.operator.jobs.review.ops.insertAfter),
          canOne,
          () => single !== null && void st().startCapture({ kind: INSERT, pageId: single, where: AFTER }),
        )}
        {tool(
          PAGE_OP.view,
          t(($) => $.operator.jobs.review.ops.view),
          focus !== null,
          () => focus !== null && void st().openViewer(focus),
        )}
      </div>
    </section>
  );
}
