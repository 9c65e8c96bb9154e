import type { ContractError } from '@contract/index.js';
import { useTranslation } from 'react-i18next';
import { knownErrorCode, pathSentenceCode } from '../../i18n/index.js';
import { TID } from '../testids.js';
import s from './ErrorMessage.module.css';
import { errorValues } from './error-values.js';
import { ALERT } from './html.js';
import { ScreenMessages } from './ScreenMessages.js';

/**
 * A contract error, translated by its code (the English `message` is for logs only), followed by
 * what the library system itself said, when it said something. The disk's errors name their file
 * or folder (`storage.<code>`), so staff know where to look.
 */
export function ErrorMessage({ error, testId }: { error: ContractError; testId?: string }) {
  const { t, i18n } = useTranslation();
  const code = knownErrorCode(error.code);
  const withPath = pathSentenceCode(code, error.path);
  return (
    <div className={s.wrap} role={ALERT} data-testid={testId ?? TID.errorMessage} data-code={error.code}>
      <p className={s.error}>
        {withPath
          ? t(($) => $.storage[withPath], { path: error.path })
          : t(($) => $.error[code], errorValues(error, i18n.language))}
      </p>
      <ScreenMessages messages={error.screenMessages} />
    </div>
  );
}
