import dayjs, { type Dayjs } from 'dayjs';
import { DateTime } from 'luxon';
import type { Booking } from '@shared/bookings';
import { valuesOf, type BookingFormValues } from '../../model/candidate';
import type { BookingsContext } from '../../model/use-bookings';

/** The drawer's form values: what it opens with, and the antd date fields <-> plain dates. */

export type DrawerTarget =
  | { mode: 'create'; kind: Booking['kind']; resourceId?: string; start?: number; end?: number }
  | { mode: 'edit'; bookingId: string; occurrenceStart?: number };

export type Scope = 'this' | 'following' | 'all';

export interface Option {
  value: string;
  label: string;
}

/** Form values with the antd date fields as dayjs objects. */
export type FieldValues = Omit<BookingFormValues, 'date' | 'until'> & {
  date?: Dayjs;
  until?: Dayjs;
  scope?: Scope;
};

export const toDay = (s?: string) => (s ? dayjs(s, 'YYYY-MM-DD') : undefined);
export const fromDay = (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined);

export function plainValues(values: FieldValues): BookingFormValues {
  return { ...values, date: fromDay(values.date), until: fromDay(values.until) };
}

/** Form values for a new drawer: the booking being edited, or a prefilled new one. */
export function initialValuesOf(target: DrawerTarget | null, ctx: BookingsContext): FieldValues {
  const { data, officeZone } = ctx;
  if (target?.mode === 'edit') {
    const booking = data.byId.get(target.bookingId);
    if (booking) {
      const v = valuesOf(booking, officeZone, target.occurrenceStart);
      return {
        ...v,
        date: toDay(v.date),
        until: toDay(v.until),
        ...(booking.recurrence ? { scope: 'this' as const } : {}),
      };
    }
  }
  const create = target?.mode === 'create' ? target : undefined;
  const start = create?.start ?? Date.now();
  const end = create?.end ?? start + 3_600_000;
  const s = DateTime.fromMillis(start, { zone: officeZone });
  const e = DateTime.fromMillis(end, { zone: officeZone });
  const vehicle = create?.resourceId ? data.index.vehicles.get(create.resourceId) : undefined;
  return {
    resourceId: create?.resourceId,
    driverId: vehicle?.defaultDriverId ?? '',
    date: toDay(s.toFormat('yyyy-MM-dd')),
    startTime: s.toFormat('HH:mm'),
    endTime: e.toFormat('HH:mm'),
    endsNextDay: e.toFormat('yyyy-MM-dd') !== s.toFormat('yyyy-MM-dd'),
    purpose: 'trade-talk',
    status: 'confirmed',
    requesterKind: 'none',
    passengers: 1,
    passengerNames: [],
    repeat: 'none',
    interval: 1,
    repeatEnd: 'count',
    count: 4,
    weekdays: [],
  };
}
