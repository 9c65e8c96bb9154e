import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../stores/index.js';
import { TID } from '../../testids.js';
import s from '../shell/OfflineBanner.module.css';
import { useDelayedTrue } from './useDelayed.js';

/** How long the library system may be away before the banner says so (its first answer takes a moment). */
const SHOW_AFTER_MS = 2000;

/** Says, in the patron's language, that the library system is not answering (kiosk.status.online). */
export function LibraryOfflineBanner() {
  const { t } = useTranslation();
  const offline = useKiosk((st) => st.status?.configured === true && !st.status.online);
  const shown = useDelayedTrue(offline, SHOW_AFTER_MS);
  if (!shown) return null;
  return (
    <div className={s.banner} data-testid={TID.libraryOffline}>
      <output className={s.text}>{t(($) => $.kiosk.offline)}</output>
    </div>
  );
}
