import type { LookupState } from '@contract/index.js';
import { useTranslation } from 'react-i18next';
import { TID } from '../../../testids.js';
import s from './Jobs.module.css';
import { badgeState } from './record-format.js';

/** Where a job's record stands, when the operator has something to do or wait for. */
export function LookupBadge({ lookup }: { lookup: LookupState }) {
  const { t } = useTranslation();
  const state = badgeState(lookup);
  if (!state) return null;
  return (
    <span className={s.badge} data-lookup={state} data-testid={TID.lookupBadge}>
      {t(($) => $.operator.catalog.badge[state])}
    </span>
  );
}
