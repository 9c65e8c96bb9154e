import type { ConnectionTestResult } from '@contract/index.js';
import { useTranslation } from 'react-i18next';
import { kioskAdminStore, useKioskAdmin } from '../../../stores/index.js';
import { TID } from '../../../testids.js';
import { Button } from '../../../ui/Button.js';
import { POLITE } from '../../../ui/html.js';
import { ScreenMessages } from '../../../ui/ScreenMessages.js';
import s from './Admin.module.css';
import { NO, YES } from './fields.js';

/** "Test connection" with the settings as typed (not saved), and what the library system said. */
export function ConnectionTest() {
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
