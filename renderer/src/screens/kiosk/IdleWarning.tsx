import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TID } from '../../testids.js';
import { Button } from '../../ui/Button.js';
import s from './IdleWarning.module.css';

export interface IdleWarningProps {
  secondsLeft: number;
  onStillHere: () => void;
  onEndNow: () => void;
}

/**
 * "Are you still there?" over the whole screen, counting down. The screen underneath is inert while
 * it shows, so the focus stays here; "I’m still here" has it from the start.
 */
export function IdleWarning({ secondsLeft, onStillHere, onEndNow }: IdleWarningProps) {
  const { t } = useTranslation();
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    button.current?.focus();
  }, []);
  return (
    <div className={s.backdrop}>
      <dialog
        open
        className={s.dialog}
        aria-modal
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        data-testid={TID.idleWarning}
      >
        <h2 className={s.title} id={`${id}-title`}>
          {t(($) => $.kiosk.idle.title)}
        </h2>
        <p className={s.body} id={`${id}-body`}>
          {t(($) => $.kiosk.idle.body, { seconds: secondsLeft })}
        </p>
        <div className={s.count} aria-hidden>
          {secondsLeft}
        </div>
        <div className={s.buttons}>
          <Button ref={button} primary large onClick={onStillHere} testId={TID.stillHere}>
            {t(($) => $.kiosk.idle.stillHere)}
          </Button>
          <Button large onClick={onEndNow} testId={TID.idleEndNow}>
            {t(($) => $.kiosk.idle.endNow)}
          </Button>
        </div>
      </dialog>
    </div>
  );
}
