import type { BibRecord, CatalogSourceTestResult } from '@contract/index.js';
import { useTranslation } from 'react-i18next';
import { TID } from '../../../testids.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { UNKNOWN_LANGUAGE } from '../../../ui/html.js';
import { COL } from '../jobs/attrs.js';
import j from '../jobs/Jobs.module.css';
import p from '../profiles/ScanProfiles.module.css';
import { LIST_SEPARATOR, TITLE_SEPARATOR } from './names.js';
import s from './Settings.module.css';

/**
 * What a test lookup brought: answered or not (naming the source and what its server said), how
 * many hits and how long it took, the records as the station maps them, and the raw answer
 * (collapsed: it is long, and only needed when the records look wrong).
 */
export function TestResult({ result, name }: { result: CatalogSourceTestResult; name: string }) {
  const { t, i18n } = useTranslation();
  const source = result.error?.source ?? name;
  const seconds = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(
    result.elapsedMs / 1000,
  );
  const diagnostic = result.error?.diagnostic?.message ?? result.error?.diagnostic?.details ?? null;

  return (
    <div
      className={result.ok ? s.testOk : s.testFailed}
      data-testid={TID.catalogSourceTestResult}
      data-ok={result.ok}
    >
      <strong>
        {result.ok
          ? t(($) => $.operator.sources.test.ok, { name: source, total: result.total })
          : t(($) => $.operator.sources.test.failed, { name: source })}
      </strong>
      {result.error && <ErrorMessage error={result.error} />}
      {diagnostic && (
        <p lang={UNKNOWN_LANGUAGE}>{t(($) => $.operator.sources.test.diagnostic, { message: diagnostic })}</p>
      )}
      <p className={j.muted}>{t(($) => $.operator.sources.test.elapsed, { seconds })}</p>
      {result.records.length > 0 && <TestRecords records={result.records} />}
      <details>
        <summary>{t(($) => $.operator.sources.test.raw)}</summary>
        <pre className={s.raw} data-testid={TID.catalogSourceTestRaw} lang={UNKNOWN_LANGUAGE}>
          {result.raw === '' ? t(($) => $.operator.sources.test.rawEmpty) : result.raw}
        </pre>
      </details>
    </div>
  );
}

/** The author a record is known by: its main entry, else the first named, else its statement. */
function authorOf(record: BibRecord): string {
  return (
    record.creators.find((c) => c.primary)?.name ?? record.creators[0]?.name ?? record.responsibility ?? ''
  );
}

function TestRecords({ records }: { records: BibRecord[] }) {
  const { t } = useTranslation();
  return (
    <div className={p.tableWrap}>
      <p className={j.muted}>{t(($) => $.operator.sources.test.shown, { count: records.length })}</p>
      <table className={j.table} data-testid={TID.catalogSourceTestRecords}>
        <thead>
          <tr>
            <th scope={COL}>{t(($) => $.operator.sources.test.column.title)}</th>
            <th scope={COL}>{t(($) => $.operator.sources.test.column.author)}</th>
            <th scope={COL}>{t(($) => $.operator.sources.test.column.year)}</th>
            <th scope={COL}>{t(($) => $.operator.sources.test.column.publisher)}</th>
            <th scope={COL}>{t(($) => $.operator.sources.test.column.languages)}</th>
          </tr>
        </thead>
        {/* Text as catalogued, in whatever language the record is in. */}
        <tbody lang={UNKNOWN_LANGUAGE}>
          {records.map((record, index) => (
            // Records of one answer have no id of their own (001 may be missing or repeated).
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <tr key={index}>
              <td>{[record.title, record.subtitle].filter(Boolean).join(TITLE_SEPARATOR)}</td>
              <td>{authorOf(record)}</td>
              <td>{record.publication.date ?? ''}</td>
              <td>{record.publication.publisher ?? ''}</td>
              <td>{record.languages.join(LIST_SEPARATOR)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
