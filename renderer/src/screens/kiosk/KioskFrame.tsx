import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../stores/index.js';
import { TID } from '../../testids.js';
import { LanguageBar } from '../shell/LanguageBar.js';
import { DemoToggle } from './DemoPanel.js';
import s from './Kiosk.module.css';
import { useFocusOnMount } from './useFocusOnMount.js';

export interface KioskFrameProps {
  title: string;
  /**
   * The focus moves to the title when the screen mounts and when this changes (a new phase of the
   * same screen); not when the language changes, so the language bar keeps it.
   */
  focusKey?: unknown;
  demo: boolean;
  testId: string;
  children: ReactNode;
  /** The screen's way out (back, finish…), at the bottom where a hand rests. */
  footer?: ReactNode;
}

/** Every patron screen after the welcome: who is signed in, the language, the title, the content. */
export function KioskFrame({ title, focusKey, demo, testId, children, footer }: KioskFrameProps) {
  const { t } = useTranslation();
  const patron = useKiosk((st) => st.patron);
  const heading = useFocusOnMount<HTMLHeadingElement>(focusKey ?? testId);
  return (
    <main className={s.screen} data-testid={testId}>
      <header className={s.header}>
        <div className={s.who}>
          {patron?.name && (
            <span className={s.patron} data-testid={TID.patronName}>
              {t(($) => $.kiosk.header.patron, { name: patron.name })}
            </span>
          )}
        </div>
        <LanguageBar session />
      </header>
      <div className={s.scroll}>
        <div className={s.body}>
          <h1 className={s.title} ref={heading} tabIndex={-1}>
            {title}
          </h1>
          {children}
        </div>
      </div>
      {(footer || demo) && (
        <footer className={s.footer}>
          {footer}
          {demo && (
            <span className={s.demo}>
              <DemoToggle />
            </span>
          )}
        </footer>
      )}
    </main>
  );
}
