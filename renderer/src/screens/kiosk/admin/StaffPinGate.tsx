import { STAFF_PIN_MAX, STAFF_PIN_MIN } from '@contract/index.js';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskAdminStore, useKioskAdmin } from '../../../stores/index.js';
import { AdminPhase, PinProblem } from '../../../stores/kiosk-admin.js';
import { TID } from '../../../testids.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { ALERT } from '../../../ui/html.js';
import k from '../Kiosk.module.css';
import { PinKeypad } from '../PinKeypad.js';
import s from './Admin.module.css';

/**
 * Asks the staff PIN. A kiosk that has none says how to set one: this screen never sets the first
 * PIN, so nobody walking up to a fresh kiosk can claim it.
 */
export function StaffPinGate() {
  const { t } = useTranslation();
  const id = useId();
  const phase = useKioskAdmin((st) => st.phase);
  const entry = useKioskAdmin((st) => st.entry);
  const busy = useKioskAdmin((st) => st.busy);
  const error = useKioskAdmin((st) => st.error);
  const problem = useKioskAdmin((st) => st.pinProblem);
  const { typeKey, backspace, submitPin } = kioskAdminStore.getState();
  const range = { min: STAFF_PIN_MIN, max: STAFF_PIN_MAX };

  const notSet = phase === AdminPhase.notSet;

  return (
    <section
      className={s.gate}
      aria-labelledby={`${id}-heading`}
      data-testid={TID.staffPin}
      data-phase={phase}
    >
      <h2 className={k.sectionHeading} id={`${id}-heading`}>
        {notSet ? t(($) => $.admin.pin.notSetTitle) : t(($) => $.admin.pin.title)}
      </h2>
      {/* No PIN yet: only the terminal can set one (the error says how). */}
      {notSet && error && <ErrorMessage error={error} testId={TID.staffPinError} />}
      {!notSet && (
        <div className={k.split}>
          <div className={k.splitText}>
            <p className={k.lead} id={`${id}-prompt`}>
              {t(($) => $.admin.pin.prompt)}
            </p>
            {problem === PinProblem.short && (
              <p className={s.problem} role={ALERT} data-testid={TID.staffPinError}>
                {t(($) => $.admin.pin.short, range)}
              </p>
            )}
            {error && <ErrorMessage error={error} testId={TID.staffPinError} />}
          </div>
          <PinKeypad
            value={entry}
            label={t(($) => $.admin.pin.title)}
            onDigit={typeKey}
            onBackspace={backspace}
            onSubmit={() => void submitPin()}
            disabled={busy}
            describedBy={`${id}-prompt`}
          />
        </div>
      )}
    </section>
  );
}
