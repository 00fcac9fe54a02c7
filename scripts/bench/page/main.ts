/**
 * Entry of the Chromium bench page: exposes the in-page benchmarks on
 * `window.bridgeheadBench` for scripts/bench/chromium.ts to call.
 */
import { z } from 'zod';
import { crmImport, crmInsert } from './crm-import';
import { crmIndexStart, crmIndexStartOnce, crmListRender, crmSearch } from './crm-index';
import { privacyAuditEntry, privacyCrmIndexRatio } from './privacy';
import { timelineRender } from './bookings';
import { missionPlan } from './missions';
import {
  closeLaptop,
  pouchReplicate,
  syncIncremental,
  syncInitial,
  syncPullRequestOnly,
  syncPush,
} from './sync';
import { calibrate } from './util';
import '../../../src-renderer/src/styles.css';

// As in the app (src-renderer/src/main.tsx): zod without eval, like under the CSP.
z.config({ jitless: true });

const api = {
  crmSearch,
  crmInsert,
  crmListRender,
  crmIndexStart,
  crmIndexStartOnce,
  privacyCrmIndexRatio,
  privacyAuditEntry,
  crmImport,
  timelineRender,
  missionPlan,
  syncInitial,
  syncIncremental,
  syncPullRequestOnly,
  syncPush,
  closeLaptop,
  pouchReplicate,
  calibrate: async () => calibrate(),
};
export type BenchPageApi = typeof api;

(window as unknown as { bridgeheadBench: BenchPageApi }).bridgeheadBench = api;
document.title = 'bench ready';
