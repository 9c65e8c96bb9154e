import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs, useSettings } from '../../../stores/index.js';
import {
  type HandFields,
  handFields,
  searchQuery,
  typedRecord,
} from '../../../stores/jobs/catalog-record.js';
import { TID } from '../../../testids.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { formatDateTime, parseDate } from '../../../ui/format.js';
import { BUTTON, cx, POLITE } from '../../../ui/html.js';
import { CHOOSE, LOOKUP, NOT_FOUND, PENDING } from './attrs.js';
import { useErrorText } from './ErrorText.js';
import { HandEntryForm } from './HandEntryForm.js';
import s from './Jobs.module.css';
import { RecordView } from './RecordView.js';
import { candidateDetails } from './record-format.js';
import { SearchFields } from './SearchFields.js';

/**
 * The job's catalogue record on its screens: the record; the candidates to pick when the lookup
 * found several; when it is pending, when it is tried next and why the last try failed, and "try
 * now"; "search again" by title or author, and "edit by hand".
 */
export function RecordPanel() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const job = useJobs((st) => st.job);
  const busy = useJobs((st) => st.recordBusy);
  const error = useJobs((st) => st.recordError);
  const language = useSettings((st) => st.language);
  const timeZone = useSettings((st) => st.settings?.timeZone);
  const [search, setSearch] = useState<{ title: string; author: string } | null>(null);
  const [hand, setHand] = useState<HandFields | null>(null);
  if (!job) return null;
  const record = job.catalogRecord;
  const detail = job.lookupDetail;
  const next = parseDate(detail.nextAttemptAt);
  const store = jobsStore.getState();

  return (
    <section
      className={s.panel}
      aria-busy={busy !== null}
      data-testid={TID.recordPanel}
      data-lookup={job.lookup}
    >
      <h2 className={s.panelTitle}>{t(($) => $.operator.catalog.panel.title)}</h2>
      {record ? (
        <RecordView record={record} />
      ) : (
        <p className={s.muted}>{t(($) => $.operator.catalog.panel.none)}</p>
      )}
      {detail.state === CHOOSE && (
        <>
          <p>{t(($) => $.operator.catalog.panel.choose)}</p>
          <ul className={s.candidates}>
            {detail.candidates.map((candidate, i) => (
              <li
                key={[candidate.source, i].join()}
                className={s.candidate}
                data-testid={TID.recordCandidate}
              >
                <span className={s.candidateText}>
                  <span className={s.bookTitle}>{candidate.title ?? candidate.source}</span>
                  <span className={s.muted}>{candidateDetails(candidate)}</span>
                </span>
                <button
                  type={BUTTON}
                  className={cx(s.tool, s.toolPrimary)}
                  disabled={busy !== null}
                  data-testid={TID.recordPick}
                  onClick={() => void store.setRecord(candidate)}
                >
                  {t(($) => $.operator.catalog.panel.pick)}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {detail.state === PENDING && (
        <div className={s.note} data-testid={TID.recordPending}>
          <p>{t(($) => $.operator.catalog.panel.pending)}</p>
          {next && (
            <p>
              {t(($) => $.operator.catalog.panel.nextTry, {
                time: formatDateTime(next, language, t, { timeZone }),
              })}
            </p>
          )}
          {detail.attempts > 0 && (
            <p className={s.muted}>
              {t(($) => $.operator.catalog.panel.attempts, { count: detail.attempts })}
            </p>
          )}
          {detail.lastError && (
            <p className={s.muted}>
              {t(($) => $.operator.catalog.panel.lastError, { reason: errorText(detail.lastError) })}
            </p>
          )}
        </div>
      )}
      {detail.state === NOT_FOUND && <p className={s.muted}>{t(($) => $.operator.catalog.panel.notFound)}</p>}
      {busy === LOOKUP && (
        <output className={s.muted} aria-live={POLITE}>
          {t(($) => $.operator.catalog.panel.trying)}
        </output>
      )}
      {error && <ErrorMessage error={error} testId={TID.recordError} />}
      <div className={s.toolbar}>
        {detail.state === PENDING && (
          <button
            type={BUTTON}
            className={s.tool}
            disabled={busy !== null}
            data-testid={TID.recordTryNow}
            onClick={() => void store.lookupAgain()}
          >
            {t(($) => $.operator.catalog.panel.tryNow)}
          </button>
        )}
        <button
          type={BUTTON}
          className={s.tool}
          aria-expanded={search !== null}
          data-testid={TID.recordSearchAgain}
          onClick={() => setSearch(search ? null : { title: '', author: '' })}
        >
          {t(($) => $.operator.catalog.panel.searchAgain)}
        </button>
        <button
          type={BUTTON}
          className={s.tool}
          aria-expanded={hand !== null}
          data-testid={TID.recordEdit}
          onClick={() => setHand(hand ? null : handFields(record))}
        >
          {t(($) => $.operator.catalog.panel.edit)}
        </button>
      </div>
      {search && (
        <SearchFields
          title={search.title}
          author={search.author}
          disabled={busy !== null}
          onChange={(patch) => setSearch({ ...search, ...patch })}
          onSearch={() => {
            const query = searchQuery(search.title, search.author);
            if (query) void store.lookupAgain(query).then(() => setSearch(null));
          }}
        />
      )}
      {hand && (
        <HandEntryForm
          fields={hand}
          busy={busy !== null}
          submitLabel={t(($) => $.operator.catalog.hand.save)}
          onChange={(field, value) => setHand({ ...hand, [field]: value })}
          onSubmit={() =>
            void store.setRecord(typedRecord(hand, record)).then((saved) => saved && setHand(null))
          }
          onCancel={() => setHand(null)}
        />
      )}
    </section>
  );
}
