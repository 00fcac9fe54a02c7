import type { ChangedRecord } from '../../sync/projectors';
import { str, type DB } from './common';
import { upsertRows } from './upsert';

/** SME firms (shared): names for the top-SME list. */
export async function projectFirms(db: DB, changes: readonly ChangedRecord[]): Promise<void> {
  await upsertRows(
    db,
    'report_sme_firms',
    changes.map((c) => ({
      id: c.id,
      name_ko: str(c.after.data.nameKo),
      name_en: str(c.after.data.nameEn),
      industry: str(c.after.data.industry),
      deleted: c.after.deleted ? 1 : 0,
    })),
    ['id'],
    ['name_ko', 'name_en', 'industry', 'deleted'],
  );
}
