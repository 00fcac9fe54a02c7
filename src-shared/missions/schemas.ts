import { z } from 'zod';
import { instantMs, isIsoInstant, isValidTimeZone } from '../bookings/wall-time';
import { isMissionErrorCode, type MissionError, type MissionResult } from './errors';

/**
 * Records of trade missions (issue 13). Every custom message is a
 * MissionErrorCode so the UI can translate it. The object shapes are exported
 * separately (`*Shape`) because the sync registry validates field by field.
 */

const INVALID = 'missions.invalid_record';
const id = z.string().min(1, INVALID).max(200, INVALID);
const text = (max: number) => z.string().trim().max(max, INVALID);
const requiredText = (max: number) => text(max).min(1, INVALID);
const isoDate = z.iso.date({ error: 'missions.invalid_date' });
/** `HH:mm`, 24-hour, local to the mission's office. */
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'missions.invalid_time');
const instant = z
  .string()
  .refine(isIsoInstant, 'missions.invalid_date')
  .transform((s) => new Date(instantMs(s)).toISOString());
/** Language the person speaks or the meeting needs: ko, ja, zh, vi, en… */
const language = z.string().regex(/^[a-z]{2,3}$/, 'missions.invalid_language');

export const MISSION_KINDS = ['trade-mission', 'exhibition-visit', 'official-visit'] as const;
export type MissionKind = (typeof MISSION_KINDS)[number];

export const MISSION_STATUSES = [
  'planning',
  'confirmed',
  'under-way',
  'done',
  'cancelled',
] as const;
export type MissionStatus = (typeof MISSION_STATUSES)[number];

export const PRIORITIES = ['must', 'want', 'nice'] as const;
export type Priority = (typeof PRIORITIES)[number];

/**
 * Weights the planner maximises. A must-have outweighs ten wanted meetings, so
 * must-haves are placed first unless a must-have can only fit by dropping
 * more than ten others (documented in docs/decisions.md).
 */
export const PRIORITY_WEIGHT: Readonly<Record<Priority, number>> = { must: 100, want: 10, nice: 3 };

/** Where a meeting takes place. */
export const MEETING_VENUES = ['buyer', 'hotel', 'office', 'hall'] as const;
export type MeetingVenue = (typeof MEETING_VENUES)[number];

export const PLACE_KINDS = ['buyer', 'hotel', 'office', 'hall', 'other'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export const MEETING_STATUSES = ['proposed', 'accepted', 'done', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const intervalSchema = z
  .object({ start: instant, end: instant })
  .refine((w) => instantMs(w.end) > instantMs(w.start), {
    message: 'missions.window_end_not_after_start',
    path: ['end'],
  });
export type Interval = z.infer<typeof intervalSchema>;

export const breakSchema = z.object({ start: clock, end: clock }).refine((b) => b.end > b.start, {
  message: 'missions.window_end_not_after_start',
  path: ['end'],
});
export type DailyBreak = z.infer<typeof breakSchema>;

// ---- places and travel --------------------------------------------------------------------------

export const placeShape = {
  id,
  officeId: id,
  kind: z.enum(PLACE_KINDS, { error: INVALID }),
  name: requiredText(300),
  /** In the local script, as a local driver reads it. */
  address: requiredText(500),
  lat: z
    .number()
    .min(-90, 'missions.invalid_coordinates')
    .max(90, 'missions.invalid_coordinates')
    .optional(),
  lng: z
    .number()
    .min(-180, 'missions.invalid_coordinates')
    .max(180, 'missions.invalid_coordinates')
    .optional(),
  /** The CRM buyer whose premises this is (kind `buyer`). */
  buyerId: id.optional(),
};
export const placeSchema = z
  .object(placeShape)
  .refine((p) => (p.lat === undefined) === (p.lng === undefined), {
    message: 'missions.invalid_coordinates',
    path: ['lng'],
  });
export type Place = z.infer<typeof placeSchema>;

/**
 * A staff member's travel time between two places, both directions. The id is
 * the pair key (`travelPairKey`), so two laptops overriding one pair write one
 * record and the later edit wins.
 */
export const travelOverrideShape = {
  id,
  officeId: id,
  placeIds: z.array(id).length(2, INVALID),
  minutes: z
    .number()
    .int(INVALID)
    .min(0, INVALID)
    .max(24 * 60, INVALID),
  note: text(500).optional(),
};
export const travelOverrideSchema = z
  .object(travelOverrideShape)
  .refine((o) => o.placeIds[0] !== o.placeIds[1], {
    message: 'missions.same_place',
    path: ['placeIds'],
  });
export type TravelOverride = z.infer<typeof travelOverrideSchema>;

// ---- missions -----------------------------------------------------------------------------------

export const missionShape = {
  id,
  officeId: id,
  name: requiredText(300),
  kind: z.enum(MISSION_KINDS, { error: INVALID }),
  status: z.enum(MISSION_STATUSES, { error: INVALID }),
  /** First and last local date of the visit (inclusive). */
  arrival: isoDate,
  departure: isoDate,
  /** The office's zone: every wall time of the mission is read in it. */
  timeZone: z.string().refine(isValidTimeZone, INVALID),
  /** Daily meeting window and breaks, local wall times. */
  dayStart: clock,
  dayEnd: clock,
  breaks: z.array(breakSchema).max(6, INVALID).default([]),
  hqContact: text(300).default(''),
  notes: text(10_000).default(''),
  /** Default hotel of the delegation, the exhibition hall, the office. */
  hotelPlaceId: id.optional(),
  hallPlaceId: id.optional(),
  officePlaceId: id.optional(),
  /** Average door-to-door speed in this city and the buffer added to every estimate. */
  citySpeedKmh: z.number().min(3, INVALID).max(120, INVALID).default(20),
  travelBufferMinutes: z.number().int(INVALID).min(0, INVALID).max(180, INVALID).default(10),
};
export const MAX_MISSION_DAYS = 14;

export const missionSchema = z.object(missionShape).superRefine((m, ctx) => {
  if (m.departure < m.arrival) {
    ctx.addIssue({
      code: 'custom',
      message: 'missions.departure_before_arrival',
      path: ['departure'],
    });
  } else if (daysBetween(m.arrival, m.departure) >= MAX_MISSION_DAYS) {
    ctx.addIssue({ code: 'custom', message: 'missions.mission_too_long', path: ['departure'] });
  }
  if (m.dayEnd <= m.dayStart) {
    ctx.addIssue({ code: 'custom', message: 'missions.day_window_empty', path: ['dayEnd'] });
  }
  m.breaks.forEach((b, i) => {
    if (b.start < m.dayStart || b.end > m.dayEnd) {
      ctx.addIssue({ code: 'custom', message: 'missions.break_outside_day', path: ['breaks', i] });
    }
  });
});
export type Mission = z.infer<typeof missionSchema>;
export type MissionInput = z.input<typeof missionSchema>;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

// ---- participants -------------------------------------------------------------------------------

export const participantPersonSchema = z.object({
  id,
  nameKo: requiredText(100),
  /** As printed in the passport. */
  nameLatin: text(100).default(''),
  phone: text(40).default(''),
  languages: z.array(language).max(10).default(['ko']),
});
export type ParticipantPerson = z.infer<typeof participantPersonSchema>;

export const participantShape = {
  id,
  officeId: id,
  missionId: id,
  /** The shared, province-wide SME registry (CRM `smeFirms`). */
  smeFirmId: id,
  people: z.array(participantPersonSchema).min(1, INVALID).max(40, INVALID),
  /** Their hotel; the mission's hotel when absent. */
  hotelPlaceId: id.optional(),
  /** Rides the office's vans between meetings (else travels on its own). */
  needsTransport: z.boolean().default(true),
  /** Times the firm cannot meet (an official event, a flight). */
  busy: z.array(intervalSchema).max(50, INVALID).default([]),
  notes: text(4000).default(''),
};
export const participantSchema = z.object(participantShape);
export type Participant = z.infer<typeof participantSchema>;
export type ParticipantInput = z.input<typeof participantSchema>;

// ---- meeting requests ---------------------------------------------------------------------------

export const meetingRequestShape = {
  id,
  officeId: id,
  missionId: id,
  participantId: id,
  buyerId: id,
  contactId: id.optional(),
  priority: z.enum(PRIORITIES, { error: INVALID }),
  durationMinutes: z
    .number()
    .int('missions.duration_out_of_range')
    .min(15, 'missions.duration_out_of_range')
    .max(480, 'missions.duration_out_of_range'),
  venue: z.enum(MEETING_VENUES, { error: INVALID }),
  /** The place the venue resolves to (the buyer's premises, the hotel, …). */
  placeId: id,
  /** When the buyer can meet; none = any time in the mission's meeting window. */
  windows: z.array(intervalSchema).max(30, INVALID).default([]),
  /** The buyer's language an interpreter must speak with Korean; absent = no interpreter. */
  language: language.optional(),
  notes: text(4000).default(''),
};
export const meetingRequestSchema = z.object(meetingRequestShape);
export type MeetingRequest = z.infer<typeof meetingRequestSchema>;
export type MeetingRequestInput = z.input<typeof meetingRequestSchema>;

// ---- meetings (the plan) ------------------------------------------------------------------------

export const legSchema = z.object({
  /** `in`: to the meeting; `out`: back to the hotel after the day's last meeting. */
  kind: z.enum(['in', 'out'], { error: INVALID }),
  vehicleId: id,
  driverId: id.optional(),
  fromPlaceId: id,
  toPlaceId: id,
  start: instant,
  end: instant,
  passengers: z.number().int(INVALID).min(1, INVALID).max(100, INVALID),
});
export type Leg = z.infer<typeof legSchema>;

export const meetingShape = {
  id,
  officeId: id,
  missionId: id,
  requestId: id,
  status: z.enum(MEETING_STATUSES, { error: INVALID }),
  /** Kept where it is by the next planner run. */
  pinned: z.boolean().default(false),
  start: instant,
  end: instant,
  timeZone: z.string().refine(isValidTimeZone, INVALID),
  placeId: id,
  interpreterId: id.optional(),
  legs: z.array(legSchema).max(4, INVALID).default([]),
  /** The trade talk recorded after the meeting. */
  tradeTalkId: id.optional(),
};
export const meetingSchema = z
  .object(meetingShape)
  .refine((m) => instantMs(m.end) > instantMs(m.start), {
    message: 'missions.window_end_not_after_start',
    path: ['end'],
  });
export type Meeting = z.infer<typeof meetingSchema>;
export type MeetingInput = z.input<typeof meetingSchema>;

// ---- parsing ------------------------------------------------------------------------------------

export function toMissionError(error: z.ZodError): MissionError {
  const issue = error.issues[0];
  const message = issue?.message;
  const path = issue?.path.map(String).join('.') ?? '';
  return {
    code: isMissionErrorCode(message) ? message : 'missions.invalid_record',
    ...(path ? { path } : {}),
  };
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown): MissionResult<T> {
  const parsed = schema.safeParse(input);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: toMissionError(parsed.error) };
}

export const parseMission = (input: unknown) => parseWith(missionSchema, input);
export const parseParticipant = (input: unknown) => parseWith(participantSchema, input);
export const parseMeetingRequest = (input: unknown) => parseWith(meetingRequestSchema, input);
export const parseMeeting = (input: unknown) => parseWith(meetingSchema, input);
export const parsePlace = (input: unknown) => parseWith(placeSchema, input);
export const parseTravelOverride = (input: unknown) => parseWith(travelOverrideSchema, input);
