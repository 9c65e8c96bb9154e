import { type ContractError, LANGUAGES, type Language } from '@contract/index.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isDisconnected } from '../../api/results.js';
import { useSettings } from '../../stores/index.js';
import { langTestId, TID } from '../../testids.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { BUTTON, cx } from '../../ui/html.js';
import s from './LanguageBar.module.css';

export interface LanguageBarProps {
  large?: boolean;
  compact?: boolean;
  /**
   * The kiosk's patron-facing bar: the choice is the patron's, for their visit only, and is not
   * saved (the kiosk returns to the station's language when the visit is wiped). Without it the
   * switch sets the station's language, as the operator's and the setup screen's bars do.
   */
  session?: boolean;
}

/**
 * The language switch, on every screen. Each language is named in itself (no flags: a flag is a
 * country, not a language) and marked with its `lang`, so screen readers pronounce it right.
 */
export function LanguageBar({ large, compact, session }: LanguageBarProps) {
  const { t } = useTranslation();
  const current = useSettings((st) => st.language);
  const setLanguage = useSettings((st) => st.setLanguage);
  const setSessionLanguage = useSettings((st) => st.setSessionLanguage);
  const [error, setError] = useState<ContractError | null>(null);

  const choose = async (language: Language) => {
    setError(null);
    if (session) {
      setSessionLanguage(language);
      return;
    }
    const result = await setLanguage(language);
    // The switch has already happened on screen; a lost link is announced by the offline banner.
    if (!result.ok && !isDisconnected(result.error)) setError(result.error);
  };

  return (
    <div className={cx(s.bar, large && s.large, compact && s.compact)}>
      <fieldset className={s.group} data-testid={TID.languageBar}>
        <legend className={s.legend}>{t(($) => $.language.choose)}</legend>
        {LANGUAGES.map((tag) => (
          <button
            key={tag}
            type={BUTTON}
            lang={tag}
            className={s.button}
            data-testid={langTestId(tag)}
            aria-pressed={tag === current}
            onClick={() => void choose(tag)}
          >
            {t(($) => $.meta.nativeName, { lng: tag })}
          </button>
        ))}
      </fieldset>
      {error && <ErrorMessage error={error} />}
    </div>
  );
}
