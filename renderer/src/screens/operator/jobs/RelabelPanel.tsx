import { PAGE_SIDES, PAGE_TYPES } from '@contract/index.js';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs } from '../../../stores/index.js';
import { TID } from '../../../testids.js';
import { CHECKBOX, cx, OFF, SUBMIT, TEXT } from '../../../ui/html.js';
import { EMPTY } from './attrs.js';
import s from './Jobs.module.css';
import {
  asPageSide,
  asPageType,
  EMPTY_DRAFT,
  isEmptyChange,
  type RelabelDraft,
  relabelChange,
} from './relabel.js';

/** Type, hand label and side for the selected pages (a range at once). */
export function RelabelPanel({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const count = useJobs((st) => st.selection.ids.size);
  const busy = useJobs((st) => st.busy !== null);
  const [draft, setDraft] = useState<RelabelDraft>(EMPTY_DRAFT);
  const change = relabelChange(draft);
  const can = editable && count > 0 && !busy && !isEmptyChange(change);

  return (
    <form
      className={s.panel}
      aria-labelledby={id}
      onSubmit={(e) => {
        e.preventDefault();
        if (!can) return;
        void jobsStore
          .getState()
          .relabelSelection(change)
          .then(() => setDraft(EMPTY_DRAFT));
      }}
    >
      <h2 className={s.panelTitle} id={id}>
        {t(($) => $.operator.jobs.review.relabel.title)}
      </h2>
      <label className={s.field}>
        <span className={s.fieldLabel}>{t(($) => $.operator.jobs.review.relabel.type)}</span>
        <select
          className={s.select}
          value={draft.type}
          disabled={!editable}
          data-testid={TID.relabelType}
          onChange={(e) => setDraft({ ...draft, type: asPageType(e.target.value) })}
        >
          <option value={EMPTY}>{t(($) => $.operator.jobs.review.relabel.keep)}</option>
          {PAGE_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(($) => $.operator.jobs.review.type[type])}
            </option>
          ))}
        </select>
      </label>
      <label className={s.field}>
        <span className={s.fieldLabel}>{t(($) => $.operator.jobs.review.relabel.side)}</span>
        <select
          className={s.select}
          value={draft.side}
          disabled={!editable}
          data-testid={TID.relabelSide}
          onChange={(e) => setDraft({ ...draft, side: asPageSide(e.target.value) })}
        >
          <option value={EMPTY}>{t(($) => $.operator.jobs.review.relabel.keep)}</option>
          {PAGE_SIDES.map((side) => (
            <option key={side} value={side}>
              {t(($) => $.operator.jobs.review.side[side])}
            </option>
          ))}
        </select>
      </label>
      <label className={s.field}>
        <span className={s.fieldLabel}>{t(($) => $.operator.jobs.review.relabel.label)}</span>
        <input
          className={s.input}
          type={TEXT}
          autoComplete={OFF}
          maxLength={64}
          value={draft.label}
          disabled={!editable || draft.numbered}
          aria-describedby={`${id}-hint`}
          data-testid={TID.relabelLabel}
          onChange={(e) => setDraft({ ...draft, label: e.target.value })}
        />
      </label>
      <p className={s.muted} id={`${id}-hint`}>
        {t(($) => $.operator.jobs.review.relabel.labelHint)}
      </p>
      <label className={s.radio}>
        <input
          type={CHECKBOX}
          checked={draft.numbered}
          disabled={!editable}
          onChange={(e) => setDraft({ ...draft, numbered: e.target.checked })}
        />
        {t(($) => $.operator.jobs.review.relabel.numbered)}
      </label>
      <button
        type={SUBMIT}
        className={cx(s.tool, s.toolPrimary)}
        disabled={!can}
        data-testid={TID.relabelApply}
      >
        {t(($) => $.operator.jobs.review.relabel.apply, { count })}
      </button>
    </form>
  );
}
