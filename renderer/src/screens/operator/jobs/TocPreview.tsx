import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useJobs } from '../../../stores/index.js';
import { tocEntries } from '../../../stores/jobs/toc.js';
import { TID } from '../../../testids.js';
import s from './Jobs.module.css';
import x from './Package.module.css';
import { TECH_NAMES, TOC_GAP, TOC_SEPARATOR } from './package-view.js';

/**
 * The table of contents the package's METS will carry, read-only: the parts of the book from the
 * page types set in review (`stores/jobs/toc.ts`), each with its pages and printed label.
 */
export function TocPreview() {
  const { t } = useTranslation();
  const id = useId();
  const pages = useJobs((st) => st.pages);
  const entries = useMemo(() => tocEntries(pages), [pages]);
  return (
    <section className={s.panel} aria-labelledby={`${id}-title`} data-testid={TID.packageToc}>
      <h2 className={s.panelTitle} id={`${id}-title`}>
        {t(($) => $.operator.jobs.package.toc.title)}
      </h2>
      <p className={s.muted}>{t(($) => $.operator.jobs.package.toc.intro, { mets: TECH_NAMES.mets })}</p>
      {entries.length === 0 ? (
        <p className={s.muted}>{t(($) => $.operator.jobs.package.toc.empty)}</p>
      ) : (
        <ol className={x.toc}>
          {entries.map((entry) => (
            <li key={entry.first} data-testid={TID.packageTocEntry} data-type={entry.type}>
              {t(($) => $.operator.jobs.review.type[entry.type])}
              {TOC_SEPARATOR}
              {entry.first === entry.last
                ? t(($) => $.operator.jobs.package.toc.page, { first: entry.first })
                : t(($) => $.operator.jobs.package.toc.pages, { first: entry.first, last: entry.last })}
              {entry.label && (
                <span className={s.muted}>
                  {TOC_GAP}
                  {t(($) => $.operator.jobs.package.toc.label, { label: entry.label })}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
