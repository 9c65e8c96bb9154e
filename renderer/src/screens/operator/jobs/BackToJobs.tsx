import { useTranslation } from 'react-i18next';
import { jobsStore } from '../../../stores/index.js';
import { TID } from '../../../testids.js';
import { BUTTON } from '../../../ui/html.js';
import s from './Jobs.module.css';

/** Back to the list of jobs: the same button at the head of every job screen. */
export function BackToJobs({ disabled }: { disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <button
      type={BUTTON}
      className={s.tool}
      data-testid={TID.jobBack}
      disabled={disabled}
      onClick={() => jobsStore.getState().showList()}
    >
      {t(($) => $.operator.jobs.back)}
    </button>
  );
}
