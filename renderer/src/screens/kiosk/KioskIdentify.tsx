import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskStore, useKiosk } from '../../stores/index.js';
import { IdentifyPhase } from '../../stores/kiosk.js';
import { TID } from '../../testids.js';
import { Button } from '../../ui/Button.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { POLITE } from '../../ui/html.js';
import k from './Kiosk.module.css';
import { KioskFrame } from './KioskFrame.js';
import { OnScreenKeyboard } from './OnScreenKeyboard.js';
import { PinKeypad } from './PinKeypad.js';

/** The card number typed on the screen (when allowed), then the PIN (when asked), then the check. */
export function KioskIdentify({ demo }: { demo: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const phase = useKiosk((st) => st.identifyPhase);
  const entry = useKiosk((st) => st.entry);
  const error = useKiosk((st) => st.identifyError);
  const { typeKey, backspace, clearEntry, submitEntry, wipe } = kioskStore.getState();
  const submit = () => void submitEntry();

  let title: string;
  let content: ReactNode;
  switch (phase) {
    case IdentifyPhase.card:
      title = t(($) => $.kiosk.identify.cardTitle);
      content = (
        <>
          <p className={k.lead} id={`${id}-hint`}>
            {t(($) => $.kiosk.identify.cardHint)}
          </p>
          {error && <ErrorMessage error={error} testId={TID.identifyError} />}
          <OnScreenKeyboard
            value={entry}
            label={t(($) => $.kiosk.identify.cardLabel)}
            onKey={typeKey}
            onBackspace={backspace}
            onClear={clearEntry}
            onSubmit={submit}
            submitLabel={t(($) => $.kiosk.common.ok)}
            describedBy={`${id}-hint`}
          />
        </>
      );
      break;
    case IdentifyPhase.pin:
      title = t(($) => $.kiosk.identify.pinTitle);
      content = (
        <div className={k.split}>
          <div className={k.splitText}>
            <p className={k.lead} id={`${id}-hint`}>
              {t(($) => $.kiosk.identify.pinHint)}
            </p>
            {error && <ErrorMessage error={error} testId={TID.identifyError} />}
          </div>
          <PinKeypad
            value={entry}
            label={t(($) => $.kiosk.pin.label)}
            onDigit={typeKey}
            onBackspace={backspace}
            onSubmit={submit}
            describedBy={`${id}-hint`}
          />
        </div>
      );
      break;
    case IdentifyPhase.checking:
      title = t(($) => $.kiosk.identify.checking);
      content = (
        <output className={k.status} aria-live={POLITE} data-testid={TID.identifyChecking}>
          <span className={k.spinner} aria-hidden />
          {t(($) => $.kiosk.identify.checking)}
        </output>
      );
      break;
    default:
      title = t(($) => $.kiosk.identify.failedTitle);
      content = (
        <>
          {error && <ErrorMessage error={error} testId={TID.identifyError} />}
          <div>
            <Button primary large onClick={wipe} testId={TID.startOver}>
              {t(($) => $.kiosk.identify.startOver)}
            </Button>
          </div>
        </>
      );
  }

  return (
    <KioskFrame
      title={title}
      focusKey={phase}
      demo={demo}
      testId={TID.kioskIdentify}
      footer={
        <Button large onClick={wipe} disabled={phase === IdentifyPhase.checking} testId={TID.identifyCancel}>
          {t(($) => $.kiosk.common.cancel)}
        </Button>
      }
    >
      {content}
    </KioskFrame>
  );
}
