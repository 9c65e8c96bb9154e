import { useJobs } from '../../../stores/index.js';
import { JobsScreen } from '../../../stores/jobs/context.js';
import { CaptureScreen } from './CaptureScreen.js';
import { DeleteJobDialog } from './DeleteJobDialog.js';
import { JobsList } from './JobsList.js';
import { NewJobScreen } from './NewJobScreen.js';
import { PackageScreen } from './PackageScreen.js';
import { RecordNoticeBar } from './RecordNoticeBar.js';
import { ReviewScreen } from './ReviewScreen.js';

/**
 * The jobs section: the list, a new job, and one job's capture, review and package; over all of them, the
 * notice that a record arrived, and the delete dialog.
 */
export function JobsSection() {
  return (
    <>
      <RecordNoticeBar />
      <JobsScreenNow />
      <DeleteJobDialog />
    </>
  );
}

function JobsScreenNow() {
  const screen = useJobs((st) => st.screen);
  if (screen === JobsScreen.new) return <NewJobScreen />;
  if (screen === JobsScreen.capture) return <CaptureScreen />;
  if (screen === JobsScreen.review) return <ReviewScreen />;
  if (screen === JobsScreen.package) return <PackageScreen />;
  return <JobsList />;
}
