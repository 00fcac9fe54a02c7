import { describe, expect, it } from 'vitest';
import { parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js/max';
import { generateDemoData } from '@shared/bookings/demo';
import {
  driverSchema,
  interpreterBookingSchema,
  interpreterSchema,
  vehicleSchema,
  vehicleTripSchema,
} from '@shared/bookings/schemas';
import { detectConflicts } from '@shared/bookings/sync-conflicts';

describe('generateDemoData', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = generateDemoData({ seed: 1, bookings: 50 });
    expect(generateDemoData({ seed: 1, bookings: 50 })).toEqual(a);
    expect(generateDemoData({ seed: 2, bookings: 50 }).bookings).not.toEqual(a.bookings);
  });

  it.each(['losangeles', 'tokyo', 'shanghai', 'hochiminh', 'hq'])(
    '%s: 14 interpreters, 5 vehicles, valid records, no overlaps per resource',
    (officeId) => {
      const data = generateDemoData({ officeId, bookings: 400 });
      expect(data.interpreters).toHaveLength(14);
      expect(data.vehicles).toHaveLength(5);
      for (const x of data.interpreters) expect(interpreterSchema.safeParse(x).success).toBe(true);
      for (const x of data.drivers) expect(driverSchema.safeParse(x).success).toBe(true);
      for (const x of data.vehicles) expect(vehicleSchema.safeParse(x).success).toBe(true);
      for (const b of data.bookings) {
        const schema = b.kind === 'interpreter' ? interpreterBookingSchema : vehicleTripSchema;
        const parsed = schema.safeParse(b);
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
        if (b.kind === 'vehicle') {
          const seats = data.vehicles.find((v) => v.id === b.vehicleId)!.seats;
          expect(b.passengers).toBeLessThanOrEqual(seats);
        }
      }
      const horizon = { from: '2024-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' };
      expect(detectConflicts(data.bookings, { horizon, vehicles: data.vehicles })).toEqual([]);
    },
  );

  it('writes names in the office script', () => {
    const tokyo = generateDemoData({ officeId: 'tokyo', bookings: 1 });
    const localInterpreter = tokyo.interpreters[1]!;
    expect(localInterpreter.name.script).toBe('japanese');
    expect(localInterpreter.name.native).toMatch(/^\p{Script=Han}+ \p{Script=Han}+$/u);
    expect(localInterpreter.name.latin).toMatch(/^[A-Z]+ [A-Z][a-z]+$/);
    const hcmc = generateDemoData({ officeId: 'hochiminh', bookings: 1 });
    for (const d of hcmc.drivers) expect(d.name.latin).toMatch(/^[A-Za-z ]+$/);
  });
});

describe('demo phones', () => {
  it.each(['losangeles', 'tokyo', 'shanghai', 'hochiminh', 'hq'])(
    '%s: every interpreter and driver has a valid mobile number of the office country',
    (officeId) => {
      const data = generateDemoData({ officeId, bookings: 10 });
      const country = data.office.country as CountryCode;
      for (const person of [...data.interpreters, ...data.drivers]) {
        const phone = parsePhoneNumberWithError(person.phone!);
        expect(phone.isValid(), person.phone).toBe(true);
        expect(phone.country, person.phone).toBe(country);
        expect(person.phone).not.toMatch(/^\+99/);
      }
    },
  );
});
