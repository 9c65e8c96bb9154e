import { useState } from 'react';
import { KIOSK_START, KioskStep } from './flow.js';
import { KioskWelcome } from './KioskWelcome.js';

/** The patron's side of the station: one step at a time (see flow.ts). The kiosk theme is set by App. */
export function KioskApp({ demo }: { demo: boolean }) {
  const [step] = useState<KioskStep>(KIOSK_START);
  return step === KioskStep.welcome ? <KioskWelcome demo={demo} /> : null;
}
