import type { ButtonHTMLAttributes, Ref } from 'react';
import s from './Button.module.css';
import { BUTTON, cx, SUBMIT } from './html.js';

export interface ButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> {
  primary?: boolean;
  large?: boolean;
  /** A form's submit button; otherwise a plain button (never submits by accident). */
  submit?: boolean;
  testId?: string;
  ref?: Ref<HTMLButtonElement>;
}

export function Button({ primary, large, submit, testId, className, ...rest }: ButtonProps) {
  return (
    <button
      {...rest}
      type={submit ? SUBMIT : BUTTON}
      className={cx(s.button, primary && s.primary, large && s.large, className)}
      data-testid={testId}
    />
  );
}
