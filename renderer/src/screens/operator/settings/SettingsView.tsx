import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SettingsPhase } from '../../../stores/catalog-sources.js';
import { catalogSourcesStore, useCatalogSources } from '../../../stores/index.js';
import { TID } from '../../../testids.js';
import { BUTTON } from '../../../ui/html.js';
import j from '../jobs/Jobs.module.css';
import { CatalogSourcesPart } from './CatalogSourcesPart.js';
import { PackageSettingsPart } from './PackageSettingsPart.js';
import { SettingsPinGate } from './SettingsPinGate.js';

/**
 * The station's Settings, for staff: the staff PIN first, then the parts (the catalog sources,
 * then the packages). The PIN lives in memory only and is forgotten when the operator leaves the section
 * or locks it, so a station left open does not stay unlocked.
 */
export function SettingsView() {
  const { t } = useTranslation();
  const id = useId();
  const ready = useCatalogSources((st) => st.phase === SettingsPhase.ready);
  useEffect(() => () => catalogSourcesStore.getState().reset(), []);

  return (
    <section className={j.section} aria-labelledby={`${id}-title`} data-testid={TID.settingsView}>
      <header className={j.header}>
        <h1 className={j.title} id={`${id}-title`}>
          {t(($) => $.operator.settings.title)}
        </h1>
        {ready && (
          <button
            type={BUTTON}
            className={j.tool}
            data-testid={TID.settingsLock}
            onClick={() => catalogSourcesStore.getState().reset()}
          >
            {t(($) => $.operator.settings.lock)}
          </button>
        )}
      </header>
      <p className={j.muted}>{t(($) => $.operator.settings.intro)}</p>
      {ready ? (
        <>
          <CatalogSourcesPart />
          <PackageSettingsPart />
        </>
      ) : (
        <SettingsPinGate />
      )}
    </section>
  );
}
