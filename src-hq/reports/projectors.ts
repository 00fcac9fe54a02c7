/** What the reports add to every push; the server registers these with the push at startup. */
import type { PushProjector } from '../sync/projectors';
import { recordFxHistory } from './fx-history';
import { projectChangesSafely } from './projection';

/** The read models; a failure there never refuses the push (see projectChangesSafely). */
const projectReports: PushProjector = async (trx, changes, { now }) => {
  await projectChangesSafely(trx, changes, { now });
};

/** In order: the read models, then the exchange-rate history. */
export const REPORT_PROJECTORS: readonly PushProjector[] = [projectReports, recordFxHistory];
