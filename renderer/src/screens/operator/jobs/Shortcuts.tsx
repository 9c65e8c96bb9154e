import { Fragment, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TID } from '../../../testids.js';
import s from './Jobs.module.css';

/** One shortcut: the keys (alternatives joined by "or", a combination by +) and what it does. */
export interface Shortcut {
  /** Alternatives; each a combination of keycaps. */
  keys: string[][];
  does: string;
}

/** The keyboard (and foot pedal) shortcuts of a screen, always on view; `bar`: one line, for the viewer. */
export function Shortcuts({
  title,
  items,
  bar = false,
}: {
  title: string;
  items: Shortcut[];
  bar?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className={bar ? s.keyBar : s.panel} aria-labelledby={id} data-testid={TID.shortcuts}>
      <h2 className={bar ? s.keyBarTitle : s.panelTitle} id={id}>
        {title}
      </h2>
      <dl className={s.shortcuts}>
        {items.map((item) => (
          <Fragment key={item.does}>
            <dt>
              {item.keys.map((combo, i) => (
                <Fragment key={combo.join()}>
                  {i > 0 && <span className={s.muted}>{t(($) => $.operator.jobs.shortcuts.or)}</span>}
                  <span className={s.combo}>
                    {combo.map((cap) => (
                      <kbd key={cap} className={s.kbd}>
                        {cap}
                      </kbd>
                    ))}
                  </span>
                </Fragment>
              ))}
            </dt>
            <dd>{item.does}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
