/** The person of the data-subject tests (issue 14, item 6) and a dump of HQ's raw tables. */
import { formatHlc } from '@shared/sync/hlc';
import type { HqDatabase } from '../../../src-hq/db/connect';

export const NOW = 1_800_000_000_000;
export const hlc = (n: number) => formatHlc({ millis: NOW + n, counter: 0, node: 'a'.repeat(16) });

export const PERSON = {
  familyName: '山田',
  givenName: '花子',
  latinFamily: 'Yamadax',
  latinGiven: 'Hanakoq',
  email: 'hanako.erase@example.jp',
  phone: '+819012345678',
  line: 'hanako-line-77',
};
export const VALUES = [
  '山田',
  '花子',
  'Yamadax',
  'Hanakoq',
  PERSON.email,
  PERSON.phone,
  PERSON.line,
];

export const fields = (values: Record<string, unknown>, at: number) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, [v, hlc(at)]]));

export function contactFields(at: number) {
  return fields(
    {
      officeId: 'tokyo',
      buyerId: 'buyer-1',
      familyName: PERSON.familyName,
      givenName: PERSON.givenName,
      latinFamily: PERSON.latinFamily,
      latinGiven: PERSON.latinGiven,
      nameScript: 'ja',
      emails: [PERSON.email],
      phones: [{ e164: PERSON.phone, kind: 'mobile' }],
      messengers: [{ channel: 'LINE', handle: PERSON.line, preferred: true }],
      notes: 'Met at FOODEX',
    },
    at,
  );
}

/** Every row of every HQ table, as text. */
export async function everything(hq: HqDatabase): Promise<string> {
  const tables = await hq.db.introspection.getTables();
  const out: string[] = [];
  for (const t of tables) {
    const rows = await hq.db
      .selectFrom(t.name as 'records')
      .selectAll()
      .execute();
    out.push(`${t.name}: ${JSON.stringify(rows)}`);
  }
  return out.join('\n');
}
