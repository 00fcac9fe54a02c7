/**
 * Routes of the access-record stream: the laptops' push (every enrolled device, its office
 * from its credential) and the review reads and marks (HQ devices only).
 */
import {
  ACCESS_LOG_PATHS,
  accessPushRequestSchema,
  accessReviewQuerySchema,
  markMonthReviewedRequestSchema,
  type AccessPushResponse,
  type AccessReviewResponse,
  type MonthReview,
  type MonthReviewsResponse,
} from '@shared/audit';
import { hqOnly } from '../admin/routes';
import { HttpError } from '../errors';
import { parseBody } from '../json-body';
import { officeExists } from '../repositories/offices';
import type { RouteContext } from '../route-context';
import {
  HQ_OFFICE_FILTER,
  listMonthReviews,
  markMonthReviewed,
  reviewAccessLog,
  reviewerName,
} from './review';
import { acceptAccessEntries } from './store';

export function registerAccessLogRoutes(ctx: RouteContext): void {
  const { app, hq, now } = ctx;
  const hqPreHandler = hqOnly(ctx);

  app.post(
    ACCESS_LOG_PATHS.push,
    { preHandler: ctx.requireDevice },
    async (request): Promise<AccessPushResponse> => {
      const body = parseBody(accessPushRequestSchema, request.body);
      return acceptAccessEntries(hq, request.device!, body.entries, now());
    },
  );

  app.get(
    ACCESS_LOG_PATHS.review,
    { preHandler: hqPreHandler },
    async (request): Promise<AccessReviewResponse> => {
      const q = parseBody(accessReviewQuerySchema, request.query ?? {});
      if (q.office && q.office !== HQ_OFFICE_FILTER && !(await officeExists(hq.db, q.office))) {
        throw new HttpError(400, 'office_unknown', `No such office: ${q.office}`);
      }
      return reviewAccessLog(hq, q, now());
    },
  );

  app.get(
    ACCESS_LOG_PATHS.reviews,
    { preHandler: hqPreHandler },
    async (): Promise<MonthReviewsResponse> => ({ reviews: await listMonthReviews(hq) }),
  );

  app.post(
    ACCESS_LOG_PATHS.reviews,
    { preHandler: hqPreHandler },
    async (request): Promise<MonthReview> => {
      const body = parseBody(markMonthReviewedRequestSchema, request.body ?? {});
      if (body.officeId !== null && !(await officeExists(hq.db, body.officeId))) {
        throw new HttpError(400, 'office_unknown', `No such office: ${body.officeId}`);
      }
      const device = request.device!;
      return markMonthReviewed(
        hq,
        {
          month: body.month,
          officeId: body.officeId,
          note: body.note,
          reviewer: await reviewerName(hq, device, body.reviewer),
          deviceId: device.id,
        },
        now(),
      );
    },
  );
}
