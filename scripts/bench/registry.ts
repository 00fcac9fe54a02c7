import { runCrmBenchmarks } from '@shared/crm/bench';
import { bookingsBench } from './bookings';
import { hqReportsBench } from './hq-reports';
import { hqOpsBench } from './hq-ops';
import { hqPushBench } from './hq-push';
import { chromiumBench } from './chromium';
import { privacyBench } from './privacy';
import type { Bench } from './types';

/** Every benchmark of `npm run bench`, by area. */
export const benches: Record<string, Bench> = {
  // Node-side index micro-benchmarks: `crm.search.node.*` (the crm.search.p95_ms_100k
  // is measured in Chromium, see chromium). Quick runs search 10,000 buyers: say so in the names.
  crm: async (options) =>
    (await runCrmBenchmarks(options)).map((r) => {
      const name = r.name.replace(/^crm\.search\./, 'crm.search.node.');
      return { ...r, name: options.quick ? name.replace(/_100k/, '_10k') : name };
    }),
  bookings: bookingsBench,
  hqReports: hqReportsBench,
  // Backup speed, sending back what a restore lost, metrics overhead (issue 15).
  hqOps: hqOpsBench,
  // Per-field domain checks on push (issue 16).
  hqPush: hqPushBench,
  // Access records reaching HQ (issue 14).
  privacy: privacyBench,
  // Real IndexedDB, real components, real sync engine and HQ server: Debian Chromium.
  chromium: chromiumBench,
};
