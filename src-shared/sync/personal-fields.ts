/**
 * The personal fields of every synced table (issue 14, encryption at rest): the values that
 * name, reach or describe a person. The laptop stores exactly these encrypted in IndexedDB
 * (src-renderer/src/data/encryption); every other field stays readable, so Dexie's indexes
 * (ids, office, status, country, dates) keep working. None of these fields may be a Dexie
 * index: test/unit/shared/personal-fields.test.ts checks the list against the record schemas
 * and the app's store specs.
 *
 * Adding a field with a person's data to a table's schema: add it here in the same change.
 * Free text (notes) is listed wherever it exists: staff write names and phone numbers there.
 */
export const PERSONAL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  // A buyer is a company; its notes name people.
  buyers: ['notes'],
  contacts: [
    'familyName',
    'givenName',
    'latinFamily',
    'latinGiven',
    'reading',
    'title',
    'emails',
    'phones',
    'messengers',
    'consent',
    'basisNote',
    'notes',
  ],
  smeFirms: ['contactPerson', 'phone', 'email'],
  tradeTalks: ['notes', 'followUps'],
  interpreters: ['name', 'phone', 'messengers', 'notes'],
  drivers: ['name', 'phone', 'messengers', 'licenceNotes'],
  interpreterBookings: ['notes', 'location'],
  // Passengers by name, and where they are picked up (a home, a hotel).
  vehicleTrips: ['passengerNames', 'pickUp', 'dropOff', 'notes'],
  missions: ['hqContact', 'notes'],
  missionParticipants: ['people', 'notes'],
  missionRequests: ['notes'],
  // Hotels, buyers' premises: where the delegation's people stay and go.
  missionPlaces: ['name', 'address', 'lat', 'lng'],
  travelOverrides: ['note'],
};

/** The personal fields of `table` (none for tables without personal data). */
export function personalFieldsOf(table: string): readonly string[] {
  return PERSONAL_FIELDS[table] ?? [];
}
