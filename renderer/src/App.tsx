import { Mode, Role } from '@contract/index.js';
import type { ReactNode } from 'react';
import s from './App.module.css';
import { isDisconnected } from './api/results.js';
import { KioskApp } from './screens/kiosk/KioskApp.js';
import { LoadingScreen } from './screens/LoadingScreen.js';
import { OperatorHome } from './screens/operator/OperatorHome.js';
import { SetupScreen } from './screens/SetupScreen.js';
import { StartupErrorScreen } from './screens/StartupErrorScreen.js';
import { OfflineBanner } from './screens/shell/OfflineBanner.js';
import { useSettings } from './stores/index.js';
import { cx } from './ui/html.js';

/** Routes by state: what the core says this station is decides the screen; there are no URLs. */
export function App() {
  const settings = useSettings((st) => st.settings);
  const loadError = useSettings((st) => st.loadError);

  const kiosk = settings?.setupComplete === true && settings.role === Role.enum.kiosk;
  let screen: ReactNode;
  if (settings === null) {
    // An unreachable core: keep waiting (the banner says why). A core that answers with an error: say so.
    screen =
      loadError && !isDisconnected(loadError) ? <StartupErrorScreen error={loadError} /> : <LoadingScreen />;
  } else if (!settings.setupComplete) {
    screen = <SetupScreen />;
  } else if (kiosk) {
    screen = <KioskApp demo={settings.mode === Mode.enum.demo} />;
  } else {
    screen = <OperatorHome demo={settings.mode === Mode.enum.demo} />;
  }

  return (
    <div className={cx(s.app, kiosk && s.kiosk)}>
      <OfflineBanner />
      {screen}
    </div>
  );
}
