import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs, useSettings } from '../../../stores/index.js';
import { filterJobs, JOB_FILTERS, jobFilterCounts } from '../../../stores/jobs/list.js';
import { jobsFilterTestId, TID } from '../../../testids.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { formatDateTime, parseDate } from '../../../ui/format.js';
import { BUTTON, cx, POLITE } from '../../../ui/html.js';
import { COL } from './attrs.js';
import { JobName } from './JobName.js';
import s from './Jobs.module.css';
import { flagCounts, openScreen, stateGroup } from './job-format.js';

/** The jobs list: state, item, pages, QC flags, last change; filters by state; "New job". */
export function JobsList() {
  const { t } = useTranslation();
  const id = useId();
  const jobs = useJobs((st) => st.jobs);
  const loaded = useJobs((st) => st.jobsLoaded);
  const error = useJobs((st) => st.jobsError);
  const filter = useJobs((st) => st.filter);
  const language = useSettings((st) => st.language);
  const timeZone = useSettings((st) => st.settings?.timeZone);

  useEffect(() => {
    void jobsStore.getState().loadJobs();
  }, []);

  const counts = jobFilterCounts(jobs);
  const shown = filterJobs(jobs, filter);
  const filterNames = {
    all: t(($) => $.operator.jobs.filter.all),
    active: t(($) => $.operator.jobs.filter.active),
    reviewed: t(($) => $.operator.jobs.filter.reviewed),
    delivery: t(($) => $.operator.jobs.filter.delivery),
    problems: t(($) => $.operator.jobs.filter.problems),
  };

  return (
    <section className={s.section} aria-labelledby={`${id}-title`} data-testid={TID.jobsView}>
      <header className={s.header}>
        <h1 className={s.title} id={`${id}-title`}>
          {t(($) => $.operator.jobs.title)}
        </h1>
        <button
          type={BUTTON}
          className={cx(s.tool, s.toolPrimary)}
          data-testid={TID.jobsNew}
          onClick={() => jobsStore.getState().newJob()}
        >
          {t(($) => $.operator.jobs.newJob)}
        </button>
      </header>
      {error && <ErrorMessage error={error} testId={TID.jobsError} />}
      {!loaded && !error && (
        <output className={s.muted} aria-live={POLITE}>
          {t(($) => $.operator.jobs.loading)}
        </output>
      )}
      {loaded && jobs.length === 0 && (
        <div className={s.empty} data-testid={TID.jobsEmpty}>
          <p className={s.emptyTitle}>{t(($) => $.operator.jobs.empty.title)}</p>
          <p className={s.emptyHint}>{t(($) => $.operator.jobs.empty.hint)}</p>
        </div>
      )}
      {loaded && jobs.length > 0 && (
        <>
          <div className={s.row}>
            <fieldset className={s.filters}>
              <legend className={s.legend}>{t(($) => $.operator.jobs.filter.label)}</legend>
              {JOB_FILTERS.map((f) => (
                <button
                  key={f}
                  type={BUTTON}
                  className={s.tool}
                  aria-pressed={filter === f}
                  data-testid={jobsFilterTestId(f)}
                  onClick={() => jobsStore.getState().setFilter(f)}
                >
                  {t(($) => $.operator.jobs.filter.count, { name: filterNames[f], count: counts[f] })}
                </button>
              ))}
            </fieldset>
            <span className={s.spacer} />
            <span className={s.muted}>{t(($) => $.operator.jobs.total, { count: shown.length })}</span>
          </div>
          {shown.length === 0 ? (
            <p className={s.muted} data-testid={TID.jobsFilterEmpty}>
              {t(($) => $.operator.jobs.filterEmpty)}
            </p>
          ) : (
            <table className={s.table} data-testid={TID.jobsList}>
              <thead>
                <tr>
                  <th scope={COL}>{t(($) => $.operator.jobs.column.item)}</th>
                  <th scope={COL}>{t(($) => $.operator.jobs.column.state)}</th>
                  <th scope={COL}>{t(($) => $.operator.jobs.column.pages)}</th>
                  <th scope={COL}>{t(($) => $.operator.jobs.column.qc)}</th>
                  <th scope={COL}>{t(($) => $.operator.jobs.column.updated)}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((job) => {
                  const updated = parseDate(job.updatedAt);
                  const flags = flagCounts(job.qcCounts);
                  return (
                    <tr key={job.id} data-testid={TID.jobRow} data-job-id={job.id} data-state={job.state}>
                      <td>
                        <button
                          type={BUTTON}
                          className={s.linkButton}
                          aria-label={t(($) => $.operator.jobs.openJob, { barcode: job.itemBarcode })}
                          onClick={() => void jobsStore.getState().openJob(job.id, openScreen(job))}
                        >
                          <JobName job={job} />
                        </button>
                        {job.title && <span className={cx(s.muted, s.after)}>{job.itemBarcode}</span>}
                      </td>
                      <td>
                        <span className={s.state} data-group={stateGroup(job)}>
                          {t(($) => $.operator.jobs.state[job.state])}
                        </span>
                      </td>
                      <td className={s.num}>
                        {t(($) => $.operator.jobs.pageCount, { count: job.pageCount })}
                        {job.pendingPages > 0 && (
                          <span className={cx(s.muted, s.after)}>
                            {t(($) => $.operator.jobs.processing, { count: job.pendingPages })}
                          </span>
                        )}
                      </td>
                      <td>
                        {flags.length === 0 ? (
                          <span className={s.muted}>{'—'}</span>
                        ) : (
                          <ul className={s.chips}>
                            {flags.map(([flag, n]) => (
                              <li key={flag} className={s.chip}>
                                {t(($) => $.operator.jobs.qcCount, {
                                  name: t(($) => $.operator.jobs.qc[flag]),
                                  count: n,
                                })}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td className={s.num}>
                        {updated ? formatDateTime(updated, language, t, { timeZone }) : '—'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
