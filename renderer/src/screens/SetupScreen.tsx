import { type ContractError, Mode, Role } from '@contract/index.js';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../stores/index.js';
import { SETUP_PIN, SetupPinProblem, setupPinProblem } from '../stores/settings.js';
import { TID } from '../testids.js';
import { Button } from '../ui/Button.js';
import { ChoiceCard } from '../ui/ChoiceCard.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { SET_STAFF_PIN_COMMAND } from '../ui/error-values.js';
import { ALERT, NEW_PASSWORD, NUMERIC, PASSWORD } from '../ui/html.js';
import { ICONS } from '../ui/Icon.js';
import s from './SetupScreen.module.css';
import { LanguageBar } from './shell/LanguageBar.js';

/**
 * First run: language, role, mode and the first staff PIN, then `setup.complete`. The language
 * applies at once (and is saved right away); the rest only when the operator finishes. Connection
 * settings for the real systems come later, on the settings screen. The staff PIN is set here or
 * from the terminal only: no screen sets a first PIN after setup.
 */
export function SetupScreen() {
  const { t } = useTranslation();
  const language = useSettings((st) => st.language);
  const completeSetup = useSettings((st) => st.completeSetup);
  const [role, setRole] = useState<Role | null>(null);
  const [mode, setMode] = useState<Mode | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const id = useId();
  const pinProblem = setupPinProblem(role, pin, confirm);
  const ready = role !== null && mode !== null && pinProblem === null;
  const digits = (value: string) => value.replace(/\D/g, '').slice(0, SETUP_PIN.max);

  const finish = async (event: FormEvent) => {
    event.preventDefault();
    if (role === null || mode === null || pinProblem !== null || busy) return;
    setBusy(true);
    setError(null);
    const result = await completeSetup(
      pin === '' ? { role, mode, language } : { role, mode, language, staffPin: pin },
    );
    // On success the settings change and this screen is replaced.
    if (!result.ok) {
      setError(result.error);
      setBusy(false);
    }
  };

  return (
    <main className={s.screen} data-testid={TID.setupScreen}>
      <form className={s.form} onSubmit={(e) => void finish(e)} noValidate>
        <header>
          <h1 className={s.title}>{t(($) => $.setup.title)}</h1>
          <p className={s.intro}>{t(($) => $.setup.intro)}</p>
        </header>

        <section className={s.section} aria-labelledby={`${id}-language`}>
          <h2 className={s.heading} id={`${id}-language`}>
            {t(($) => $.setup.language.heading)}
          </h2>
          <LanguageBar large />
        </section>

        <fieldset className={s.section}>
          <legend className={s.legend}>
            <h2 className={s.heading}>{t(($) => $.setup.role.heading)}</h2>
          </legend>
          <div className={s.cards}>
            <ChoiceCard
              group={`${id}-role`}
              value={Role.enum.station}
              checked={role === Role.enum.station}
              onChange={setRole}
              title={t(($) => $.setup.role.station.title)}
              description={t(($) => $.setup.role.station.description)}
              icon={ICONS.scanner}
              testId={TID.roleStation}
            />
            <ChoiceCard
              group={`${id}-role`}
              value={Role.enum.kiosk}
              checked={role === Role.enum.kiosk}
              onChange={setRole}
              title={t(($) => $.setup.role.kiosk.title)}
              description={t(($) => $.setup.role.kiosk.description)}
              icon={ICONS.kiosk}
              testId={TID.roleKiosk}
            />
          </div>
        </fieldset>

        <fieldset className={s.section}>
          <legend className={s.legend}>
            <h2 className={s.heading}>{t(($) => $.setup.mode.heading)}</h2>
          </legend>
          <div className={s.cards}>
            <ChoiceCard
              group={`${id}-mode`}
              value={Mode.enum.demo}
              checked={mode === Mode.enum.demo}
              onChange={setMode}
              title={t(($) => $.setup.mode.demo.title)}
              description={t(($) => $.setup.mode.demo.description)}
              icon={ICONS.demo}
              testId={TID.modeDemo}
            />
            <ChoiceCard
              group={`${id}-mode`}
              value={Mode.enum.connected}
              checked={mode === Mode.enum.connected}
              onChange={setMode}
              title={t(($) => $.setup.mode.connected.title)}
              description={t(($) => $.setup.mode.connected.description)}
              icon={ICONS.connected}
              testId={TID.modeConnected}
            />
          </div>
        </fieldset>

        <fieldset className={s.section} aria-describedby={`${id}-pin-hint`}>
          <legend className={s.legend}>
            <h2 className={s.heading}>{t(($) => $.setup.staffPin.heading)}</h2>
          </legend>
          <p className={s.hint} id={`${id}-pin-hint`}>
            {t(($) => $.setup.staffPin.hint, { ...SETUP_PIN, command: SET_STAFF_PIN_COMMAND })}
          </p>
          <div className={s.pins}>
            <label className={s.pinField}>
              <span>{t(($) => $.setup.staffPin.pinLabel)}</span>
              <input
                type={PASSWORD}
                inputMode={NUMERIC}
                autoComplete={NEW_PASSWORD}
                value={pin}
                onChange={(event) => setPin(digits(event.target.value))}
                data-testid={TID.setupStaffPin}
              />
            </label>
            <label className={s.pinField}>
              <span>{t(($) => $.setup.staffPin.confirmLabel)}</span>
              <input
                type={PASSWORD}
                inputMode={NUMERIC}
                autoComplete={NEW_PASSWORD}
                value={confirm}
                onChange={(event) => setConfirm(digits(event.target.value))}
                data-testid={TID.setupStaffPinConfirm}
              />
            </label>
          </div>
          {confirm !== '' && pinProblem !== null && pinProblem !== SetupPinProblem.required && (
            <p className={s.problem} role={ALERT} data-testid={TID.setupStaffPinProblem}>
              {pinProblem === SetupPinProblem.mismatch
                ? t(($) => $.setup.staffPin.mismatch)
                : t(($) => $.admin.pin.short, SETUP_PIN)}
            </p>
          )}
        </fieldset>

        <footer className={s.footer}>
          {error && <ErrorMessage error={error} />}
          {!ready && (
            <p className={s.hint} id={`${id}-hint`}>
              {role !== null && mode !== null && pinProblem === SetupPinProblem.required
                ? t(($) => $.setup.incompletePin)
                : t(($) => $.setup.incomplete)}
            </p>
          )}
          <Button
            submit
            primary
            large
            testId={TID.finishSetup}
            disabled={!ready || busy}
            aria-describedby={ready ? undefined : `${id}-hint`}
          >
            {busy ? t(($) => $.setup.finishing) : t(($) => $.setup.finish)}
          </Button>
        </footer>
      </form>
    </main>
  );
}
