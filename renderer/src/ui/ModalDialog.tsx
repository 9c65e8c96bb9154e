import { type ReactNode, useId } from 'react';
import { ESCAPE_KEY } from './html.js';
import s from './ModalDialog.module.css';

export interface ModalDialogProps {
  /** The heading, which also names the dialog for screen readers. */
  title: ReactNode;
  testId: string;
  /** Escape closes the dialog unless `busy` (an answer is on its way). */
  onEscape: () => void;
  busy?: boolean;
  /** Wider dialogs (forms) pass `wide`. */
  wide?: boolean;
  /** Given the id the body should carry to describe the dialog (`aria-describedby`). */
  children: (ids: { body: string }) => ReactNode;
}

/**
 * A modal dialog over a dimmed screen: one heading that names it, a body that describes it, and
 * Escape to leave. The screens put their own focus on the safe choice (Cancel) or the first field.
 */
export function ModalDialog({
  title,
  testId,
  onEscape,
  busy = false,
  wide = false,
  children,
}: ModalDialogProps) {
  const id = useId();
  const ids = { title: `${id}-title`, body: `${id}-body` };
  return (
    <div className={s.backdrop}>
      <dialog
        open
        className={wide ? `${s.dialog} ${s.wide}` : s.dialog}
        aria-modal
        aria-labelledby={ids.title}
        aria-describedby={ids.body}
        data-testid={testId}
        onKeyDown={(event) => {
          if (event.key === ESCAPE_KEY && !busy) onEscape();
        }}
      >
        <h2 className={s.title} id={ids.title}>
          {title}
        </h2>
        {children({ body: ids.body })}
      </dialog>
    </div>
  );
}

/** The row of buttons at the foot of a dialog, the main one last. */
export function DialogButtons({ children }: { children: ReactNode }) {
  return <div className={s.buttons}>{children}</div>;
}
