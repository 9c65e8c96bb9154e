import { type ReactNode, useEffect } from 'react';
import { kioskAdminStore, kioskStore, useKiosk, useSettings } from '../../stores/index.js';
import { KioskStep } from '../../stores/kiosk-steps.js';
import { TID } from '../../testids.js';
import { AccountScreen } from './AccountScreen.js';
import { KioskAdmin } from './admin/KioskAdmin.js';
import { attachAdminShortcut } from './admin/secret-gesture.js';
import { DemoPanel } from './DemoPanel.js';
import { FinishScreen } from './FinishScreen.js';
import { idleTimeoutApplies } from './flow.js';
import { IdleWarning } from './IdleWarning.js';
import { ItemsScreen } from './ItemsScreen.js';
import { IDLE_WARNING } from './idle.js';
import s from './KioskApp.module.css';
import { KioskIdentify } from './KioskIdentify.js';
import { KioskWelcome } from './KioskWelcome.js';
import { LibraryOfflineBanner } from './LibraryOfflineBanner.js';
import { SessionHome } from './SessionHome.js';
import { useIdleTimer } from './useIdleTimer.js';
import { useScanInput } from './useScanInput.js';

/** Used until the first kiosk.status arrives. */
const DEFAULT_IDLE_SECONDS = 60;
const DEFAULT_WARNING_SECONDS = 20;

/**
 * The patron's side of the station: one step at a time (see flow.ts), the library system's banner,
 * the scanner, the idle timeout. The kiosk theme is set by App.
 */
export function KioskApp({ demo }: { demo: boolean }) {
  const step = useKiosk((st) => st.step);
  const idleSeconds = useKiosk((st) => st.status?.idleTimeoutSeconds ?? DEFAULT_IDLE_SECONDS);
  const warningSeconds = useKiosk((st) => st.status?.idleWarningSeconds ?? DEFAULT_WARNING_SECONDS);
  const admin = step === KioskStep.admin;

  // Serial and USB barcode readers, and cards and books on the RFID pad.
  useEffect(() => kioskStore.getState().connectDevices(), []);

  useEffect(() => {
    void kioskStore.getState().loadStatus();
    return attachAdminShortcut(
      window,
      () => kioskStore.getState().step === KioskStep.welcome,
      () => kioskStore.getState().openAdmin(),
    );
  }, []);

  // A scanner works everywhere but on the admin screen (whose fields take typing).
  useScanInput((code) => kioskStore.getState().scan(code), !admin);

  const idle = useIdleTimer(idleTimeoutApplies(step) || admin, idleSeconds, warningSeconds, () => {
    if (kioskStore.getState().step === KioskStep.admin) {
      kioskAdminStore.getState().reset();
      kioskStore.getState().closeAdmin();
    } else {
      kioskStore.getState().expireIdle();
    }
  });
  const warning = idle.state.phase === IDLE_WARNING ? idle.state : null;

  // Someone chose a language on the welcome screen and walked away without signing in: after the
  // same idle time the kiosk quietly returns to the station's language (nothing else is theirs).
  const languageChosen = useSettings((st) => st.sessionLanguage !== null);
  useIdleTimer(step === KioskStep.welcome && languageChosen, idleSeconds, 0, () => {
    if (kioskStore.getState().step === KioskStep.welcome) kioskStore.getState().wipe();
  });

  let screen: ReactNode;
  switch (step) {
    case KioskStep.identify:
      screen = <KioskIdentify demo={demo} />;
      break;
    case KioskStep.home:
      screen = <SessionHome demo={demo} />;
      break;
    case KioskStep.items:
      screen = <ItemsScreen demo={demo} />;
      break;
    case KioskStep.account:
      screen = <AccountScreen demo={demo} />;
      break;
    case KioskStep.finish:
      screen = <FinishScreen demo={demo} />;
      break;
    case KioskStep.admin:
      screen = <KioskAdmin demo={demo} />;
      break;
    default:
      screen = <KioskWelcome demo={demo} />;
  }

  return (
    <div className={s.app} data-testid={TID.kioskApp} data-step={step}>
      <LibraryOfflineBanner />
      <div className={s.main}>
        <div className={s.content} inert={warning !== null}>
          {screen}
        </div>
        {demo && <DemoPanel />}
      </div>
      {warning && (
        <IdleWarning
          secondsLeft={warning.secondsLeft}
          onStillHere={idle.stillHere}
          onEndNow={() => kioskStore.getState().expireIdle()}
        />
      )}
    </div>
  );
}
