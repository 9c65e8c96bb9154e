import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../electron/station/contract.js';
import { knownErrorCode } from '../../i18n/index.js';
import { TID } from '../testids.js';
import s from './ErrorMessage.module.css';
import { ALERT } from './html.js';

/** A contract error, translated by its code (the English `message` is for logs only). */
export function ErrorMessage({ error }: { error: ContractError }) {
  const { t } = useTranslation();
  const code = knownErrorCode(error.code);
  return (
    <p className={s.error} role={ALERT} data-testid={TID.errorMessage} data-code={error.code}>
      {t(($) => $.error[code])}
    </p>
  );
}
