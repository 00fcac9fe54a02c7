/**
 * Who may write what, beyond the office partitions: rules a push checks per mutation
 * before anything is applied.
 */
import { fxPerUsdSchema } from '@shared/money/fx-rows';
import { monthSchema } from '@shared/money/fx';
import { APP_LOCK_POLICY_ID, SECURITY_POLICIES_TABLE } from '@shared/security/app-lock';
import { ERASURES_TABLE } from '@shared/privacy/subject';
import { HttpError } from '../errors';
import type { Device } from '../repositories/devices';

/** The shared table of HQ's exchange rates (one row per month, src-shared/money/fx-rows.ts). */
export const FX_TABLE = 'fxRates';

/**
 * Exchange rates are HQ's (reports convert with them): refuses (403 `fx_rates_hq_only`) a
 * change of `fxRates` from an office device, and a malformed one from HQ (400
 * `validation_failed`): the id is the month, `month` equals it, `perUsd` maps currencies to
 * decimal strings. Nothing of the push is applied then.
 */
export function checkFxRatesChange(
  device: Device,
  tbl: string,
  id: string,
  fields: Record<string, [unknown, string]>,
): void {
  if (tbl !== FX_TABLE) return;
  if (device.officeId !== null) {
    throw new HttpError(403, 'fx_rates_hq_only', 'Only HQ devices can change exchange rates');
  }
  if (!monthSchema.safeParse(id).success) {
    throw new HttpError(400, 'validation_failed', `${FX_TABLE}: the id must be the month YYYY-MM`);
  }
  const month = fields.month?.[0];
  if (month !== undefined && month !== null && month !== id) {
    throw new HttpError(400, 'validation_failed', `${FX_TABLE}.month must equal the id`);
  }
  const perUsd = fields.perUsd?.[0];
  if (perUsd !== undefined && perUsd !== null && !fxPerUsdSchema.safeParse(perUsd).success) {
    throw new HttpError(400, 'validation_failed', `${FX_TABLE}.perUsd: invalid rate`);
  }
  const note = fields.note?.[0];
  if (note !== undefined && note !== null && (typeof note !== 'string' || note.length > 1000)) {
    throw new HttpError(400, 'validation_failed', `${FX_TABLE}.note: invalid`);
  }
}

/**
 * HQ's security policies (the app lock's idle time) are HQ's: refuses (403
 * `policy_hq_only`) a change from an office device, and an unknown policy id from HQ (400).
 */
export function checkSecurityPolicyChange(device: Device, tbl: string, id: string): void {
  if (tbl !== SECURITY_POLICIES_TABLE) return;
  if (device.officeId !== null) {
    throw new HttpError(403, 'policy_hq_only', 'Only HQ sets security policies');
  }
  if (id !== APP_LOCK_POLICY_ID) {
    throw new HttpError(
      400,
      'validation_failed',
      `${SECURITY_POLICIES_TABLE}: unknown policy ${id}`,
    );
  }
}

/**
 * Erasures are written only by HQ's erase endpoint, in the transaction that scrubs HQ's copy
 * (src-hq/privacy): a pushed one, from any device, is refused (403 `erasure_hq_only`).
 */
export function checkErasureChange(tbl: string): void {
  if (tbl === ERASURES_TABLE) {
    throw new HttpError(403, 'erasure_hq_only', 'Erasures are made only by HQ (erase a person)');
  }
}
