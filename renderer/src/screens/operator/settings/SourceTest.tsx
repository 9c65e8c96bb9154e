import { LOOKUP_KINDS } from '@contract/index.js';
import { useTranslation } from 'react-i18next';
import { SOURCE_FIELD } from '../../../stores/catalog-source-form.js';
import { catalogSourcesStore, useCatalogSources } from '../../../stores/index.js';
import { TID } from '../../../testids.js';
import { Button } from '../../../ui/Button.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { SelectField, TextField } from '../../../ui/FormFields.js';
import { POLITE } from '../../../ui/html.js';
import j from '../jobs/Jobs.module.css';
import s from './Settings.module.css';
import { TestResult } from './TestResult.js';
import { useSourceTexts } from './useSourceTexts.js';

/** "Test": one lookup with the source as typed (saved or not), and what came back. */
export function SourceTest() {
  const { t } = useTranslation();
  const query = useCatalogSources((st) => st.testQuery);
  const testing = useCatalogSources((st) => st.testing);
  const result = useCatalogSources((st) => st.testResult);
  const error = useCatalogSources((st) => st.testError);
  const problems = useCatalogSources((st) => st.problems);
  const name = useCatalogSources((st) => st.draft?.name ?? '');
  const { problem, kindName } = useSourceTexts();
  const { setTestQuery, runTest } = catalogSourcesStore.getState();

  return (
    <fieldset className={s.fieldset}>
      <legend className={s.legend}>{t(($) => $.operator.sources.test.title)}</legend>
      <p className={j.muted}>{t(($) => $.operator.sources.test.hint)}</p>
      <div className={s.grid}>
        <SelectField
          testId={TID.catalogSourceTestKind}
          label={t(($) => $.operator.sources.test.kind)}
          value={query.kind}
          options={LOOKUP_KINDS}
          optionLabel={kindName}
          onChange={(kind) => setTestQuery({ kind })}
        />
        <TextField
          testId={TID.catalogSourceTestValue}
          label={t(($) => $.operator.sources.test.value)}
          value={query.value}
          problem={problem(problems, SOURCE_FIELD.testValue)}
          onChange={(value) => setTestQuery({ value })}
        />
      </div>
      <div>
        <Button onClick={() => void runTest()} disabled={testing} testId={TID.catalogSourceTest}>
          {testing ? t(($) => $.operator.sources.test.running) : t(($) => $.operator.sources.test.run)}
        </Button>
      </div>
      <output aria-live={POLITE}>
        {error && <ErrorMessage error={error} testId={TID.catalogSourceTestError} />}
        {result && <TestResult result={result} name={name.trim()} />}
      </output>
    </fieldset>
  );
}
