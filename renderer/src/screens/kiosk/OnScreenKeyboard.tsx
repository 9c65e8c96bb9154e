import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { oskKeyTestId, TID } from '../../testids.js';
import { BUTTON } from '../../ui/html.js';
import { ICONS, Icon } from '../../ui/Icon.js';
import s from './Keys.module.css';
import { KEYBOARD_ROWS } from './keys.js';

export interface OnScreenKeyboardProps {
  value: string;
  /** What is being typed ("Card number"): labels the field and the keyboard. */
  label: string;
  onKey: (key: string) => void;
  onBackspace: () => void;
  onClear: () => void;
  onSubmit: () => void;
  submitLabel: string;
  disabled?: boolean;
  describedBy?: string;
}

/** Digits and Latin capitals for card and book numbers, for a kiosk without a keyboard. */
export function OnScreenKeyboard(props: OnScreenKeyboardProps) {
  const { value, label, onKey, onBackspace, onClear, onSubmit, submitLabel, disabled, describedBy } = props;
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className={s.keyboard} aria-describedby={describedBy} data-testid={TID.onscreenKeyboard}>
      <legend className={s.legend}>{t(($) => $.kiosk.keyboard.label)}</legend>
      <div className={s.display}>
        <span className={s.displayLabel} id={`${id}-label`}>
          {label}
        </span>
        <output className={s.typed} aria-labelledby={`${id}-label`} data-testid={TID.oskDisplay}>
          {value === '' ? <span className={s.placeholder}>{t(($) => $.kiosk.keyboard.empty)}</span> : value}
        </output>
      </div>
      {KEYBOARD_ROWS.map((row) => (
        <div key={row.join()} className={s.row}>
          {row.map((key) => (
            <button
              key={key}
              type={BUTTON}
              className={s.key}
              onClick={() => onKey(key)}
              disabled={disabled}
              data-testid={oskKeyTestId(key)}
            >
              {key}
            </button>
          ))}
        </div>
      ))}
      <div className={s.row}>
        <button
          type={BUTTON}
          className={`${s.key} ${s.wide}`}
          onClick={onClear}
          disabled={disabled || value === ''}
          data-testid={TID.oskClear}
        >
          {t(($) => $.kiosk.keyboard.clear)}
        </button>
        <button
          type={BUTTON}
          className={`${s.key} ${s.wide}`}
          onClick={onBackspace}
          disabled={disabled || value === ''}
          aria-label={t(($) => $.kiosk.keyboard.deleteLabel)}
          data-testid={TID.oskBackspace}
        >
          <Icon glyph={ICONS.backspace} className={s.keyIcon} />
          <span aria-hidden>{t(($) => $.kiosk.keyboard.delete)}</span>
        </button>
        <button
          type={BUTTON}
          className={`${s.key} ${s.wide} ${s.submit}`}
          onClick={onSubmit}
          disabled={disabled || value.trim() === ''}
          data-testid={TID.oskSubmit}
        >
          {submitLabel}
        </button>
      </div>
    </fieldset>
  );
}
