import { useMemo } from 'react';
import type { BuyerCompany, Contact, SmeFirm } from '@shared/crm/schemas';
import { buyerReaderLanguage, type MissionRecords } from '@shared/missions';
import type { Language } from '@shared/i18n/languages';
import { useDatabase } from '../../../data/database-context';
import { useLive } from '../../../data/use-live';
import { loadMissionRecords } from '../data/repository';

export interface MissionView {
  readonly records: MissionRecords | null | undefined;
  readonly firms: ReadonlyMap<string, SmeFirm>;
  readonly buyers: ReadonlyMap<string, BuyerCompany>;
  /** Contacts of the buyers the mission asks to meet, by buyer. */
  readonly contacts: ReadonlyMap<string, readonly Contact[]>;
}

/** One mission's records with the firms and buyers it names, live from Dexie (sync pulls included). */
export function useMission(officeId: string, missionId: string): MissionView {
  const db = useDatabase();
  const data = useLive(async () => {
    const records = await loadMissionRecords(db, officeId, missionId);
    const firms = (await db.table('smeFirms').toArray()) as SmeFirm[];
    const buyers = (await db
      .table('buyers')
      .where('officeId')
      .equals(officeId)
      .toArray()) as BuyerCompany[];
    const buyerIds = [...new Set((records?.requests ?? []).map((r) => r.buyerId))];
    const contacts = (await db
      .table('contacts')
      .where('buyerId')
      .anyOf(buyerIds)
      .toArray()) as Contact[];
    return { records, firms, buyers, contacts };
  }, [db, officeId, missionId]);
  return useMemo(
    () => ({
      records: data === undefined ? undefined : data.records,
      firms: new Map((data?.firms ?? []).map((f) => [f.id, f])),
      buyers: new Map((data?.buyers ?? []).map((b) => [b.id, b])),
      contacts: groupContacts(data?.contacts ?? []),
    }),
    [data],
  );
}

function groupContacts(contacts: readonly Contact[]): Map<string, Contact[]> {
  const out = new Map<string, Contact[]>();
  for (const c of contacts) {
    const list = out.get(c.buyerId);
    if (list) list.push(c);
    else out.set(c.buyerId, [c]);
  }
  return out;
}

/** The language a buyer's itinerary is written in (see buyerReaderLanguage). */
export function buyerLanguage(
  view: MissionView,
  buyerId: string,
  officeLanguage: string,
): Language {
  return buyerReaderLanguage({
    contacts: view.contacts.get(buyerId) ?? [],
    requestedContactIds: (view.records?.requests ?? []).flatMap((r) =>
      r.buyerId === buyerId && r.contactId ? [r.contactId] : [],
    ),
    officeLanguage,
    nameScript: view.buyers.get(buyerId)?.nameScript,
  });
}
