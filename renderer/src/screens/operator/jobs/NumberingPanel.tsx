import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs } from '../../../stores/index.js';
import { TID } from '../../../testids.js';
import { BUTTON, cx, NUMERIC, TEXT } from '../../../ui/html.js';
import s from './Jobs.module.css';
import { digits, startNumber } from './numbering-input.js';
import { lastSelected } from './review-actions.js';

/**
 * The numbering rule: roman numerals up to the last selected page (the front matter), arabic after;
 * or arabic throughout; or none. Labels follow the rule through every later move, insert and delete.
 */
export function NumberingPanel({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const numbering = useJobs((st) => st.numbering);
  const pages = useJobs((st) => st.pages);
  const last = useJobs(lastSelected);
  const busy = useJobs((st) => st.busy !== null);
  const [roman, setRoman] = useState(String(numbering?.romanStart ?? 1));
  const [arabic, setArabic] = useState(String(numbering?.arabicStart ?? 1));
  const endsAt = numbering?.frontMatterEndsAt ?? null;
  const endSequence = endsAt === null ? null : (pages.find((p) => p.id === endsAt)?.sequence ?? null);
  const lastSequence = last === null ? null : (pages.find((p) => p.id === last)?.sequence ?? null);
  const can = editable && !busy && pages.length > 0;
  const apply = (frontMatterEndsAt: number | null) =>
    void jobsStore.getState().setNumbering({
      frontMatterEndsAt,
      romanStart: startNumber(roman),
      arabicStart: startNumber(arabic),
    });

  return (
    <section className={s.panel} aria-labelledby={id}>
      <h2 className={s.panelTitle} id={id}>
        {t(($) => $.operator.jobs.review.numbering.title)}
      </h2>
      <p data-testid={TID.numberingState}>
        {numbering === null
          ? t(($) => $.operator.jobs.review.numbering.none)
          : endSequence === null
            ? t(($) => $.operator.jobs.review.numbering.allArabic)
            : t(($) => $.operator.jobs.review.numbering.frontMatter, { sequence: endSequence })}
      </p>
      <p className={s.muted}>{t(($) => $.operator.jobs.review.numbering.hint)}</p>
      <div className={s.opGrid}>
        <label className={s.field}>
          <span className={s.fieldLabel}>{t(($) => $.operator.jobs.review.numbering.romanStart)}</span>
          <input
            className={s.input}
            type={TEXT}
            inputMode={NUMERIC}
            value={roman}
            disabled={!editable}
            data-testid={TID.numberingRomanStart}
            onChange={(e) => setRoman(digits(e.target.value))}
          />
        </label>
        <label className={s.field}>
          <span className={s.fieldLabel}>{t(($) => $.operator.jobs.review.numbering.arabicStart)}</span>
          <input
            className={s.input}
            type={TEXT}
            inputMode={NUMERIC}
            value={arabic}
            disabled={!editable}
            data-testid={TID.numberingArabicStart}
            onChange={(e) => setArabic(digits(e.target.value))}
          />
        </label>
      </div>
      <button
        type={BUTTON}
        className={cx(s.tool, s.toolPrimary)}
        disabled={!can || last === null}
        data-testid={TID.numberingFrontMatter}
        onClick={() => apply(last)}
      >
        {lastSequence === null
          ? t(($) => $.operator.jobs.review.numbering.selectLast)
          : t(($) => $.operator.jobs.review.numbering.setFrontMatter, { sequence: lastSequence })}
      </button>
      <div className={s.row}>
        <button
          type={BUTTON}
          className={s.tool}
          disabled={!can}
          data-testid={TID.numberingAllArabic}
          onClick={() => apply(null)}
        >
          {t(($) => $.operator.jobs.review.numbering.setAllArabic)}
        </button>
        <button
          type={BUTTON}
          className={s.tool}
          disabled={!can || numbering === null}
          data-testid={TID.numberingOff}
          onClick={() => void jobsStore.getState().setNumbering(null)}
        >
          {t(($) => $.operator.jobs.review.numbering.off)}
        </button>
      </div>
    </section>
  );
}
