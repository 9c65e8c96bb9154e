import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { syncStore, useKioskAdmin, useSync } from '../../../stores/index.js';
import { adminTabTestId } from '../../../testids.js';
import { BUTTON } from '../../../ui/html.js';
import { DevicesView } from '../../devices/DevicesView.js';
import { SyncQueueView } from '../../sync/SyncQueueView.js';
import s from './Admin.module.css';
import { ADMIN_TABS, AdminTab } from './tabs.js';

/**
 * The kiosk admin screen once the staff PIN is in: the settings, the sync queue (which uses the
 * PIN the staff entered for its retry, discard and export), the devices.
 */
export function AdminTabs({ settings }: { settings: ReactNode }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<AdminTab>(AdminTab.settings);
  const staffPin = useKioskAdmin((st) => st.staffPin);
  const waiting = useSync((st) => {
    const totals = st.status?.totals;
    return totals ? totals.failed + totals.dead : 0;
  });
  useEffect(() => {
    void syncStore.getState().loadStatus();
  }, []);
  const labels: Record<AdminTab, string> = {
    settings: t(($) => $.sync.tab.settings),
    sync: t(($) => $.sync.tab.queue),
    devices: t(($) => $.devices.tab),
  };
  return (
    <>
      <nav className={s.tabs} aria-label={t(($) => $.sync.tab.label)}>
        {ADMIN_TABS.map((entry) => (
          <button
            key={entry}
            type={BUTTON}
            className={s.tab}
            aria-current={tab === entry}
            onClick={() => setTab(entry)}
            data-testid={adminTabTestId(entry)}
          >
            {labels[entry]}
            {entry === AdminTab.sync && waiting > 0 && (
              <span className={s.tabBadge} aria-hidden>
                {waiting}
              </span>
            )}
          </button>
        ))}
      </nav>
      {tab === AdminTab.sync ? (
        <SyncQueueView staffPin={staffPin} />
      ) : tab === AdminTab.devices ? (
        <DevicesView />
      ) : (
        settings
      )}
    </>
  );
}
