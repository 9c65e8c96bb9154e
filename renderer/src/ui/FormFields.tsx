import { type ReactNode, useId } from 'react';
import s from './FormFields.module.css';
import { CHECKBOX, NEW_PASSWORD, NUMERIC, OFF, PASSWORD, TEXT } from './html.js';
import { numberText, parseWholeNumber } from './whole-number.js';

/**
 * Form fields: a label above its input, an optional hint, and what is wrong with the value when it is
 * (`problem`, already translated; its element's test id is `<testId>-invalid`). Plain components: the
 * caller gives the texts, the test id and the value, and takes the changes.
 */

interface FieldProps {
  testId: string;
  label: string;
  hint?: string;
  problem: string | null;
  children: (ids: { input: string; describedBy: string | undefined }) => ReactNode;
}

function Field({ testId, label, hint, problem, children }: FieldProps) {
  const id = useId();
  const invalid = problem !== null;
  const described = [hint && `${id}-hint`, invalid && `${id}-invalid`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={s.field} data-invalid={invalid}>
      <label className={s.label} htmlFor={`${id}-input`}>
        {label}
      </label>
      {children({ input: `${id}-input`, describedBy: described })}
      {hint && (
        <span className={s.hint} id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {invalid && (
        <span className={s.invalid} id={`${id}-invalid`} data-testid={`${testId}-invalid`}>
          {problem}
        </span>
      )}
    </div>
  );
}

export function TextField(props: {
  testId: string;
  label: string;
  value: string;
  problem: string | null;
  hint?: string;
  secret?: boolean;
  /** Shown while empty: what an empty field means (a default), never instead of a label. */
  placeholder?: string;
  onChange: (value: string) => void;
}) {
  const { testId, label, value, problem, hint, secret, placeholder, onChange } = props;
  return (
    <Field testId={testId} label={label} hint={hint} problem={problem}>
      {({ input, describedBy }) => (
        <input
          id={input}
          className={s.input}
          type={secret ? PASSWORD : TEXT}
          autoComplete={secret ? NEW_PASSWORD : OFF}
          spellCheck={false}
          placeholder={placeholder}
          value={value}
          aria-invalid={problem !== null}
          aria-describedby={describedBy}
          data-testid={testId}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** A whole number typed as text; NaN while it is not one (the caller's schema refuses it). */
export function NumberField(props: {
  testId: string;
  label: string;
  value: number;
  problem: string | null;
  onChange: (value: number) => void;
}) {
  const { testId, label, value, problem, onChange } = props;
  return (
    <Field testId={testId} label={label} problem={problem}>
      {({ input, describedBy }) => (
        <input
          id={input}
          className={s.input}
          type={TEXT}
          inputMode={NUMERIC}
          autoComplete={OFF}
          value={numberText(value)}
          aria-invalid={problem !== null}
          aria-describedby={describedBy}
          data-testid={testId}
          onChange={(e) => onChange(parseWholeNumber(e.target.value))}
        />
      )}
    </Field>
  );
}

export function SelectField<V extends string>(props: {
  testId: string;
  label: string;
  value: V;
  options: readonly V[];
  optionLabel?: (value: V) => string;
  onChange: (value: V) => void;
}) {
  const { testId, label, value, options, optionLabel, onChange } = props;
  return (
    <Field testId={testId} label={label} problem={null}>
      {({ input, describedBy }) => (
        <select
          id={input}
          className={s.input}
          value={value}
          aria-describedby={describedBy}
          data-testid={testId}
          onChange={(e) => onChange(e.target.value as V)}
        >
          {options.map((option) => (
            <option key={option} value={option}>
              {optionLabel ? optionLabel(option) : option}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckField(props: {
  testId: string;
  label: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  const { testId, label, checked, disabled, onChange } = props;
  const id = useId();
  return (
    <label className={s.check} htmlFor={id}>
      <input
        id={id}
        type={CHECKBOX}
        className={s.checkbox}
        checked={checked}
        disabled={disabled}
        data-testid={testId}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span>{label}</span>
    </label>
  );
}
