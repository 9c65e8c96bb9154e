import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TID } from '../../testids.js';
import { DemoBadge } from '../../ui/DemoBadge.js';
import { ICONS, Icon } from '../../ui/Icon.js';
import { LanguageBar } from '../../ui/LanguageBar.js';
import s from './KioskWelcome.module.css';

/** The kiosk at rest: pick a language, then identify with a library card. */
export function KioskWelcome({ demo }: { demo: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <main className={s.screen} data-testid={TID.kioskWelcome}>
      <div className={s.top}>{demo && <DemoBadge />}</div>
      <div className={s.body}>
        <h1 className={s.title}>{t(($) => $.kiosk.welcome.title)}</h1>
        <Icon glyph={ICONS.card} className={s.card} />
        <p className={s.prompt}>{t(($) => $.kiosk.welcome.prompt)}</p>
      </div>
      <section className={s.languages} aria-labelledby={`${id}-languages`}>
        <h2 className={s.languagesHeading} id={`${id}-languages`}>
          {t(($) => $.kiosk.welcome.languageHeading)}
        </h2>
        <LanguageBar large />
      </section>
    </main>
  );
}
