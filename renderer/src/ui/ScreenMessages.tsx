import { useTranslation } from 'react-i18next';
import { TID } from '../testids.js';
import { UNKNOWN_LANGUAGE } from './html.js';
import s from './ScreenMessages.module.css';

/**
 * What the library system itself said (SIP2 screen messages), shown as sent: it speaks its own
 * language, which may not be the interface's, so the messages are not marked with ours.
 */
export function ScreenMessages({ messages }: { messages: readonly string[] | undefined }) {
  const { t } = useTranslation();
  const shown = (messages ?? []).map((m) => m.trim()).filter((m) => m !== '');
  if (shown.length === 0) return null;
  return (
    <div className={s.box} data-testid={TID.screenMessages}>
      <p className={s.label}>{t(($) => $.kiosk.library.says)}</p>
      <ul className={s.list}>
        {shown.map((message, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: messages can repeat; their order is all they have
          <li key={i} lang={UNKNOWN_LANGUAGE} className={s.message}>
            {message}
          </li>
        ))}
      </ul>
    </div>
  );
}
