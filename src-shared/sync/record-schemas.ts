/**
 * Synced table -> the domain's zod schema of one record. HQ checks every pushed field
 * against its schema here (tables.ts derives `fields` from these), so a laptop with a bug
 * cannot store at HQ a value the app itself would refuse. Checks that span fields (an end
 * after a start, a contact with some name) stay the app's: a field arrives alone.
 */
import { z } from 'zod';
import { buyerCompanySchema, contactSchema, smeFirmSchema, tradeTalkSchema } from '../crm/schemas';
import {
  driverSchema,
  interpreterBookingSchema,
  interpreterSchema,
  vehicleSchema,
  vehicleTripSchema,
} from '../bookings/schemas';
import { fxMonthRowSchema } from '../money/fx-rows';

/** A record schema's fields (zod objects keep `shape` through their refinements). */
type RecordSchema = { readonly shape: Readonly<Record<string, z.ZodType>> };

export const duplicateDismissalSchema = z.object({
  id: z.string().min(1).max(200),
  officeId: z.string().min(1).max(64),
  buyerIds: z.array(z.string().min(1).max(64)).length(2),
  dismissedAt: z.iso.datetime(),
});

/** CRM, scheduling and conflict-inbox tables (trade missions declare theirs in missions/sync.ts). */
export const RECORD_SCHEMAS = {
  buyers: buyerCompanySchema,
  contacts: contactSchema,
  smeFirms: smeFirmSchema,
  tradeTalks: tradeTalkSchema,
  fxRates: fxMonthRowSchema,
  interpreters: interpreterSchema,
  vehicles: vehicleSchema,
  drivers: driverSchema,
  interpreterBookings: interpreterBookingSchema,
  vehicleTrips: vehicleTripSchema,
  duplicateDismissals: duplicateDismissalSchema,
} as const satisfies Record<string, RecordSchema>;

/** Field schemas of a record shape, without the keys sync owns (id, officeId). */
export function syncFieldsOf(
  shape: Readonly<Record<string, z.ZodType>>,
): Record<string, z.ZodType> {
  const out = Object.create(null) as Record<string, z.ZodType>;
  for (const [field, schema] of Object.entries(shape)) {
    if (field !== 'id' && field !== 'officeId') out[field] = schema;
  }
  return out;
}

/** `fields` of a table in RECORD_SCHEMAS. */
export function recordFields(table: keyof typeof RECORD_SCHEMAS): Record<string, z.ZodType> {
  return syncFieldsOf((RECORD_SCHEMAS[table] as RecordSchema).shape);
}
