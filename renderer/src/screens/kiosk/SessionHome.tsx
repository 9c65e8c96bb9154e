import type { KioskAction } from '@contract/index.js';
import { useTranslation } from 'react-i18next';
import { kioskStore, useKiosk } from '../../stores/index.js';
import { actionTestId, TID } from '../../testids.js';
import { Button } from '../../ui/Button.js';
import { BUTTON } from '../../ui/html.js';
import { type Glyph, ICONS, Icon } from '../../ui/Icon.js';
import { ScreenMessages } from '../../ui/ScreenMessages.js';
import { allowedActions } from './flow.js';
import k from './Kiosk.module.css';
import { KioskFrame } from './KioskFrame.js';
import s from './SessionHome.module.css';

const ACTION_ICONS: Record<KioskAction, Glyph> = {
  checkout: ICONS.borrow,
  checkin: ICONS.return,
  renew: ICONS.renew,
};

/** The signed-in patron's menu: the services this kiosk offers, the account, and the way out. */
export function SessionHome({ demo }: { demo: boolean }) {
  const { t } = useTranslation();
  const patron = useKiosk((st) => st.patron);
  const status = useKiosk((st) => st.status);
  const { chooseAction, openAccount, finish } = kioskStore.getState();
  if (!patron) return null;

  const labels: Record<KioskAction, { title: string; hint: string }> = {
    checkout: { title: t(($) => $.kiosk.home.checkout.title), hint: t(($) => $.kiosk.home.checkout.hint) },
    checkin: { title: t(($) => $.kiosk.home.checkin.title), hint: t(($) => $.kiosk.home.checkin.hint) },
    renew: { title: t(($) => $.kiosk.home.renew.title), hint: t(($) => $.kiosk.home.renew.hint) },
  };

  return (
    <KioskFrame
      title={
        patron.name
          ? t(($) => $.kiosk.home.greeting, { name: patron.name })
          : t(($) => $.kiosk.home.greetingAnonymous)
      }
      demo={demo}
      testId={TID.sessionHome}
      footer={
        <Button primary large className={k.footerEnd} onClick={() => void finish()} testId={TID.finishButton}>
          <Icon glyph={ICONS.signout} className={k.buttonIcon} />
          {t(($) => $.kiosk.home.finish)}
        </Button>
      }
    >
      {patron.offline && <p className={s.note}>{t(($) => $.kiosk.home.offlineNote)}</p>}
      <ScreenMessages messages={patron.screenMessages} />
      <p className={k.lead}>{t(($) => $.kiosk.home.prompt)}</p>
      <ul className={s.grid}>
        {allowedActions(status).map((action) => (
          <li key={action}>
            <button
              type={BUTTON}
              className={s.tile}
              onClick={() => chooseAction(action)}
              data-testid={actionTestId(action)}
            >
              <Icon glyph={ACTION_ICONS[action]} className={s.tileIcon} />
              <span className={s.tileTitle}>{labels[action].title}</span>
              <span className={s.tileHint}>{labels[action].hint}</span>
            </button>
          </li>
        ))}
        <li>
          <button type={BUTTON} className={s.tile} onClick={openAccount} data-testid={TID.actionAccount}>
            <Icon glyph={ICONS.account} className={s.tileIcon} />
            <span className={s.tileTitle}>{t(($) => $.kiosk.home.account)}</span>
          </button>
        </li>
      </ul>
    </KioskFrame>
  );
}
