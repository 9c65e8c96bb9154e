import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogSourcesStore, useCatalogSources } from '../../../stores/index.js';
import { TID } from '../../../testids.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { BUTTON, cx, POLITE } from '../../../ui/html.js';
import { COL } from '../jobs/attrs.js';
import j from '../jobs/Jobs.module.css';
import p from '../profiles/ScanProfiles.module.css';
import { CatalogSourceRow } from './CatalogSourceRow.js';
import { DeleteSourceDialog } from './DeleteSourceDialog.js';
import { PROTOCOL_NAMES } from './names.js';
import { SourceEditor } from './SourceEditor.js';

/**
 * The catalog sources, in the order lookups ask them: each one's protocol, address, record format
 * and whether it has a login; moving, editing, deleting (after asking) and adding.
 */
export function CatalogSourcesPart() {
  const { t } = useTranslation();
  const id = useId();
  const sources = useCatalogSources((st) => st.sources);
  const loaded = useCatalogSources((st) => st.loaded);
  const error = useCatalogSources((st) => st.error);
  const actionError = useCatalogSources((st) => st.actionError);
  const notice = useCatalogSources((st) => st.notice);
  const editing = useCatalogSources((st) => st.draft !== null);
  const removing = useCatalogSources((st) => st.removing !== null);
  const { startNew } = catalogSourcesStore.getState();

  return (
    <section className={j.section} aria-labelledby={`${id}-title`} data-testid={TID.catalogSources}>
      <header className={j.header}>
        <h2 className={j.subtitle} id={`${id}-title`}>
          {t(($) => $.operator.sources.title)}
        </h2>
        <button
          type={BUTTON}
          className={cx(j.tool, j.toolPrimary)}
          data-testid={TID.catalogSourcesAdd}
          onClick={startNew}
        >
          {t(($) => $.operator.sources.add)}
        </button>
      </header>
      <p className={j.muted}>{t(($) => $.operator.sources.intro)}</p>
      {notice && (
        <output className={p.notice} aria-live={POLITE} data-testid={TID.catalogSourcesNotice}>
          {t(($) => $.operator.sources.notice[notice.kind], { name: notice.name })}
        </output>
      )}
      {error && <ErrorMessage error={error} testId={TID.catalogSourcesError} />}
      {actionError && <ErrorMessage error={actionError} testId={TID.catalogSourceActionError} />}
      {!loaded && !error && (
        <output className={j.muted} aria-live={POLITE}>
          {t(($) => $.operator.sources.loading)}
        </output>
      )}
      {loaded && sources.length === 0 && (
        <div className={j.empty} data-testid={TID.catalogSourcesEmpty}>
          <p className={j.emptyTitle}>{t(($) => $.operator.sources.empty.title)}</p>
          <p className={j.emptyHint}>{t(($) => $.operator.sources.empty.hint, PROTOCOL_NAMES)}</p>
        </div>
      )}
      {sources.length > 0 && (
        <div className={p.tableWrap}>
          <table className={j.table}>
            <thead>
              <tr>
                <th scope={COL}>{t(($) => $.operator.sources.column.order)}</th>
                <th scope={COL}>{t(($) => $.operator.sources.column.name)}</th>
                <th scope={COL}>{t(($) => $.operator.sources.column.protocol)}</th>
                <th scope={COL}>{t(($) => $.operator.sources.column.address)}</th>
                <th scope={COL}>{t(($) => $.operator.sources.column.format)}</th>
                <th scope={COL}>{t(($) => $.operator.sources.column.login)}</th>
                <th scope={COL}>{t(($) => $.operator.sources.column.actions)}</th>
              </tr>
            </thead>
            <tbody>
              {sources.map((saved, index) => (
                <CatalogSourceRow
                  key={saved.source.name}
                  saved={saved}
                  index={index}
                  last={index === sources.length - 1}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && <SourceEditor />}
      {removing && <DeleteSourceDialog />}
    </section>
  );
}
