import type { ContractError } from '@contract/index.js';
import { useTranslation } from 'react-i18next';
import { settingsStore } from '../stores/index.js';
import { TID } from '../testids.js';
import { Button } from '../ui/Button.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import s from './Status.module.css';
import { LanguageBar } from './shell/LanguageBar.js';

/** The core answered, but could not give its settings (e.g. its database is damaged or too new). */
export function StartupErrorScreen({ error }: { error: ContractError }) {
  const { t } = useTranslation();
  return (
    <main className={s.screen} data-testid={TID.startupError}>
      <h1>{t(($) => $.app.startupFailed)}</h1>
      <ErrorMessage error={error} />
      <Button primary onClick={() => void settingsStore.getState().load()}>
        {t(($) => $.app.retry)}
      </Button>
      <LanguageBar />
    </main>
  );
}
