import { syncFieldsOf } from '../sync/record-schemas';
import type { SyncTableSpec } from '../sync/tables';
import {
  meetingRequestShape,
  meetingShape,
  missionShape,
  participantShape,
  placeShape,
  travelOverrideShape,
} from './schemas';

/**
 * The synced tables of trade missions (office scope). HQ checks every pushed
 * field against the field's schema from schemas.ts.
 */

export const MISSION_TABLES = {
  missions: 'missions',
  participants: 'missionParticipants',
  requests: 'missionRequests',
  meetings: 'missionMeetings',
  places: 'missionPlaces',
  travelOverrides: 'travelOverrides',
} as const;

export const MISSION_SYNC_TABLES: readonly SyncTableSpec[] = [
  {
    name: MISSION_TABLES.missions,
    scope: 'office',
    fields: syncFieldsOf(missionShape),
    // The dates and the daily window are checked together (departure >= arrival, breaks inside the day).
    fieldGroups: { dates: ['arrival', 'departure'], day: ['dayStart', 'dayEnd', 'breaks'] },
  },
  { name: MISSION_TABLES.participants, scope: 'office', fields: syncFieldsOf(participantShape) },
  { name: MISSION_TABLES.requests, scope: 'office', fields: syncFieldsOf(meetingRequestShape) },
  {
    name: MISSION_TABLES.meetings,
    scope: 'office',
    fields: syncFieldsOf(meetingShape),
    // A meeting's time, place, interpreter and van legs are one plan decision:
    // two laptops re-planning offline must not mix into a meeting with another's legs.
    fieldGroups: { plan: ['start', 'end', 'timeZone', 'placeId', 'interpreterId', 'legs'] },
  },
  {
    name: MISSION_TABLES.places,
    scope: 'office',
    fields: syncFieldsOf(placeShape),
    fieldGroups: { position: ['lat', 'lng'] },
  },
  {
    name: MISSION_TABLES.travelOverrides,
    scope: 'office',
    fields: syncFieldsOf(travelOverrideShape),
  },
];
