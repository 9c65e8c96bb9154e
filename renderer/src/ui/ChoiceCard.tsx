import { useId } from 'react';
import s from './ChoiceCard.module.css';
import { cx, RADIO } from './html.js';
import { type Glyph, Icon } from './Icon.js';

export interface ChoiceCardProps<V extends string> {
  /** The radio group's name (one per group). */
  group: string;
  value: V;
  checked: boolean;
  onChange: (value: V) => void;
  title: string;
  description: string;
  icon?: Glyph;
  testId: string;
}

/**
 * A large card that is a radio button underneath: arrow keys move within the group, Space selects,
 * and the whole card is the touch target.
 */
export function ChoiceCard<V extends string>(props: ChoiceCardProps<V>) {
  const { group, value, checked, onChange, title, description, icon, testId } = props;
  const id = useId();
  return (
    <label
      className={cx(s.card, checked && s.checked)}
      htmlFor={`${id}-input`}
      data-testid={testId}
      data-selected={checked}
    >
      <input
        id={`${id}-input`}
        className={s.input}
        type={RADIO}
        name={group}
        value={value}
        checked={checked}
        onChange={() => onChange(value)}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-description`}
      />
      {icon && <Icon glyph={icon} className={s.icon} />}
      <span className={s.text}>
        <span className={s.title} id={`${id}-title`}>
          {title}
        </span>
        <span className={s.description} id={`${id}-description`}>
          {description}
        </span>
      </span>
    </label>
  );
}
