import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs } from '../../../stores/index.js';
import { offerPending, sourceLines } from '../../../stores/jobs/catalog-lookup.js';
import { TID } from '../../../testids.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { BUTTON, cx, POLITE } from '../../../ui/html.js';
import { ANSWERED, FAILED, KEY_JOIN } from './attrs.js';
import { useErrorText } from './ErrorText.js';
import s from './Jobs.module.css';
import { candidateDetails } from './record-format.js';

/**
 * What the catalogues answer while the operator waits: a line per source (still searching, how
 * many records, or why it failed), the records found in the order they came, each creating the job
 * with it; and, when no catalogue answered, the way to create the job now with the lookup pending.
 */
export function LookupResults({ blocked }: { blocked: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const lookup = useJobs((st) => st.lookup);
  const sources = useJobs((st) => st.catalogSources);
  const creating = useJobs((st) => st.creating);
  if (!lookup.id) return null;
  const lines = sourceLines(lookup, sources);
  const candidates = lookup.outcomes.flatMap((o) =>
    o.records.map((record, i) => ({ key: [o.source, i].join(KEY_JOIN), record })),
  );
  const nothing = !lookup.running && !lookup.error && candidates.length === 0;
  const pending = offerPending(lookup);

  return (
    <section className={s.panel} aria-busy={lookup.running}>
      <h2 className={s.panelTitle}>{t(($) => $.operator.catalog.lookup.title)}</h2>
      {lookup.running && (
        <output className={s.muted} aria-live={POLITE}>
          {t(($) => $.operator.catalog.lookup.searching)}
        </output>
      )}
      {lookup.error && <ErrorMessage error={lookup.error} testId={TID.newJobLookupError} />}
      {lines.length > 0 && (
        <ul className={s.plainList}>
          {lines.map((line) => (
            <li
              key={line.source}
              className={line.state === FAILED ? s.invalid : s.muted}
              data-testid={TID.newJobSourceLine}
              data-source={line.source}
              data-state={line.state}
            >
              {line.state === FAILED
                ? errorText(line.error)
                : line.state === ANSWERED
                  ? t(($) => $.operator.catalog.lookup.answered, { source: line.source, count: line.total })
                  : t(($) => $.operator.catalog.lookup.working, { source: line.source })}
            </li>
          ))}
        </ul>
      )}
      {candidates.length > 0 && (
        <ul
          className={s.candidates}
          aria-label={t(($) => $.operator.catalog.lookup.candidates)}
          data-testid={TID.newJobCandidates}
        >
          {candidates.map(({ key, record }) => (
            <li
              key={key}
              className={s.candidate}
              data-testid={TID.newJobCandidate}
              data-source={record.source}
            >
              <span className={s.candidateText}>
                <span className={s.bookTitle}>{record.title ?? record.recordId ?? record.source}</span>
                <span className={s.muted}>{candidateDetails(record)}</span>
              </span>
              <button
                type={BUTTON}
                className={cx(s.tool, s.toolPrimary)}
                disabled={creating || blocked}
                data-testid={TID.newJobPick}
                onClick={() => void jobsStore.getState().createJob(undefined, { record })}
              >
                {t(($) => $.operator.catalog.lookup.pick)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {nothing && !pending && (
        <p className={s.muted} data-testid={TID.newJobNotFound}>
          {t(($) => $.operator.catalog.lookup.notFound)}
        </p>
      )}
      {pending && lookup.query && (
        <div className={s.note}>
          <p>{t(($) => $.operator.catalog.lookup.unanswered)}</p>
          <button
            type={BUTTON}
            className={cx(s.tool, s.toolPrimary)}
            disabled={creating || blocked}
            data-testid={TID.newJobCreatePending}
            onClick={() => void jobsStore.getState().createJob(undefined, { lookup: lookup.query! })}
          >
            {t(($) => $.operator.catalog.lookup.createPending)}
          </button>
        </div>
      )}
    </section>
  );
}
