import { useTranslation } from 'react-i18next';
import { selectOffline, useConnection } from '../../stores/index.js';
import { TID } from '../../testids.js';
import { BUTTON } from '../../ui/html.js';
import { secondsUntil, useNow } from '../../ui/useNow.js';
import s from './OfflineBanner.module.css';

/** Shown on every screen while the link to the core is down; the api client retries by itself. */
export function OfflineBanner() {
  const { t } = useTranslation();
  const offline = useConnection(selectOffline);
  const retryAt = useConnection((st) => st.retryAt);
  const reconnectNow = useConnection((st) => st.reconnectNow);
  const now = useNow(offline && retryAt !== null);

  if (!offline) return null;
  return (
    <div className={s.banner} data-testid={TID.offlineBanner}>
      <output className={s.text}>{t(($) => $.connection.lost)}</output>
      {/* The countdown changes every second: kept out of the live region so it is not read out each time. */}
      <span aria-hidden>
        {retryAt === null
          ? t(($) => $.connection.retrying)
          : t(($) => $.connection.retryIn, { seconds: secondsUntil(retryAt, now) })}
      </span>
      <button
        type={BUTTON}
        className={s.button}
        onClick={reconnectNow}
        disabled={retryAt === null}
        data-testid={TID.reconnectNow}
      >
        {t(($) => $.connection.retryNow)}
      </button>
    </div>
  );
}
