import type { ContractError } from '@contract/index.js';
import { useTranslation } from 'react-i18next';
import { knownErrorCode } from '../../../../i18n/index.js';
import { errorValues } from '../../../ui/error-values.js';

/** A contract error's sentence as running text (a line of a list), where ErrorMessage's alert box is too much. */
export function useErrorText(): (error: ContractError) => string {
  const { t, i18n } = useTranslation();
  return (error) => {
    const code = knownErrorCode(error.code);
    return t(($) => $.error[code], errorValues(error, i18n.language));
  };
}
