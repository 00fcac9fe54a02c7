import { useMemo } from 'react';
import type { BuyerCompany, SmeFirm } from '@shared/crm/schemas';
import type { MissionRecords } from '@shared/missions';
import { useDatabase } from '../../../data/database-context';
import { useLive } from '../../../data/use-live';
import { loadMissionRecords } from '../data/repository';

export interface MissionView {
  readonly records: MissionRecords | null | undefined;
  readonly firms: ReadonlyMap<string, SmeFirm>;
  readonly buyers: ReadonlyMap<string, BuyerCompany>;
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
    return { records, firms, buyers };
  }, [db, officeId, missionId]);
  return useMemo(
    () => ({
      records: data === undefined ? undefined : data.records,
      firms: new Map((data?.firms ?? []).map((f) => [f.id, f])),
      buyers: new Map((data?.buyers ?? []).map((b) => [b.id, b])),
    }),
    [data],
  );
}
