import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppInfo } from '../../stores/index.js';
import { navTestId, TID } from '../../testids.js';
import { DemoBadge } from '../../ui/DemoBadge.js';
import { BUTTON } from '../../ui/html.js';
import { DevicesView } from '../devices/DevicesView.js';
import { LanguageBar } from '../shell/LanguageBar.js';
import { SyncQueueView } from '../sync/SyncQueueView.js';
import { JobsSection } from './jobs/JobsSection.js';
import s from './OperatorHome.module.css';
import { ScanProfilesView } from './profiles/ScanProfilesView.js';
import { FIRST_SECTION, OperatorSection, SECTIONS } from './sections.js';
import { SettingsView } from './settings/SettingsView.js';

/** The scanning station's frame: header, section nav, and the current section. */
export function OperatorHome({ demo }: { demo: boolean }) {
  const { t } = useTranslation();
  const info = useAppInfo((st) => st.info);
  const [section, setSection] = useState<OperatorSection>(FIRST_SECTION);

  const labels: Record<OperatorSection, string> = {
    jobs: t(($) => $.operator.nav.jobs),
    profiles: t(($) => $.operator.nav.profiles),
    sync: t(($) => $.operator.nav.sync),
    devices: t(($) => $.operator.nav.devices),
    settings: t(($) => $.operator.nav.settings),
  };

  return (
    <div className={s.home} data-testid={TID.operatorHome}>
      <header className={s.header}>
        <div className={s.brand}>
          <span className={s.name} data-testid={TID.stationName}>
            {info?.name}
          </span>
          <span>{t(($) => $.operator.header.role)}</span>
          {info && (
            <span className={s.version}>
              {t(($) => $.operator.header.version, { version: info.version })}
            </span>
          )}
        </div>
        {demo && <DemoBadge />}
        <div className={s.spacer} />
        <LanguageBar compact />
      </header>
      <nav className={s.nav} aria-label={t(($) => $.operator.nav.label)}>
        <ul className={s.navList}>
          {SECTIONS.map((entry) => (
            <li key={entry.id}>
              <button
                type={BUTTON}
                className={s.navItem}
                data-testid={navTestId(entry.id)}
                aria-current={section === entry.id}
                disabled={!entry.available}
                onClick={() => setSection(entry.id)}
              >
                <span>{labels[entry.id]}</span>
                {!entry.available && <span className={s.soon}>{t(($) => $.operator.nav.soon)}</span>}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className={s.main}>
        {section === OperatorSection.jobs && <JobsSection />}
        {section === OperatorSection.profiles && <ScanProfilesView />}
        {section === OperatorSection.sync && <SyncQueueView topLevel />}
        {section === OperatorSection.devices && <DevicesView />}
        {section === OperatorSection.settings && <SettingsView />}
      </main>
    </div>
  );
}
