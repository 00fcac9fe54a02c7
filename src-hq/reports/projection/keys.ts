import { CHUNK, type DB } from './common';

/** Integer ids for text keys (insert-if-missing, sorted so concurrent pushes lock in one order). */
export async function resolveKids(
  db: DB,
  kind: 'buyer' | 'firm',
  keys: Iterable<string>,
): Promise<Map<string, number>> {
  const wanted = [...new Set(keys)].sort();
  const out = new Map<string, number>();
  const lookUp = async (slice: string[]) => {
    const rows = await db
      .selectFrom('report_keys')
      .select(['key', 'kid'])
      .where('kind', '=', kind)
      .where('key', 'in', slice)
      .execute();
    for (const r of rows) out.set(r.key, Number(r.kid));
  };
  for (let i = 0; i < wanted.length; i += CHUNK) {
    const slice = wanted.slice(i, i + CHUNK);
    await lookUp(slice);
    const missing = slice.filter((k) => !out.has(k));
    if (missing.length === 0) continue;
    await db
      .insertInto('report_keys')
      .values(missing.map((key) => ({ kind, key })))
      .onConflict((oc) => oc.columns(['kind', 'key']).doNothing())
      .execute();
    await lookUp(missing);
  }
  return out;
}
