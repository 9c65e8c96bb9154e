import type { BibRecord } from '@contract/index.js';
import { useTranslation } from 'react-i18next';
import s from './Jobs.module.css';
import { creatorsLine, LIST, publicationLine, SUBTITLE } from './record-format.js';

/** A catalogue record's fields as the job screens show them; empty fields are left out. */
export function RecordView({ record }: { record: BibRecord }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    [
      t(($) => $.operator.catalog.record.title),
      [record.title, record.subtitle].filter(Boolean).join(SUBTITLE),
    ],
    [t(($) => $.operator.catalog.record.responsibility), record.responsibility ?? ''],
    [t(($) => $.operator.catalog.record.creators), creatorsLine(record)],
    [t(($) => $.operator.catalog.record.publication), publicationLine(record)],
    [t(($) => $.operator.catalog.record.isbns), record.isbns.join(LIST)],
    [t(($) => $.operator.catalog.record.languages), record.languages.join(LIST)],
    [
      t(($) => $.operator.catalog.record.source),
      !record.source
        ? t(($) => $.operator.catalog.record.typed)
        : record.edited
          ? t(($) => $.operator.catalog.record.edited, { source: record.source })
          : record.source,
    ],
  ];
  return (
    <dl className={s.record}>
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <div key={label} className={s.recordRow}>
            <dt className={s.recordLabel}>{label}</dt>
            <dd className={s.recordValue}>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
