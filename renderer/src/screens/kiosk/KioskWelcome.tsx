import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskStore, useKiosk } from '../../stores/index.js';
import { TID } from '../../testids.js';
import { Button } from '../../ui/Button.js';
import { ICONS, Icon } from '../../ui/Icon.js';
import { LanguageBar } from '../shell/LanguageBar.js';
import { AdminEntry } from './admin/AdminEntry.js';
import { DemoToggle } from './DemoPanel.js';
import k from './Kiosk.module.css';
import s from './KioskWelcome.module.css';
import { useFocusOnMount } from './useFocusOnMount.js';

/** The kiosk at rest: pick a language, then identify with a library card (or return books). */
export function KioskWelcome({ demo }: { demo: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const status = useKiosk((st) => st.status);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const notReady = status !== null && !status.configured;
  const { startTypedCard, startReturns } = kioskStore.getState();

  return (
    <main className={s.screen} data-testid={TID.kioskWelcome}>
      <div className={s.top}>
        <AdminEntry />
        {demo && <DemoToggle />}
      </div>
      <div className={s.body}>
        <h1 className={s.title} ref={heading} tabIndex={-1}>
          {t(($) => $.kiosk.welcome.title)}
        </h1>
        <Icon glyph={ICONS.card} className={s.card} />
        {notReady ? (
          <p className={s.notReady} data-testid={TID.kioskNotConfigured}>
            {t(($) => $.kiosk.welcome.notConfigured)}
          </p>
        ) : (
          <p className={s.prompt}>{t(($) => $.kiosk.welcome.prompt)}</p>
        )}
        {status?.configured && (
          <div className={s.actions}>
            {status.typedCardAllowed && (
              <Button large onClick={startTypedCard} testId={TID.typeCard}>
                <Icon glyph={ICONS.keyboard} className={k.buttonIcon} />
                {t(($) => $.kiosk.welcome.typeCard)}
              </Button>
            )}
            {status.actions.checkin && (
              <Button large onClick={startReturns} testId={TID.returnBooks}>
                <Icon glyph={ICONS.return} className={k.buttonIcon} />
                {t(($) => $.kiosk.welcome.returnBooks)}
              </Button>
            )}
          </div>
        )}
      </div>
      <section className={s.languages} aria-labelledby={`${id}-languages`}>
        <h2 className={s.languagesHeading} id={`${id}-languages`}>
          {t(($) => $.kiosk.welcome.languageHeading)}
        </h2>
        <LanguageBar large session />
      </section>
    </main>
  );
}
