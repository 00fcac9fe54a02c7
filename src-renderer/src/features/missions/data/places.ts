import type { Dexie } from 'dexie';
import type { BuyerCompany } from '@shared/crm/schemas';
import { MISSION_TABLES, parsePlace, type Mission, type Place } from '@shared/missions';
import { savePlace } from './repository';

/**
 * The place of a buyer's premises: the one recorded for the buyer, else a new
 * one from the CRM address (in the local script, as the driver reads it).
 * Coordinates are added on the places tab; without them travel is estimated
 * as a typical cross-town trip.
 */
export async function ensureBuyerPlace(
  db: Dexie,
  officeId: string,
  buyer: BuyerCompany,
): Promise<Place> {
  const existing = (
    await db.table(MISSION_TABLES.places).where('buyerId').equals(buyer.id).toArray()
  )
    .map((row) => parsePlace(row))
    .find((p) => p.ok && p.value.officeId === officeId);
  if (existing?.ok) return existing.value;
  const result = await savePlace(db, officeId, {
    id: crypto.randomUUID(),
    officeId,
    kind: 'buyer',
    name: buyer.nameNative,
    address: buyer.addressLocal || [buyer.city, buyer.nameNative].filter(Boolean).join(' '),
    buyerId: buyer.id,
  });
  if (!result.ok) throw Object.assign(new Error(result.error.code), { code: result.error.code });
  return result.value;
}

export type MissionPlaceKind = 'hotel' | 'office' | 'hall';
const FIELD = { hotel: 'hotelPlaceId', office: 'officePlaceId', hall: 'hallPlaceId' } as const;

export function missionPlaceId(mission: Mission, kind: MissionPlaceKind): string | undefined {
  return mission[FIELD[kind]];
}

/** Sets the mission's hotel, office or exhibition hall (a new place, or an edit of the one it has). */
export async function saveMissionPlace(
  db: Dexie,
  mission: Mission,
  kind: MissionPlaceKind,
  values: { name: string; address: string; lat?: number | null; lng?: number | null },
) {
  const id = missionPlaceId(mission, kind) ?? crypto.randomUUID();
  return db.transaction(
    'rw',
    db.table(MISSION_TABLES.places),
    db.table(MISSION_TABLES.missions),
    async () => {
      const place = await savePlace(db, mission.officeId, {
        id,
        officeId: mission.officeId,
        kind,
        name: values.name,
        address: values.address,
        ...(values.lat != null && values.lng != null ? { lat: values.lat, lng: values.lng } : {}),
      });
      if (!place.ok) return place;
      if (mission[FIELD[kind]] !== id)
        await db.table(MISSION_TABLES.missions).update(mission.id, { [FIELD[kind]]: id });
      return place;
    },
  );
}
