import { useTranslation } from 'react-i18next';
import { pinKeyTestId, TID } from '../../testids.js';
import { BUTTON, POLITE } from '../../ui/html.js';
import { ICONS, Icon } from '../../ui/Icon.js';
import s from './Keys.module.css';
import { KEYPAD_ROWS, KEYPAD_ZERO } from './keys.js';

export interface PinKeypadProps {
  /** What has been typed: shown only as dots. */
  value: string;
  label: string;
  onDigit: (digit: string) => void;
  onBackspace: () => void;
  onSubmit: () => void;
  disabled?: boolean;
  /** Describes the keypad (the instructions or the error above it). */
  describedBy?: string;
}

/** A PIN keypad: digits, delete and OK, the PIN masked; announces how many digits are in. */
export function PinKeypad({
  value,
  label,
  onDigit,
  onBackspace,
  onSubmit,
  disabled,
  describedBy,
}: PinKeypadProps) {
  const { t } = useTranslation();
  const digit = (d: string) => (
    <button
      key={d}
      type={BUTTON}
      className={s.key}
      onClick={() => onDigit(d)}
      disabled={disabled}
      data-testid={pinKeyTestId(d)}
    >
      {d}
    </button>
  );
  return (
    <fieldset className={s.keypad} aria-describedby={describedBy} data-testid={TID.pinKeypad}>
      <legend className={s.legend}>{label}</legend>
      <div className={s.display} data-testid={TID.pinDisplay} data-length={value.length}>
        <span className={s.displayLabel} aria-hidden>
          {label}
        </span>
        <span className={s.dots} aria-hidden>
          {[...value].map((_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the dots are all alike
            <span key={i} className={s.dot} />
          ))}
        </span>
        <span className={s.visuallyHidden} aria-live={POLITE}>
          {t(($) => $.kiosk.pin.entered, { count: value.length })}
        </span>
      </div>
      <div className={s.keypadGrid}>
        {KEYPAD_ROWS.flat().map(digit)}
        <button
          type={BUTTON}
          className={s.key}
          onClick={onBackspace}
          disabled={disabled || value.length === 0}
          aria-label={t(($) => $.kiosk.keyboard.deleteLabel)}
          data-testid={TID.pinBackspace}
        >
          <Icon glyph={ICONS.backspace} className={s.keyIcon} />
        </button>
        {digit(KEYPAD_ZERO)}
        <button
          type={BUTTON}
          className={`${s.key} ${s.submit}`}
          onClick={onSubmit}
          disabled={disabled || value.length === 0}
          data-testid={TID.pinSubmit}
        >
          {t(($) => $.kiosk.common.ok)}
        </button>
      </div>
    </fieldset>
  );
}
