import { STAFF_PIN_MAX, STAFF_PIN_MIN } from '@contract/index.js';
import { type FormEvent, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SettingsPhase } from '../../../stores/catalog-sources.js';
import { catalogSourcesStore, useCatalogSources } from '../../../stores/index.js';
import { TID } from '../../../testids.js';
import { Button } from '../../../ui/Button.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import f from '../../../ui/FormFields.module.css';
import { ALERT, NUMERIC, OFF, PASSWORD } from '../../../ui/html.js';
import j from '../jobs/Jobs.module.css';
import s from './Settings.module.css';

/**
 * The staff PIN before the settings, typed on the station's keyboard (the kiosk's keypad is for a
 * touch screen). A station without one says how to set it: this screen never sets the first PIN.
 */
export function SettingsPinGate() {
  const { t } = useTranslation();
  const id = useId();
  const phase = useCatalogSources((st) => st.phase);
  const entry = useCatalogSources((st) => st.entry);
  const busy = useCatalogSources((st) => st.pinBusy);
  const error = useCatalogSources((st) => st.pinError);
  const short = useCatalogSources((st) => st.pinShort);
  const input = useRef<HTMLInputElement>(null);
  // Back to the field after a refusal, ready for the next try.
  useEffect(() => {
    if (error !== null || short) input.current?.focus();
  }, [error, short]);
  const { typePin, submitPin } = catalogSourcesStore.getState();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void submitPin();
  };

  if (phase === SettingsPhase.notSet) {
    return (
      <section className={s.gate} aria-labelledby={`${id}-title`}>
        <h2 className={j.subtitle} id={`${id}-title`}>
          {t(($) => $.operator.settings.pin.notSetTitle)}
        </h2>
        {error && <ErrorMessage error={error} testId={TID.settingsPinError} />}
      </section>
    );
  }

  return (
    <form className={s.gate} onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 className={j.subtitle} id={`${id}-title`}>
        {t(($) => $.operator.settings.pin.title)}
      </h2>
      <p id={`${id}-prompt`}>{t(($) => $.operator.settings.pin.prompt)}</p>
      <div className={s.gateRow}>
        <input
          ref={input}
          className={f.input}
          type={PASSWORD}
          inputMode={NUMERIC}
          autoComplete={OFF}
          // biome-ignore lint/a11y/noAutofocus: the section opened to ask exactly this
          autoFocus
          value={entry}
          maxLength={STAFF_PIN_MAX}
          aria-label={t(($) => $.operator.settings.pin.title)}
          aria-describedby={`${id}-prompt`}
          aria-invalid={short || error !== null}
          data-testid={TID.settingsPin}
          onChange={(e) => typePin(e.target.value)}
        />
        <Button primary submit disabled={busy} testId={TID.settingsPinSubmit}>
          {busy ? t(($) => $.operator.settings.pin.checking) : t(($) => $.operator.settings.pin.submit)}
        </Button>
      </div>
      {short && (
        <p className={j.invalid} role={ALERT} data-testid={TID.settingsPinError}>
          {t(($) => $.operator.settings.pin.short, { min: STAFF_PIN_MIN, max: STAFF_PIN_MAX })}
        </p>
      )}
      {error && <ErrorMessage error={error} testId={TID.settingsPinError} />}
    </form>
  );
}
