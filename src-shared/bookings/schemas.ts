import { z } from 'zod';
import { MESSENGER_CHANNELS } from '../contact/messengers';
import { moneySchema } from '../money/currency';
import { isBookingErrorCode, type BookingError, type Result } from './errors';
import { instantMs, isIsoInstant, isValidTimeZone, toZoned } from './wall-time';

/**
 * Records of issue 4. Validation failures carry error codes (not English) so
 * the UI can translate them: every custom message below is a BookingErrorCode.
 */

const id = z.string().min(1, 'bookings.invalid_record').max(200, 'bookings.invalid_record');
const text = (max: number) => z.string().max(max, 'bookings.invalid_record');
const instant = z
  .string()
  .refine(isIsoInstant, 'bookings.invalid_instant')
  .transform((s) => new Date(instantMs(s)).toISOString());
const timeZone = z.string().refine(isValidTimeZone, 'bookings.invalid_time_zone');

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const BOOKING_STATUSES = ['tentative', 'confirmed', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const BOOKING_PURPOSES = [
  'trade-talk',
  'delegation',
  'exhibition',
  'consultation',
  'other',
] as const;
export type BookingPurpose = (typeof BOOKING_PURPOSES)[number];

/** Interpreters' and drivers' messengers: the one list CRM uses too. */
export const MESSENGER_KINDS = MESSENGER_CHANNELS;

/** Script of a person's native name; decides who can read it on a day sheet. */
export const NAME_SCRIPTS = ['hangul', 'japanese', 'chinese', 'latin'] as const;
export type NameScript = (typeof NAME_SCRIPTS)[number];

export const personNameSchema = z.object({
  native: z.string().trim().min(1, 'bookings.invalid_record').max(200, 'bookings.invalid_record'),
  /** As printed in the passport / on the card, not a machine romanization. */
  latin: z.string().trim().min(1, 'bookings.invalid_record').max(200, 'bookings.invalid_record'),
  script: z.enum(NAME_SCRIPTS, { error: 'bookings.invalid_record' }),
});
export type PersonName = z.infer<typeof personNameSchema>;

export const messengerSchema = z.object({
  kind: z.enum(MESSENGER_CHANNELS, { error: 'bookings.invalid_record' }),
  handle: z.string().trim().min(1, 'bookings.invalid_record').max(200),
});
export type Messenger = z.infer<typeof messengerSchema>;

/** `ko-ja`: two BCP-47-ish language codes; order does not matter for matching. */
export const languagePairSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z]{2})?-[a-z]{2,3}(-[A-Z]{2})?$/, 'bookings.invalid_record');

export const interpreterSchema = z.object({
  id,
  officeId: id,
  name: personNameSchema,
  languagePairs: z.array(languagePairSchema).min(1, 'bookings.invalid_record'),
  phone: text(40).optional(),
  messengers: z.array(messengerSchema).default([]),
  /** Rate per hour. */
  rate: moneySchema.optional(),
  active: z.boolean().default(true),
  notes: text(4000).optional(),
});
export type Interpreter = z.infer<typeof interpreterSchema>;

export const driverSchema = z.object({
  id,
  officeId: id,
  name: personNameSchema,
  phone: text(40).optional(),
  messengers: z.array(messengerSchema).default([]),
  licenceNotes: text(2000).optional(),
  active: z.boolean().default(true),
});
export type Driver = z.infer<typeof driverSchema>;

export const vehicleSchema = z.object({
  id,
  officeId: id,
  plate: z.string().trim().min(1, 'bookings.invalid_record').max(40),
  model: text(200),
  seats: z.number().int('bookings.invalid_record').min(1, 'bookings.invalid_record').max(100),
  defaultDriverId: id.optional(),
  /** Minutes the vehicle is blocked after each trip (return, refuel, clean). */
  turnaroundBufferMinutes: z
    .number()
    .int('bookings.invalid_record')
    .min(0)
    .max(24 * 60)
    .default(0),
  active: z.boolean().default(true),
});
export type Vehicle = z.infer<typeof vehicleSchema>;

/**
 * RRULE subset: FREQ=DAILY|WEEKLY, INTERVAL, COUNT or UNTIL, BYDAY (weekly).
 * The booking's own start/end is the first occurrence (DTSTART). Expanded in
 * `timeZone` so wall times survive DST. `exdates` are the original start
 * instants of removed occurrences.
 */
export const recurrenceRuleSchema = z
  .object({
    freq: z.enum(['daily', 'weekly'], { error: 'bookings.invalid_recurrence' }),
    interval: z
      .number()
      .int('bookings.invalid_recurrence')
      .min(1, 'bookings.invalid_recurrence')
      .max(99, 'bookings.invalid_recurrence')
      .default(1),
    count: z
      .number()
      .int('bookings.invalid_recurrence')
      .min(1, 'bookings.invalid_recurrence')
      .max(1000, 'bookings.invalid_recurrence')
      .optional(),
    /** Inclusive bound on occurrence starts (ISO instant). */
    until: instant.optional(),
    byWeekday: z.array(z.enum(WEEKDAYS, { error: 'bookings.invalid_recurrence' })).optional(),
    timeZone,
    exdates: z.array(instant).default([]),
  })
  .superRefine((rule, ctx) => {
    if (rule.count !== undefined && rule.until !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'bookings.recurrence_count_and_until' });
    }
    if (rule.byWeekday && rule.freq !== 'weekly') {
      ctx.addIssue({ code: 'custom', message: 'bookings.invalid_recurrence', path: ['byWeekday'] });
    }
    if (rule.byWeekday && rule.byWeekday.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'bookings.invalid_recurrence', path: ['byWeekday'] });
    }
  });
export type RecurrenceRule = z.infer<typeof recurrenceRuleSchema>;
export type RecurrenceRuleInput = z.input<typeof recurrenceRuleSchema>;

/** Set on a booking split off a series by a "this one" edit. */
export const detachedFromSchema = z.object({
  seriesId: id,
  originalStart: instant,
});

const bookingBase = {
  id,
  officeId: id,
  /** The office zone the times were entered in; wall times are shown in it. */
  timeZone,
  start: instant,
  end: instant,
  purpose: z.enum(BOOKING_PURPOSES, { error: 'bookings.invalid_purpose' }),
  tradeTalkId: id.optional(),
  status: z.enum(BOOKING_STATUSES, { error: 'bookings.invalid_status' }),
  notes: text(4000).optional(),
  recurrence: recurrenceRuleSchema.optional(),
  detachedFrom: detachedFromSchema.optional(),
};

export const requesterSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('sme'),
      smeId: id,
      label: text(300).optional(),
      /** The name in Latin script (the CRM's English name), for readers other than Korean. */
      labelLatin: text(300).optional(),
    }),
    z.object({
      kind: z.literal('delegation'),
      delegationId: id.optional(),
      label: text(300),
      labelLatin: text(300).optional(),
    }),
  ],
  { error: 'bookings.invalid_record' },
);
export type Requester = z.infer<typeof requesterSchema>;

export const addressSchema = z.object({
  /** In the local script, as a local driver reads it. */
  address: z.string().trim().min(1, 'bookings.invalid_record').max(500),
  label: text(200).optional(),
});
export type Address = z.infer<typeof addressSchema>;

type TimedRecord = {
  start: string;
  end: string;
  recurrence?: RecurrenceRule | undefined;
};

function refineTimes(record: TimedRecord, ctx: z.RefinementCtx): void {
  if (instantMs(record.end) <= instantMs(record.start)) {
    ctx.addIssue({ code: 'custom', message: 'bookings.end_not_after_start', path: ['end'] });
    return;
  }
  const rule = record.recurrence;
  if (!rule) return;
  const first = toZoned(record.start, rule.timeZone);
  if (rule.byWeekday && !rule.byWeekday.includes(WEEKDAYS[first.weekday - 1]!)) {
    ctx.addIssue({
      code: 'custom',
      message: 'bookings.recurrence_start_not_on_weekday',
      path: ['recurrence', 'byWeekday'],
    });
  }
  // An occurrence must end before the next one can start.
  const periodMs = (rule.freq === 'daily' ? 1 : 7) * rule.interval * 86_400_000;
  const minGapMs = rule.byWeekday && rule.byWeekday.length > 1 ? 86_400_000 : periodMs;
  if (instantMs(record.end) - instantMs(record.start) > minGapMs - 3_600_000) {
    ctx.addIssue({ code: 'custom', message: 'bookings.recurrence_overlaps_itself', path: ['end'] });
  }
  if (rule.until !== undefined && instantMs(rule.until) < instantMs(record.start)) {
    ctx.addIssue({ code: 'custom', message: 'bookings.invalid_recurrence', path: ['recurrence'] });
  }
}

export const interpreterBookingSchema = z
  .object({
    kind: z.literal('interpreter'),
    ...bookingBase,
    interpreterId: id,
    requester: requesterSchema.optional(),
    location: text(500).optional(),
  })
  .superRefine(refineTimes);
export type InterpreterBooking = z.infer<typeof interpreterBookingSchema>;
export type InterpreterBookingInput = z.input<typeof interpreterBookingSchema>;

export const vehicleTripSchema = z
  .object({
    kind: z.literal('vehicle'),
    ...bookingBase,
    vehicleId: id,
    /** Null while no driver is assigned (the vehicle still cannot be double-booked). */
    driverId: id.nullable(),
    pickUp: addressSchema,
    dropOff: addressSchema,
    passengers: z.number().int('bookings.invalid_record').min(0, 'bookings.invalid_record'),
    passengerNames: z.array(z.string().trim().min(1).max(200)).default([]),
    requester: requesterSchema.optional(),
    interpreterBookingId: id.optional(),
  })
  .superRefine((trip, ctx) => {
    refineTimes(trip, ctx);
    if (trip.passengerNames.length > trip.passengers) {
      ctx.addIssue({
        code: 'custom',
        message: 'bookings.passenger_names_exceed_count',
        path: ['passengerNames'],
      });
    }
  });
export type VehicleTrip = z.infer<typeof vehicleTripSchema>;
export type VehicleTripInput = z.input<typeof vehicleTripSchema>;

export type Booking = InterpreterBooking | VehicleTrip;

/** First zod issue as a translatable error. */
export function toBookingError(error: z.ZodError): BookingError {
  const issue = error.issues[0];
  const message = issue?.message;
  const path = issue?.path.map(String).join('.') ?? '';
  return {
    code: isBookingErrorCode(message) ? message : 'bookings.invalid_record',
    ...(path ? { path } : {}),
  };
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown): Result<T> {
  const parsed = schema.safeParse(input);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: toBookingError(parsed.error) };
}

export const parseInterpreter = (input: unknown) => parseWith(interpreterSchema, input);
export const parseDriver = (input: unknown) => parseWith(driverSchema, input);
export const parseVehicle = (input: unknown) => parseWith(vehicleSchema, input);
export const parseInterpreterBooking = (input: unknown) =>
  parseWith(interpreterBookingSchema, input);
export const parseVehicleTrip = (input: unknown) => parseWith(vehicleTripSchema, input);

/**
 * Cross-record checks a schema alone cannot do: passengers within seats, the
 * trip's office equals the vehicle's. Returns null when fine.
 */
export function validateTripAgainstVehicle(
  trip: VehicleTrip,
  vehicle: Vehicle,
): BookingError | null {
  if (trip.vehicleId !== vehicle.id) {
    return { code: 'bookings.unknown_resource', params: { resourceId: trip.vehicleId } };
  }
  if (trip.officeId !== vehicle.officeId) return { code: 'bookings.office_mismatch' };
  if (trip.passengers > vehicle.seats) {
    return {
      code: 'bookings.passengers_exceed_seats',
      params: { passengers: trip.passengers, seats: vehicle.seats, plate: vehicle.plate },
      path: 'passengers',
    };
  }
  return null;
}

export function isActive(booking: Pick<Booking, 'status'>): boolean {
  return booking.status !== 'cancelled';
}
