import {
  type ConnectionTestResult,
  type KioskSettings,
  OfflinePolicy,
  PinPolicy,
  PrivacyPolicy,
  Sip2Settings as Sip2Schema,
  type Sip2Settings,
} from '@contract/index.js';
import { type FormEvent, type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskAdminStore, kioskStore, useKiosk, useKioskAdmin } from '../../../stores/index.js';
import { adminFieldTestId, TID } from '../../../testids.js';
import { Button } from '../../../ui/Button.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { CHECKBOX, NEW_PASSWORD, NUMERIC, OFF, PASSWORD, POLITE, TEXT } from '../../../ui/html.js';
import { ScreenMessages } from '../../../ui/ScreenMessages.js';
import s from './Admin.module.css';
import { numberText, parseWholeNumber } from './admin-form.js';
import { FIELD, type FieldPath, NO, YES } from './fields.js';
import { StationLanguage } from './StationLanguage.js';

const sip2 =
  (patch: Partial<Sip2Settings>) =>
  (d: KioskSettings): KioskSettings => ({ ...d, sip2: { ...d.sip2, ...patch } });

const offline =
  (patch: Partial<OfflinePolicy>) =>
  (d: KioskSettings): KioskSettings => ({ ...d, offline: { ...d.offline, ...patch } });

const privacy =
  (patch: Partial<PrivacyPolicy>) =>
  (d: KioskSettings): KioskSettings => ({ ...d, privacy: { ...d.privacy, ...patch } });

const offlineAction =
  (patch: Partial<OfflinePolicy['actions']>) =>
  (d: KioskSettings): KioskSettings => ({
    ...d,
    offline: { ...d.offline, actions: { ...d.offline.actions, ...patch } },
  });

/**
 * The kiosk's settings: its language (saved on its own), the library system connection, services,
 * identification, session.
 */
export function AdminSettingsForm() {
  const { t } = useTranslation();
  const draft = useKioskAdmin((st) => st.draft);
  const invalid = useKioskAdmin((st) => st.invalid);
  const passwordSet = useKioskAdmin((st) => st.sip2PasswordSet);
  const password = useKioskAdmin((st) => st.sip2Password);
  const saving = useKioskAdmin((st) => st.saving);
  const saved = useKioskAdmin((st) => st.saved);
  const error = useKioskAdmin((st) => st.error);
  const online = useKiosk((st) => st.status?.online ?? false);
  const { update, setPassword, save } = kioskAdminStore.getState();
  if (!draft) return null;

  const bad = (path: FieldPath) => invalid.includes(path);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await save()) void kioskStore.getState().loadStatus();
  };

  return (
    <form className={s.form} onSubmit={(e) => void submit(e)} noValidate data-testid={TID.adminForm}>
      <p className={s.statusLine} data-testid={TID.adminStatus} data-online={online}>
        {online ? t(($) => $.admin.status.online) : t(($) => $.admin.status.offline)}
      </p>

      <StationLanguage />

      <fieldset className={s.fieldset}>
        <legend className={s.legend}>{t(($) => $.admin.section.connection)}</legend>
        <div className={s.grid}>
          <TextField
            path={FIELD.host}
            label={t(($) => $.admin.field.host)}
            value={draft.sip2.host}
            invalid={bad(FIELD.host)}
            onChange={(v) => update(sip2({ host: v }))}
          />
          <NumberField
            path={FIELD.port}
            label={t(($) => $.admin.field.port)}
            value={draft.sip2.port}
            invalid={bad(FIELD.port)}
            onChange={(v) => update(sip2({ port: v }))}
          />
          <TextField
            path={FIELD.institutionId}
            label={t(($) => $.admin.field.institutionId)}
            value={draft.sip2.institutionId}
            invalid={bad(FIELD.institutionId)}
            onChange={(v) => update(sip2({ institutionId: v }))}
          />
          <TextField
            path={FIELD.location}
            label={t(($) => $.admin.field.location)}
            value={draft.sip2.location}
            invalid={bad(FIELD.location)}
            onChange={(v) => update(sip2({ location: v }))}
          />
          <TextField
            path={FIELD.user}
            label={t(($) => $.admin.field.user)}
            value={draft.sip2.user}
            invalid={bad(FIELD.user)}
            onChange={(v) => update(sip2({ user: v }))}
          />
          <TextField
            path={FIELD.password}
            label={t(($) => $.admin.field.password)}
            value={password}
            secret
            hint={passwordSet ? t(($) => $.admin.field.passwordSet) : t(($) => $.admin.field.passwordNotSet)}
            invalid={false}
            onChange={setPassword}
          />
          <TextField
            path={FIELD.terminalPassword}
            label={t(($) => $.admin.field.terminalPassword)}
            value={draft.sip2.terminalPassword}
            secret
            invalid={bad(FIELD.terminalPassword)}
            onChange={(v) => update(sip2({ terminalPassword: v }))}
          />
          <NumberField
            path={FIELD.timeoutSeconds}
            label={t(($) => $.admin.field.timeout)}
            value={draft.sip2.timeoutSeconds}
            invalid={bad(FIELD.timeoutSeconds)}
            onChange={(v) => update(sip2({ timeoutSeconds: v }))}
          />
          <SelectField
            path={FIELD.encoding}
            label={t(($) => $.admin.field.encoding)}
            value={draft.sip2.encoding}
            options={Sip2Schema.shape.encoding.options}
            onChange={(v) => update(sip2({ encoding: v }))}
          />
          <SelectField
            path={FIELD.terminator}
            label={t(($) => $.admin.field.terminator)}
            value={draft.sip2.terminator}
            options={Sip2Schema.shape.terminator.options}
            onChange={(v) => update(sip2({ terminator: v }))}
          />
        </div>
        <div className={s.checks}>
          <CheckField
            path={FIELD.tls}
            label={t(($) => $.admin.field.tls)}
            checked={draft.sip2.tls}
            onChange={(v) => update(sip2({ tls: v }))}
          />
          <CheckField
            path={FIELD.tlsInsecure}
            label={t(($) => $.admin.field.tlsInsecure)}
            checked={draft.sip2.tlsInsecure}
            disabled={!draft.sip2.tls}
            onChange={(v) => update(sip2({ tlsInsecure: v }))}
          />
          <CheckField
            path={FIELD.errorDetection}
            label={t(($) => $.admin.field.errorDetection)}
            checked={draft.sip2.errorDetection}
            onChange={(v) => update(sip2({ errorDetection: v }))}
          />
        </div>
        <ConnectionTest />
      </fieldset>

      <fieldset className={s.fieldset}>
        <legend className={s.legend}>{t(($) => $.admin.section.services)}</legend>
        <div className={s.checks}>
          <CheckField
            path={FIELD.checkout}
            label={t(($) => $.admin.field.checkout)}
            checked={draft.actions.checkout}
            onChange={(v) => update((d) => ({ ...d, actions: { ...d.actions, checkout: v } }))}
          />
          <CheckField
            path={FIELD.checkin}
            label={t(($) => $.admin.field.checkin)}
            checked={draft.actions.checkin}
            onChange={(v) => update((d) => ({ ...d, actions: { ...d.actions, checkin: v } }))}
          />
          <CheckField
            path={FIELD.renew}
            label={t(($) => $.admin.field.renew)}
            checked={draft.actions.renew}
            onChange={(v) => update((d) => ({ ...d, actions: { ...d.actions, renew: v } }))}
          />
        </div>
      </fieldset>

      <fieldset className={s.fieldset}>
        <legend className={s.legend}>{t(($) => $.admin.section.identification)}</legend>
        <div className={s.grid}>
          <SelectField
            path={FIELD.pinPolicy}
            label={t(($) => $.admin.field.pinPolicy)}
            value={draft.pinPolicy}
            options={PinPolicy.options}
            optionLabel={(v) => t(($) => $.admin.pinPolicy[v])}
            onChange={(v) => update((d) => ({ ...d, pinPolicy: v }))}
          />
          <TextField
            path={FIELD.patronIdPattern}
            label={t(($) => $.admin.field.patronPattern)}
            value={draft.patronIdPattern}
            hint={t(($) => $.admin.field.patternHint)}
            invalid={bad(FIELD.patronIdPattern)}
            onChange={(v) => update((d) => ({ ...d, patronIdPattern: v }))}
          />
          <TextField
            path={FIELD.itemIdPattern}
            label={t(($) => $.admin.field.itemPattern)}
            value={draft.itemIdPattern}
            hint={t(($) => $.admin.field.patternHint)}
            invalid={bad(FIELD.itemIdPattern)}
            onChange={(v) => update((d) => ({ ...d, itemIdPattern: v }))}
          />
        </div>
        <div className={s.checks}>
          <CheckField
            path={FIELD.typedCardAllowed}
            label={t(($) => $.admin.field.typedCard)}
            checked={draft.typedCardAllowed}
            onChange={(v) => update((d) => ({ ...d, typedCardAllowed: v }))}
          />
        </div>
      </fieldset>

      <fieldset className={s.fieldset}>
        <legend className={s.legend}>{t(($) => $.admin.section.session)}</legend>
        <div className={s.grid}>
          <NumberField
            path={FIELD.idleTimeoutSeconds}
            label={t(($) => $.admin.field.idleTimeout)}
            value={draft.idleTimeoutSeconds}
            invalid={bad(FIELD.idleTimeoutSeconds)}
            onChange={(v) => update((d) => ({ ...d, idleTimeoutSeconds: v }))}
          />
          <NumberField
            path={FIELD.idleWarningSeconds}
            label={t(($) => $.admin.field.idleWarning)}
            value={draft.idleWarningSeconds}
            invalid={bad(FIELD.idleWarningSeconds)}
            onChange={(v) => update((d) => ({ ...d, idleWarningSeconds: v }))}
          />
        </div>
        <div className={s.checks}>
          <CheckField
            path={FIELD.sounds}
            label={t(($) => $.admin.field.sounds)}
            checked={draft.sounds}
            onChange={(v) => update((d) => ({ ...d, sounds: v }))}
          />
        </div>
      </fieldset>

      <fieldset className={s.fieldset}>
        <legend className={s.legend}>{t(($) => $.admin.section.offline)}</legend>
        <div className={s.checks}>
          <CheckField
            path={FIELD.offlineCheckout}
            label={t(($) => $.admin.field.checkout)}
            checked={draft.offline.actions.checkout}
            onChange={(v) => update(offlineAction({ checkout: v }))}
          />
          <CheckField
            path={FIELD.offlineCheckin}
            label={t(($) => $.admin.field.checkin)}
            checked={draft.offline.actions.checkin}
            onChange={(v) => update(offlineAction({ checkin: v }))}
          />
          <CheckField
            path={FIELD.offlineRenew}
            label={t(($) => $.admin.field.renew)}
            checked={draft.offline.actions.renew}
            onChange={(v) => update(offlineAction({ renew: v }))}
          />
        </div>
        <div className={s.grid}>
          <SelectField
            path={FIELD.offlinePatrons}
            label={t(($) => $.admin.field.offlinePatrons)}
            value={draft.offline.patrons}
            options={OfflinePolicy.shape.patrons.options}
            optionLabel={(v) => t(($) => $.admin.offlinePatrons[v])}
            onChange={(v) => update(offline({ patrons: v }))}
          />
          <NumberField
            path={FIELD.seenWithinDays}
            label={t(($) => $.admin.field.seenWithinDays)}
            value={draft.offline.seenWithinDays}
            invalid={bad(FIELD.seenWithinDays)}
            onChange={(v) => update(offline({ seenWithinDays: v }))}
          />
          <NumberField
            path={FIELD.maxItemsPerPatron}
            label={t(($) => $.admin.field.maxItemsPerPatron)}
            value={draft.offline.maxItemsPerPatron}
            invalid={bad(FIELD.maxItemsPerPatron)}
            onChange={(v) => update(offline({ maxItemsPerPatron: v }))}
          />
          <NumberField
            path={FIELD.maxItemsTotal}
            label={t(($) => $.admin.field.maxItemsTotal)}
            value={draft.offline.maxItemsTotal}
            invalid={bad(FIELD.maxItemsTotal)}
            onChange={(v) => update(offline({ maxItemsTotal: v }))}
          />
          <NumberField
            path={FIELD.loanDays}
            label={t(($) => $.admin.field.loanDays)}
            value={draft.offline.loanDays}
            invalid={bad(FIELD.loanDays)}
            onChange={(v) => update(offline({ loanDays: v }))}
          />
        </div>
      </fieldset>

      <fieldset className={s.fieldset}>
        <legend className={s.legend}>{t(($) => $.admin.section.privacy)}</legend>
        <div className={s.grid}>
          <SelectField
            path={FIELD.receiptName}
            label={t(($) => $.admin.field.receiptName)}
            value={draft.privacy.receiptName}
            options={PrivacyPolicy.shape.receiptName.options}
            optionLabel={(v) => t(($) => $.admin.receiptName[v])}
            onChange={(v) => update(privacy({ receiptName: v }))}
          />
          <NumberField
            path={FIELD.keepCardNumbersDays}
            label={t(($) => $.admin.field.keepCardNumbersDays)}
            value={draft.privacy.keepCardNumbersDays}
            invalid={bad(FIELD.keepCardNumbersDays)}
            onChange={(v) => update(privacy({ keepCardNumbersDays: v }))}
          />
          <NumberField
            path={FIELD.keepExportsDays}
            label={t(($) => $.admin.field.keepExportsDays)}
            value={draft.privacy.keepExportsDays}
            invalid={bad(FIELD.keepExportsDays)}
            onChange={(v) => update(privacy({ keepExportsDays: v }))}
          />
        </div>
      </fieldset>

      <div className={s.saveRow}>
        {error && <ErrorMessage error={error} />}
        {invalid.length > 0 && <p className={s.problem}>{t(($) => $.admin.invalidSummary)}</p>}
        <output aria-live={POLITE} className={s.saved} data-testid={saved ? TID.adminSaved : undefined}>
          {saved && t(($) => $.admin.saved)}
        </output>
        <Button submit primary large disabled={saving || invalid.length > 0} testId={TID.adminSave}>
          {saving ? t(($) => $.admin.saving) : t(($) => $.admin.save)}
        </Button>
      </div>
    </form>
  );
}

/** "Test connection" with the settings as typed (not saved), and what the library system said. */
function ConnectionTest() {
  const { t } = useTranslation();
  const testing = useKioskAdmin((st) => st.testing);
  const result = useKioskAdmin((st) => st.test);
  const { testConnection } = kioskAdminStore.getState();
  return (
    <div className={s.test}>
      <Button large onClick={() => void testConnection()} disabled={testing} testId={TID.adminTest}>
        {testing ? t(($) => $.admin.test.running) : t(($) => $.admin.test.run)}
      </Button>
      <output aria-live={POLITE} className={s.testOutput}>
        {result && <TestResult result={result} />}
      </output>
    </div>
  );
}

function TestResult({ result }: { result: ConnectionTestResult }) {
  const { t } = useTranslation();
  const yesNo = (name: string, value: boolean | undefined) =>
    t(($) => $.admin.test.flag, { name, value: value ? YES : NO });
  if (!result.ok) {
    const failure = result.failure;
    return (
      <div className={s.testFailed} data-testid={TID.adminTestResult} data-ok={false}>
        <strong>{t(($) => $.admin.test.failed)}</strong>
        {failure && <span>{t(($) => $.admin.test.failure[failure])}</span>}
        {result.detail && <code className={s.detail}>{result.detail}</code>}
      </div>
    );
  }
  return (
    <div className={s.testOk} data-testid={TID.adminTestResult} data-ok>
      <strong>{t(($) => $.admin.test.ok)}</strong>
      {result.libraryName && <span>{t(($) => $.admin.test.library, { name: result.libraryName })}</span>}
      {result.institutionId && (
        <span>{t(($) => $.admin.test.institution, { id: result.institutionId })}</span>
      )}
      <ul className={s.flags}>
        <li>
          {yesNo(
            t(($) => $.admin.test.online),
            result.online,
          )}
        </li>
        <li>
          {yesNo(
            t(($) => $.admin.test.checkout),
            result.checkoutOk,
          )}
        </li>
        <li>
          {yesNo(
            t(($) => $.admin.test.checkin),
            result.checkinOk,
          )}
        </li>
        <li>
          {yesNo(
            t(($) => $.admin.test.renewal),
            result.renewalOk,
          )}
        </li>
      </ul>
      <ScreenMessages messages={result.screenMessages} />
    </div>
  );
}

interface FieldProps {
  path: FieldPath;
  label: string;
  hint?: string;
  invalid: boolean;
  children: (ids: { input: string; describedBy: string | undefined }) => ReactNode;
}

/** A label above its input, an optional hint, and "Check this value" when it is wrong. */
function Field({ path, label, hint, invalid, children }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const described = [hint && `${id}-hint`, invalid && `${id}-invalid`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={s.field} data-invalid={invalid}>
      <label className={s.label} htmlFor={`${id}-input`}>
        {label}
      </label>
      {children({ input: `${id}-input`, describedBy: described })}
      {hint && (
        <span className={s.hint} id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {invalid && (
        <span className={s.invalid} id={`${id}-invalid`} data-testid={`${adminFieldTestId(path)}-invalid`}>
          {t(($) => $.admin.invalid)}
        </span>
      )}
    </div>
  );
}

function TextField(props: {
  path: FieldPath;
  label: string;
  value: string;
  invalid: boolean;
  hint?: string;
  secret?: boolean;
  onChange: (value: string) => void;
}) {
  const { path, label, value, invalid, hint, secret, onChange } = props;
  return (
    <Field path={path} label={label} hint={hint} invalid={invalid}>
      {({ input, describedBy }) => (
        <input
          id={input}
          className={s.input}
          type={secret ? PASSWORD : TEXT}
          autoComplete={secret ? NEW_PASSWORD : OFF}
          spellCheck={false}
          value={value}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          data-testid={adminFieldTestId(path)}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

function NumberField(props: {
  path: FieldPath;
  label: string;
  value: number;
  invalid: boolean;
  onChange: (value: number) => void;
}) {
  const { path, label, value, invalid, onChange } = props;
  return (
    <Field path={path} label={label} invalid={invalid}>
      {({ input, describedBy }) => (
        <input
          id={input}
          className={s.input}
          type={TEXT}
          inputMode={NUMERIC}
          autoComplete={OFF}
          value={numberText(value)}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          data-testid={adminFieldTestId(path)}
          onChange={(e) => onChange(parseWholeNumber(e.target.value))}
        />
      )}
    </Field>
  );
}

function SelectField<V extends string>(props: {
  path: FieldPath;
  label: string;
  value: V;
  options: readonly V[];
  optionLabel?: (value: V) => string;
  onChange: (value: V) => void;
}) {
  const { path, label, value, options, optionLabel, onChange } = props;
  return (
    <Field path={path} label={label} invalid={false}>
      {({ input, describedBy }) => (
        <select
          id={input}
          className={s.input}
          value={value}
          aria-describedby={describedBy}
          data-testid={adminFieldTestId(path)}
          onChange={(e) => onChange(e.target.value as V)}
        >
          {options.map((option) => (
            <option key={option} value={option}>
              {optionLabel ? optionLabel(option) : option}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function CheckField(props: {
  path: FieldPath;
  label: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  const { path, label, checked, disabled, onChange } = props;
  const id = useId();
  return (
    <label className={s.check} htmlFor={id}>
      <input
        id={id}
        type={CHECKBOX}
        className={s.checkbox}
        checked={checked}
        disabled={disabled}
        data-testid={adminFieldTestId(path)}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span>{label}</span>
    </label>
  );
}
