import type { SavedCatalogSource } from '@contract/index.js';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { addressOf } from '../../../stores/catalog-source-form.js';
import { catalogSourcesStore, useCatalogSources } from '../../../stores/index.js';
import { TID } from '../../../testids.js';
import { BUTTON, cx } from '../../../ui/html.js';
import j from '../jobs/Jobs.module.css';
import p from '../profiles/ScanProfiles.module.css';
import { PROTOCOL_NAMES } from './names.js';
import s from './Settings.module.css';
import { useSourceTexts } from './useSourceTexts.js';

/** One source of the list: what it is, where it is, and its buttons (named by it for screen readers). */
export function CatalogSourceRow({
  saved,
  index,
  last,
}: {
  saved: SavedCatalogSource;
  index: number;
  last: boolean;
}) {
  const { t } = useTranslation();
  const nameId = useId();
  const busy = useCatalogSources((st) => st.busy);
  const { formatName } = useSourceTexts();
  const { move, startEdit, askDelete } = catalogSourcesStore.getState();
  const { source, user, passwordSet } = saved;

  return (
    <tr data-testid={TID.catalogSourceRow} data-source-name={source.name}>
      <td className={j.num}>{index + 1}</td>
      <td className={p.name} id={nameId}>
        {source.name}
      </td>
      <td>{PROTOCOL_NAMES[source.protocol]}</td>
      <td className={s.address}>{addressOf(source)}</td>
      <td>{formatName(source.format)}</td>
      <td>
        {user === null
          ? t(($) => $.operator.sources.loginNone)
          : passwordSet
            ? t(($) => $.operator.sources.loginPassword, { user })
            : t(($) => $.operator.sources.loginUser, { user })}
      </td>
      <td>
        {saved.builtIn ? (
          <span className={j.muted} data-testid={TID.catalogSourceBuiltIn}>
            {t(($) => $.operator.sources.builtIn)}
          </span>
        ) : (
          <div className={p.rowActions}>
            <button
              type={BUTTON}
              className={j.tool}
              disabled={busy || index === 0}
              aria-describedby={nameId}
              data-testid={TID.catalogSourceUp}
              onClick={() => void move(source.name, -1)}
            >
              {t(($) => $.operator.sources.moveUp)}
            </button>
            <button
              type={BUTTON}
              className={j.tool}
              disabled={busy || last}
              aria-describedby={nameId}
              data-testid={TID.catalogSourceDown}
              onClick={() => void move(source.name, 1)}
            >
              {t(($) => $.operator.sources.moveDown)}
            </button>
            <button
              type={BUTTON}
              className={j.tool}
              aria-describedby={nameId}
              data-testid={TID.catalogSourceEdit}
              onClick={() => startEdit(source.name)}
            >
              {t(($) => $.operator.sources.edit)}
            </button>
            <button
              type={BUTTON}
              className={cx(j.tool, j.toolDanger)}
              aria-describedby={nameId}
              data-testid={TID.catalogSourceDelete}
              onClick={() => askDelete(source.name)}
            >
              {t(($) => $.operator.sources.delete)}
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}
