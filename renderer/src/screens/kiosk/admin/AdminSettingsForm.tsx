import {
  type KioskSettings,
  OfflinePolicy,
  PinPolicy,
  PrivacyPolicy,
  Sip2Settings as Sip2Schema,
  type Sip2Settings,
} from '@contract/index.js';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskAdminStore, kioskStore, useKiosk, useKioskAdmin } from '../../../stores/index.js';
import { adminFieldTestId, TID } from '../../../testids.js';
import { Button } from '../../../ui/Button.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { CheckField, NumberField, SelectField, TextField } from '../../../ui/FormFields.js';
import { POLITE } from '../../../ui/html.js';
import s from './Admin.module.css';
import { ConnectionTest } from './ConnectionTest.js';
import { FIELD, type FieldPath } from './fields.js';
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

  const problem = (path: FieldPath) => (invalid.includes(path) ? t(($) => $.admin.invalid) : null);
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
            testId={adminFieldTestId(FIELD.host)}
            label={t(($) => $.admin.field.host)}
            value={draft.sip2.host}
            problem={problem(FIELD.host)}
            onChange={(v) => update(sip2({ host: v }))}
          />
          <NumberField
            testId={adminFieldTestId(FIELD.port)}
            label={t(($) => $.admin.field.port)}
            value={draft.sip2.port}
            problem={problem(FIELD.port)}
            onChange={(v) => update(sip2({ port: v }))}
          />
          <TextField
            testId={adminFieldTestId(FIELD.institutionId)}
            label={t(($) => $.admin.field.institutionId)}
            value={draft.sip2.institutionId}
            problem={problem(FIELD.institutionId)}
            onChange={(v) => update(sip2({ institutionId: v }))}
          />
          <TextField
            testId={adminFieldTestId(FIELD.location)}
            label={t(($) => $.admin.field.location)}
            value={draft.sip2.location}
            problem={problem(FIELD.location)}
            onChange={(v) => update(sip2({ location: v }))}
          />
          <TextField
            testId={adminFieldTestId(FIELD.user)}
            label={t(($) => $.admin.field.user)}
            value={draft.sip2.user}
            problem={problem(FIELD.user)}
            onChange={(v) => update(sip2({ user: v }))}
          />
          <TextField
            testId={adminFieldTestId(FIELD.password)}
            label={t(($) => $.admin.field.password)}
            value={password}
            secret
            hint={passwordSet ? t(($) => $.admin.field.passwordSet) : t(($) => $.admin.field.passwordNotSet)}
            problem={null}
            onChange={setPassword}
          />
          <TextField
            testId={adminFieldTestId(FIELD.terminalPassword)}
            label={t(($) => $.admin.field.terminalPassword)}
            value={draft.sip2.terminalPassword}
            secret
            problem={problem(FIELD.terminalPassword)}
            onChange={(v) => update(sip2({ terminalPassword: v }))}
          />
          <NumberField
            testId={adminFieldTestId(FIELD.timeoutSeconds)}
            label={t(($) => $.admin.field.timeout)}
            value={draft.sip2.timeoutSeconds}
            problem={problem(FIELD.timeoutSeconds)}
            onChange={(v) => update(sip2({ timeoutSeconds: v }))}
          />
          <SelectField
            testId={adminFieldTestId(FIELD.encoding)}
            label={t(($) => $.admin.field.encoding)}
            value={draft.sip2.encoding}
            options={Sip2Schema.shape.encoding.options}
            onChange={(v) => update(sip2({ encoding: v }))}
          />
          <SelectField
            testId={adminFieldTestId(FIELD.terminator)}
            label={t(($) => $.admin.field.terminator)}
            value={draft.sip2.terminator}
            options={Sip2Schema.shape.terminator.options}
            onChange={(v) => update(sip2({ terminator: v }))}
          />
        </div>
        <div className={s.checks}>
          <CheckField
            testId={adminFieldTestId(FIELD.tls)}
            label={t(($) => $.admin.field.tls)}
            checked={draft.sip2.tls}
            onChange={(v) => update(sip2({ tls: v }))}
          />
          <CheckField
            testId={adminFieldTestId(FIELD.tlsInsecure)}
            label={t(($) => $.admin.field.tlsInsecure)}
            checked={draft.sip2.tlsInsecure}
            disabled={!draft.sip2.tls}
            onChange={(v) => update(sip2({ tlsInsecure: v }))}
          />
          <CheckField
            testId={adminFieldTestId(FIELD.errorDetection)}
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
            testId={adminFieldTestId(FIELD.checkout)}
            label={t(($) => $.admin.field.checkout)}
            checked={draft.actions.checkout}
            onChange={(v) => update((d) => ({ ...d, actions: { ...d.actions, checkout: v } }))}
          />
          <CheckField
            testId={adminFieldTestId(FIELD.checkin)}
            label={t(($) => $.admin.field.checkin)}
            checked={draft.actions.checkin}
            onChange={(v) => update((d) => ({ ...d, actions: { ...d.actions, checkin: v } }))}
          />
          <CheckField
            testId={adminFieldTestId(FIELD.renew)}
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
            testId={adminFieldTestId(FIELD.pinPolicy)}
            label={t(($) => $.admin.field.pinPolicy)}
            value={draft.pinPolicy}
            options={PinPolicy.options}
            optionLabel={(v) => t(($) => $.admin.pinPolicy[v])}
            onChange={(v) => update((d) => ({ ...d, pinPolicy: v }))}
          />
          <TextField
            testId={adminFieldTestId(FIELD.patronIdPattern)}
            label={t(($) => $.admin.field.patronPattern)}
            value={draft.patronIdPattern}
            hint={t(($) => $.admin.field.patternHint)}
            problem={problem(FIELD.patronIdPattern)}
            onChange={(v) => update((d) => ({ ...d, patronIdPattern: v }))}
          />
          <TextField
            testId={adminFieldTestId(FIELD.itemIdPattern)}
            label={t(($) => $.admin.field.itemPattern)}
            value={draft.itemIdPattern}
            hint={t(($) => $.admin.field.patternHint)}
            problem={problem(FIELD.itemIdPattern)}
            onChange={(v) => update((d) => ({ ...d, itemIdPattern: v }))}
          />
        </div>
        <div className={s.checks}>
          <CheckField
            testId={adminFieldTestId(FIELD.typedCardAllowed)}
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
            testId={adminFieldTestId(FIELD.idleTimeoutSeconds)}
            label={t(($) => $.admin.field.idleTimeout)}
            value={draft.idleTimeoutSeconds}
            problem={problem(FIELD.idleTimeoutSeconds)}
            onChange={(v) => update((d) => ({ ...d, idleTimeoutSeconds: v }))}
          />
          <NumberField
            testId={adminFieldTestId(FIELD.idleWarningSeconds)}
            label={t(($) => $.admin.field.idleWarning)}
            value={draft.idleWarningSeconds}
            problem={problem(FIELD.idleWarningSeconds)}
            onChange={(v) => update((d) => ({ ...d, idleWarningSeconds: v }))}
          />
        </div>
        <div className={s.checks}>
          <CheckField
            testId={adminFieldTestId(FIELD.sounds)}
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
            testId={adminFieldTestId(FIELD.offlineCheckout)}
            label={t(($) => $.admin.field.checkout)}
            checked={draft.offline.actions.checkout}
            onChange={(v) => update(offlineAction({ checkout: v }))}
          />
          <CheckField
            testId={adminFieldTestId(FIELD.offlineCheckin)}
            label={t(($) => $.admin.field.checkin)}
            checked={draft.offline.actions.checkin}
            onChange={(v) => update(offlineAction({ checkin: v }))}
          />
          <CheckField
            testId={adminFieldTestId(FIELD.offlineRenew)}
            label={t(($) => $.admin.field.renew)}
            checked={draft.offline.actions.renew}
            onChange={(v) => update(offlineAction({ renew: v }))}
          />
        </div>
        <div className={s.grid}>
          <SelectField
            testId={adminFieldTestId(FIELD.offlinePatrons)}
            label={t(($) => $.admin.field.offlinePatrons)}
            value={draft.offline.patrons}
            options={OfflinePolicy.shape.patrons.options}
            optionLabel={(v) => t(($) => $.admin.offlinePatrons[v])}
            onChange={(v) => update(offline({ patrons: v }))}
          />
          <NumberField
            testId={adminFieldTestId(FIELD.seenWithinDays)}
            label={t(($) => $.admin.field.seenWithinDays)}
            value={draft.offline.seenWithinDays}
            problem={problem(FIELD.seenWithinDays)}
            onChange={(v) => update(offline({ seenWithinDays: v }))}
          />
          <NumberField
            testId={adminFieldTestId(FIELD.maxItemsPerPatron)}
            label={t(($) => $.admin.field.maxItemsPerPatron)}
            value={draft.offline.maxItemsPerPatron}
            problem={problem(FIELD.maxItemsPerPatron)}
            onChange={(v) => update(offline({ maxItemsPerPatron: v }))}
          />
          <NumberField
            testId={adminFieldTestId(FIELD.maxItemsTotal)}
            label={t(($) => $.admin.field.maxItemsTotal)}
            value={draft.offline.maxItemsTotal}
            problem={problem(FIELD.maxItemsTotal)}
            onChange={(v) => update(offline({ maxItemsTotal: v }))}
          />
          <NumberField
            testId={adminFieldTestId(FIELD.loanDays)}
            label={t(($) => $.admin.field.loanDays)}
            value={draft.offline.loanDays}
            problem={problem(FIELD.loanDays)}
            onChange={(v) => update(offline({ loanDays: v }))}
          />
        </div>
      </fieldset>

      <fieldset className={s.fieldset}>
        <legend className={s.legend}>{t(($) => $.admin.section.privacy)}</legend>
        <div className={s.grid}>
          <SelectField
            testId={adminFieldTestId(FIELD.receiptName)}
            label={t(($) => $.admin.field.receiptName)}
            value={draft.privacy.receiptName}
            options={PrivacyPolicy.shape.receiptName.options}
            optionLabel={(v) => t(($) => $.admin.receiptName[v])}
            onChange={(v) => update(privacy({ receiptName: v }))}
          />
          <NumberField
            testId={adminFieldTestId(FIELD.keepCardNumbersDays)}
            label={t(($) => $.admin.field.keepCardNumbersDays)}
            value={draft.privacy.keepCardNumbersDays}
            problem={problem(FIELD.keepCardNumbersDays)}
            onChange={(v) => update(privacy({ keepCardNumbersDays: v }))}
          />
          <NumberField
            testId={adminFieldTestId(FIELD.keepExportsDays)}
            label={t(($) => $.admin.field.keepExportsDays)}
            value={draft.privacy.keepExportsDays}
            problem={problem(FIELD.keepExportsDays)}
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
