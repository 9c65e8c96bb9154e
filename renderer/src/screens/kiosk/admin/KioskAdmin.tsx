import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskAdminStore, kioskStore, useKioskAdmin } from '../../../stores/index.js';
import { AdminPhase } from '../../../stores/kiosk-admin.js';
import { TID } from '../../../testids.js';
import { Button } from '../../../ui/Button.js';
import k from '../Kiosk.module.css';
import { KioskFrame } from '../KioskFrame.js';
import { AdminSettingsForm } from './AdminSettingsForm.js';
import { AdminTabs } from './AdminTabs.js';
import { StaffPinGate } from './StaffPinGate.js';

/** Leave the admin screen: the staff PIN and the settings draft are forgotten. */
export function closeAdmin(): void {
  kioskAdminStore.getState().reset();
  kioskStore.getState().closeAdmin();
}

/** The staff's screen: the staff PIN (set once), then the kiosk's settings. */
export function KioskAdmin({ demo }: { demo: boolean }) {
  const { t } = useTranslation();
  const phase = useKioskAdmin((st) => st.phase);

  useEffect(() => {
    kioskAdminStore.getState().start(kioskStore.getState().status?.staffPinSet ?? false);
    return () => kioskAdminStore.getState().reset();
  }, []);

  let content: ReactNode;
  if (phase === AdminPhase.form) content = <AdminTabs settings={<AdminSettingsForm />} />;
  else if (phase === AdminPhase.loading)
    content = (
      <output className={k.status}>
        <span className={k.spinner} aria-hidden />
        {t(($) => $.admin.loading)}
      </output>
    );
  else content = <StaffPinGate />;

  return (
    <KioskFrame
      title={t(($) => $.admin.title)}
      demo={demo}
      testId={TID.adminScreen}
      footer={
        <Button large className={k.footerEnd} onClick={closeAdmin} testId={TID.adminClose}>
          {t(($) => $.admin.close)}
        </Button>
      }
    >
      {content}
    </KioskFrame>
  );
}
