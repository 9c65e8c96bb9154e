import { useTranslation } from 'react-i18next';
import { TID } from '../testids.js';
import s from './Status.module.css';
import { LanguageBar } from './shell/LanguageBar.js';

/** Until the core has told us its settings (or while it cannot be reached at all). */
export function LoadingScreen() {
  const { t } = useTranslation();
  return (
    <main className={s.screen} aria-busy data-testid={TID.loadingScreen}>
      <p className={s.text}>{t(($) => $.app.loading)}</p>
      <LanguageBar />
    </main>
  );
}
