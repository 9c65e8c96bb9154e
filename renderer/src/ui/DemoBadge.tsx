import { useTranslation } from 'react-i18next';
import { TID } from '../testids.js';
import s from './DemoBadge.module.css';

/** Says plainly that devices are simulated and the library is a training one. */
export function DemoBadge() {
  const { t } = useTranslation();
  return (
    <span className={s.badge} data-testid={TID.demoBadge} title={t(($) => $.demo.hint)}>
      {t(($) => $.demo.badge)}
    </span>
  );
}
