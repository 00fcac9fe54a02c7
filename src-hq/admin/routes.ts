/**
 * HQ administration endpoints (offices, enrollment codes, devices, the app lock's idle time)
 * for HQ devices.
 * An office device is refused with 403 `office_forbidden`; every body is validated
 * with the shared zod schemas (400 `validation_failed`, nothing changed).
 */
import type { FastifyRequest } from 'fastify';
import {
  DEFAULT_IDLE_MINUTES,
  MAX_IDLE_MINUTES,
  MIN_IDLE_MINUTES,
} from '@shared/security/app-lock';
import {
  ADMIN_PATHS,
  createEnrollmentCodeRequestSchema,
  revokeDeviceRequestSchema,
  setAppLockRequestSchema,
  type AppLockPolicyResponse,
  type CreateEnrollmentCodeResponse,
  type DevicesResponse,
  type EnrollmentCodesResponse,
  type RevokeDeviceResponse,
} from '@shared/admin/api';
import { issueEnrollmentCode } from '../auth';
import { HttpError } from '../errors';
import { parseBody } from '../json-body';
import { listDevices, listStaff, revokeDevice } from '../repositories/devices';
import { appLockIdleMinutes, setAppLockIdleMinutes } from '../repositories/policies';
import { listReleases, newestRelease } from '../releases/releases';
import type { RouteContext } from '../route-context';
import { listEnrollmentCodes, officeOverview } from './queries';

/** Authenticates, then refuses every device that belongs to an office. */
export function hqOnly(ctx: RouteContext) {
  return async (request: FastifyRequest) => {
    await ctx.requireDevice(request);
    if (request.device?.officeId !== null) {
      throw new HttpError(403, 'office_forbidden', 'HQ devices only');
    }
  };
}

export function registerAdminRoutes(ctx: RouteContext): void {
  const { app, hq, now } = ctx;
  const preHandler = hqOnly(ctx);

  app.get(ADMIN_PATHS.offices, { preHandler }, async () => officeOverview(hq.db, now()));

  app.get(ADMIN_PATHS.devices, { preHandler }, async (request): Promise<DevicesResponse> => ({
    devices: await listDevices(hq.db),
    newestRelease: newestRelease(await listReleases(hq.db))?.version ?? null,
    selfId: request.device!.id,
    serverTime: now(),
  }));

  app.post(
    ADMIN_PATHS.revokeDevice,
    { preHandler },
    async (request): Promise<RevokeDeviceResponse> => {
      const { deviceId } = parseBody(revokeDeviceRequestSchema, request.body ?? {});
      if (deviceId === request.device!.id) {
        throw new HttpError(400, 'bad_request', 'A device cannot revoke itself');
      }
      if (!(await revokeDevice(hq.db, deviceId, now()))) {
        throw new HttpError(404, 'not_found', `No such device: ${deviceId}`);
      }
      const device = (await listDevices(hq.db)).find((d) => d.id === deviceId)!;
      return { device };
    },
  );

  app.get(
    ADMIN_PATHS.enrollmentCodes,
    { preHandler },
    async (): Promise<EnrollmentCodesResponse> => ({
      codes: await listEnrollmentCodes(hq.db),
      staff: await listStaff(hq.db),
      serverTime: now(),
    }),
  );

  app.post(
    ADMIN_PATHS.enrollmentCodes,
    { preHandler },
    async (request): Promise<CreateEnrollmentCodeResponse> => {
      const body = parseBody(createEnrollmentCodeRequestSchema, request.body ?? {});
      const createdAt = now();
      const ttlMs = body.ttlHours * 60 * 60 * 1000;
      const person =
        body.staffId !== undefined ? { staffId: body.staffId } : { name: body.staffName! };
      const { code, staff } = await issueEnrollmentCode(
        hq,
        body.officeId,
        createdAt,
        ttlMs,
        person,
      );
      return { code, officeId: body.officeId, createdAt, expiresAt: createdAt + ttlMs, staff };
    },
  );

  // The app lock's idle time (issue 14), as `hq policy:app-lock` sets it: a record of the
  // shared synced table, so every laptop takes it with its next pull.
  const appLock = async (): Promise<AppLockPolicyResponse> => ({
    idleMinutes: await appLockIdleMinutes(hq),
    defaultMinutes: DEFAULT_IDLE_MINUTES,
    minMinutes: MIN_IDLE_MINUTES,
    maxMinutes: MAX_IDLE_MINUTES,
  });
  app.get(ADMIN_PATHS.appLock, { preHandler }, appLock);
  app.post(ADMIN_PATHS.appLock, { preHandler }, async (request) => {
    const { idleMinutes } = parseBody(setAppLockRequestSchema, request.body ?? {});
    await setAppLockIdleMinutes(hq, idleMinutes, now());
    return appLock();
  });
}
