/**
 * Data subjects at HQ (issue 14, item 6): a copy of one contact's data and its erasure,
 * HQ devices only (an office device gets 403 `office_forbidden`). The erasure is HQ's
 * decision: an office asks HQ, HQ erases, every laptop follows on its next pull.
 */
import { SUBJECT_PATHS, subjectRequestSchema } from '@shared/privacy/api';
import { hqOnly } from '../admin/routes';
import { parseBody } from '../json-body';
import { REPORT_PROJECTORS } from '../reports/projectors';
import type { RouteContext } from '../route-context';
import { subjectCopy } from './copy';
import { eraseSubject } from './erase';

export function registerSubjectRoutes(ctx: RouteContext): void {
  const { app, hq, now, registry } = ctx;
  const preHandler = hqOnly(ctx);

  app.post(SUBJECT_PATHS.copy, { preHandler }, async (request) => {
    const { contactId } = parseBody(subjectRequestSchema, request.body ?? {});
    return subjectCopy(hq, contactId, now());
  });

  app.post(SUBJECT_PATHS.erase, { preHandler }, async (request) => {
    const { contactId } = parseBody(subjectRequestSchema, request.body ?? {});
    const device = request.device!;
    const res = await eraseSubject(hq, registry, contactId, {
      now: now(),
      by: { deviceId: device.id, staffId: device.staffId },
      projectors: REPORT_PROJECTORS,
    });
    request.log.info(
      { contactId, officeId: res.officeId, redacted: res.redacted },
      'subject erased',
    );
    return res;
  });
}
