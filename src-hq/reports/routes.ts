/**
 * HQ report endpoints (issue 6; contract in src-shared/reports/api.ts). HQ devices may ask
 * for any offices; an office device only for its own (another office → 403
 * `report_forbidden`, the same answer whether that office exists or not).
 */
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  REPORT_PATHS,
  freshnessQuerySchema,
  fxHistoryQuerySchema,
  missionsQuerySchema,
  previousPeriod,
  reportQuerySchema,
  talksQuerySchema,
  topSmesQuerySchema,
  breakdownQuerySchema,
  type BreakdownResponse,
  type FreshnessResponse,
  type HeadlineResponse,
  type MissionsResponse,
  type OfficeMonthsResponse,
  type ReportQuery,
  type TalksResponse,
  type TopSmesResponse,
  type UtilizationResponse,
} from '@shared/reports/api';
import { SHARED_PARTITION } from '@shared/sync/tables';
import type { HqDatabase } from '../db/connect';
import { HttpError } from '../errors';
import { parseBody } from '../json-body';
import type { Device } from '../repositories/devices';
import type { RouteContext } from '../route-context';
import { readFxHistory } from './fx-history';
import {
  RateBook,
  breakdown,
  drillTalks,
  freshness,
  headlineFigures,
  missionRows,
  officeMonthRows,
  topSmes,
  utilizationRows,
  type Scope,
} from './queries';

/** Offices a device may report on; throws 403 report_forbidden / 400 office_unknown. */
export async function resolveScope(
  hq: HqDatabase,
  device: Device,
  officeIds: readonly string[] | undefined,
): Promise<Scope> {
  if (device.officeId !== null) {
    if (officeIds && officeIds.some((id) => id !== device.officeId)) {
      throw new HttpError(403, 'report_forbidden', 'This device may report on its own office only');
    }
    return { officeIds: [device.officeId], all: false };
  }
  const offices = await hq.db
    .selectFrom('offices')
    .select('id')
    .where('id', '!=', SHARED_PARTITION)
    .orderBy('id')
    .execute();
  const known = new Set(offices.map((o) => o.id));
  if (!officeIds) return { officeIds: [...known].sort(), all: true };
  const wanted = [...new Set(officeIds)].sort();
  const unknown = wanted.find((id) => !known.has(id));
  if (unknown !== undefined) throw new HttpError(400, 'office_unknown', `No such office: ${unknown}`);
  return { officeIds: wanted, all: false };
}

/** The headline report (also what `npm run bench` measures). */
export async function headlineReport(
  hq: HqDatabase,
  scope: Scope,
  q: Pick<ReportQuery, 'from' | 'to' | 'currency'>,
  now: number,
): Promise<HeadlineResponse> {
  const book = await RateBook.load(hq.db);
  const period = { from: q.from, to: q.to };
  const prev = previousPeriod(period);
  const [current, previous, fresh] = await Promise.all([
    headlineFigures(hq.db, scope, period, book),
    headlineFigures(hq.db, scope, prev, book),
    freshness(hq.db, scope.officeIds),
  ]);
  return {
    period,
    previousPeriod: prev,
    officeIds: scope.officeIds,
    currency: q.currency,
    generatedAt: now,
    current,
    previous,
    ratesUsed: book.ratesUsed(),
    freshness: fresh,
  };
}

function requireHq(device: Device) {
  if (device.officeId !== null) {
    throw new HttpError(403, 'report_forbidden', 'HQ devices only');
  }
}

export function registerReportRoutes(ctx: RouteContext): void {
  const { app, hq, now } = ctx;
  const pre = { preHandler: ctx.requireDevice };
  const device = (r: FastifyRequest) => r.device!;
  type Period = { from: string; to: string };

  /**
   * A report of rows priced at HQ's rates for a period: the request parsed, the offices
   * scoped, the rate book loaded once, and the one envelope every such report answers in.
   */
  const pricedRows =
    <Q extends Pick<ReportQuery, 'from' | 'to' | 'currency' | 'officeIds'>, Row>(
      schema: z.ZodType<Q>,
      rowsOf: (q: Q, scope: Scope, period: Period, book: RateBook) => Promise<Row[]>,
    ) =>
    async (request: FastifyRequest) => {
      const q = parseBody(schema, request.body);
      const scope = await resolveScope(hq, device(request), q.officeIds);
      const book = await RateBook.load(hq.db);
      const period = { from: q.from, to: q.to };
      const rows = await rowsOf(q, scope, period, book);
      return {
        period,
        officeIds: scope.officeIds,
        currency: q.currency,
        generatedAt: now(),
        rows,
        ratesUsed: book.ratesUsed(),
      };
    };

  app.post(REPORT_PATHS.headline, pre, async (request): Promise<HeadlineResponse> => {
    const q = parseBody(reportQuerySchema, request.body);
    const scope = await resolveScope(hq, device(request), q.officeIds);
    return headlineReport(hq, scope, q, now());
  });

  app.post(
    REPORT_PATHS.officeMonths,
    pre,
    pricedRows(reportQuerySchema, (_q, scope, period, book) =>
      officeMonthRows(hq.db, scope, period, book),
    ) satisfies (r: FastifyRequest) => Promise<OfficeMonthsResponse>,
  );

  app.post(REPORT_PATHS.talks, pre, async (request): Promise<TalksResponse> => {
    const q = parseBody(talksQuerySchema, request.body);
    const scope = await resolveScope(hq, device(request), q.officeIds);
    const book = await RateBook.load(hq.db);
    const { total, rows } = await drillTalks(hq.db, scope, q, book);
    const next = q.offset + rows.length;
    return {
      period: { from: q.from, to: q.to },
      officeIds: scope.officeIds,
      currency: q.currency,
      generatedAt: now(),
      figure: q.figure,
      total,
      offset: q.offset,
      nextOffset: next < total && rows.length > 0 ? next : null,
      rows,
      ratesUsed: book.ratesUsed(),
    };
  });

  for (const [path, by] of [
    [REPORT_PATHS.byIndustry, 'industry'],
    [REPORT_PATHS.byCountry, 'country'],
  ] as const) {
    app.post(
      path,
      pre,
      pricedRows(breakdownQuerySchema, (q, scope, period, book) =>
        breakdown(hq.db, scope, period, book, by, q.currency, q.missionId),
      ) satisfies (r: FastifyRequest) => Promise<BreakdownResponse>,
    );
  }

  app.post(
    REPORT_PATHS.topSmes,
    pre,
    pricedRows(topSmesQuerySchema, (q, scope, period, book) =>
      topSmes(hq.db, scope, period, book, q.currency, q.limit, q.missionId),
    ) satisfies (r: FastifyRequest) => Promise<TopSmesResponse>,
  );

  app.post(REPORT_PATHS.utilization, pre, async (request): Promise<UtilizationResponse> => {
    const q = parseBody(reportQuerySchema, request.body);
    const scope = await resolveScope(hq, device(request), q.officeIds);
    const period = { from: q.from, to: q.to };
    return {
      period,
      officeIds: scope.officeIds,
      currency: q.currency,
      generatedAt: now(),
      rows: await utilizationRows(hq.db, scope, period),
    };
  });

  app.post(
    REPORT_PATHS.missions,
    pre,
    pricedRows(missionsQuerySchema, (q, scope, period, book) =>
      missionRows(hq.db, scope, period, book, q.missionId),
    ) satisfies (r: FastifyRequest) => Promise<MissionsResponse>,
  );

  app.post(REPORT_PATHS.freshness, pre, async (request): Promise<FreshnessResponse> => {
    const q = parseBody(freshnessQuerySchema, request.body ?? {});
    const scope = await resolveScope(hq, device(request), q.officeIds);
    return {
      officeIds: scope.officeIds,
      generatedAt: now(),
      offices: await freshness(hq.db, scope.officeIds),
    };
  });

  app.get(REPORT_PATHS.fxHistory, pre, async (request) => {
    requireHq(device(request));
    const q = parseBody(fxHistoryQuerySchema, request.query ?? {});
    return readFxHistory(hq.db, q);
  });
}
