import { describe, expect, it } from 'vitest';
import { generateDemoData as crmDemo } from '@shared/crm/demo';
import { generateDemoData as bookingsDemo } from '@shared/bookings/demo';
import { SEED_OFFICES } from '@shared/offices/seed';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';

/** Fields HQ would refuse in `record` of `table` (what a push of the whole record checks). */
function refusedFields(table: string, record: object): string[] {
  const schemas = DEFAULT_TABLE_REGISTRY.get(table)!.fields!;
  return Object.entries(record)
    .filter(([f, v]) => v !== null && v !== undefined && Object.hasOwn(schemas, f))
    .filter(([f, v]) => !schemas[f]!.safeParse(v).success)
    .map(([f]) => f);
}

describe('HQ field checks derived from the domain schemas', () => {
  it.each(SEED_OFFICES.filter((o) => o.kind === 'overseas').map((o) => [o.id, o] as const))(
    '%s: every field of the demo records passes (no false refusal)',
    (_, office) => {
      const crm = crmDemo({ office, buyers: 30, talks: 60 });
      const bookings = bookingsDemo({ officeId: office.id, bookings: 60 });
      const cases: Array<[string, readonly object[]]> = [
        ['buyers', crm.buyers],
        ['contacts', crm.contacts],
        ['smeFirms', crm.smeFirms],
        ['tradeTalks', crm.talks],
        ['interpreters', bookings.interpreters],
        ['drivers', bookings.drivers],
        ['vehicles', bookings.vehicles],
        ['interpreterBookings', bookings.bookings.filter((b) => b.kind === 'interpreter')],
        ['vehicleTrips', bookings.bookings.filter((b) => b.kind === 'vehicle')],
      ];
      for (const [table, records] of cases) {
        expect(records.length, table).toBeGreaterThan(0);
        for (const r of records) expect(refusedFields(table, r), table).toEqual([]);
      }
    },
  );

  it('checks fields only: id and officeId belong to sync', () => {
    for (const table of DEFAULT_TABLE_REGISTRY.tables) {
      expect(Object.keys(table.fields ?? {}), table.name).not.toContain('id');
      expect(Object.keys(table.fields ?? {}), table.name).not.toContain('officeId');
    }
  });
});
