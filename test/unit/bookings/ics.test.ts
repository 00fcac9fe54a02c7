// The export must not depend on the host zone: run this file in a zone that is
// neither UTC nor any office zone, and prove it took effect below.
process.env.TZ = 'Pacific/Auckland';

import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { toIcs } from '@shared/bookings/ics';
import { directoryOf } from '@shared/bookings/people';
import { expandOccurrences } from '@shared/bookings/recurrence';
import type { Booking } from '@shared/bookings/schemas';
import { buildVTimezone, offsetTransitions } from '@shared/bookings/vtimezone';
import { LA, ib, trip, van } from './helpers';

interface ParsedEvent {
  uid: string;
  status: string;
  tzid: string | null;
  starts: string[];
  ends: string[];
}

function parse(text: string, horizonEnd: string): ParsedEvent[] {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(vtz);
  }
  return root.getAllSubcomponents('vevent').map((comp) => {
    const event = new ICAL.Event(comp);
    const starts: string[] = [];
    const ends: string[] = [];
    const duration = event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime();
    if (event.isRecurring()) {
      const it = event.iterator();
      for (let next = it.next(); next; next = it.next()) {
        const ms = next.toJSDate().getTime();
        if (ms >= Date.parse(horizonEnd)) break;
        starts.push(new Date(ms).toISOString());
        ends.push(new Date(ms + duration).toISOString());
      }
    } else {
      starts.push(event.startDate.toJSDate().toISOString());
      ends.push(event.endDate.toJSDate().toISOString());
    }
    const tzid = comp.getFirstProperty('dtstart')?.getParameter('tzid');
    return {
      uid: event.uid,
      status: String(comp.getFirstPropertyValue('status')),
      tzid: typeof tzid === 'string' ? tzid : null,
      starts,
      ends,
    };
  });
}

const HORIZON_END = '2026-12-31T00:00:00Z';

const bookings: Booking[] = [
  // LA on both DST days, around the transitions.
  ib('spring-before', '2025-03-09T09:00:00Z', '2025-03-09T09:45:00Z'), // 01:00-01:45 PST
  ib('spring-after', '2025-03-09T10:00:00Z', '2025-03-09T11:00:00Z'), // 03:00-04:00 PDT
  ib('fall-first', '2025-11-02T08:30:00Z', '2025-11-02T08:50:00Z', { status: 'tentative' }), // 01:30 PDT
  ib('fall-second', '2025-11-02T09:30:00Z', '2025-11-02T09:50:00Z', { status: 'cancelled' }), // 01:30 PST
  ib('fall-day', '2025-11-02T17:00:00Z', '2025-11-03T01:00:00Z'),
  // Weekly Sunday 09:00 LA series across both DST changes, with an EXDATE.
  ib('weekly', '2025-03-02T17:00:00Z', '2025-03-02T18:30:00Z', {
    recurrence: {
      freq: 'weekly',
      interval: 1,
      until: '2025-11-16T17:00:00.000Z',
      timeZone: LA,
      exdates: ['2025-03-16T16:00:00.000Z'],
    },
  }),
  // Open-ended daily series on weekdays (covered until the horizon).
  ib('weekdays', '2025-10-27T15:30:00Z', '2025-10-27T16:00:00Z', {
    interpreterId: 'int-2',
    recurrence: {
      freq: 'weekly',
      interval: 1,
      byWeekday: ['MO', 'WE', 'FR'],
      count: 12,
      timeZone: LA,
      exdates: [],
    },
  }),
  trip('van', '2025-11-02T16:00:00Z', '2025-11-02T18:00:00Z', {
    pickUp: { address: '123 Main St; Suite 4, Los Angeles' },
    notes: 'Line one\nLine two, with comma',
  }),
];

describe('toIcs', () => {
  it('runs under a host zone different from every office zone', () => {
    expect(new Date(2025, 0, 15, 12).getTimezoneOffset()).toBe(-780); // NZDT
  });

  it('round-trips every instant through ical.js, including LA DST days and series', () => {
    const text = toIcs(bookings, {
      zone: LA,
      calendarName: 'LA interpreters',
      stamp: '2025-01-01T00:00:00Z',
    });
    const events = parse(text, HORIZON_END);
    expect(events).toHaveLength(bookings.length);
    for (const booking of bookings) {
      const event = events.find((e) => e.uid === `${booking.id}@bridgehead`);
      expect(event, booking.id).toBeDefined();
      // Bookings in the repeated 01:00-02:00 hour are written in UTC (a TZID wall time is ambiguous there).
      expect(event!.tzid).toBe(
        booking.id.startsWith('fall-') && booking.id !== 'fall-day' ? null : LA,
      );
      const expected = expandOccurrences(booking, { to: HORIZON_END });
      expect(event!.starts, booking.id).toEqual(
        expected.map((o) => new Date(o.start).toISOString()),
      );
      expect(event!.ends, booking.id).toEqual(expected.map((o) => new Date(o.end).toISOString()));
      expect(event!.status).toBe(booking.status.toUpperCase());
    }
    // The series really spans both transitions at 09:00 local and skips the EXDATE.
    const weekly = events.find((e) => e.uid === 'weekly@bridgehead')!;
    expect(weekly.starts).toContain('2025-03-09T16:00:00.000Z');
    expect(weekly.starts).not.toContain('2025-03-16T16:00:00.000Z');
    expect(weekly.starts).toContain('2025-11-02T17:00:00.000Z');
    expect(weekly.starts).toHaveLength(38 - 1); // Mar 2 .. Nov 16 inclusive, minus the EXDATE
  });

  it('writes TZID wall times, UTC UNTIL, EXDATE with TZID and escapes text', () => {
    const text = toIcs(bookings, { zone: LA, calendarName: 'LA', stamp: '2025-01-01T00:00:00Z' });
    expect(text).toContain('DTSTART;TZID=America/Los_Angeles:20250302T090000');
    expect(text).toContain('RRULE:FREQ=WEEKLY;UNTIL=20251116T170000Z;WKST=MO');
    expect(text).toContain('EXDATE;TZID=America/Los_Angeles:20250316T090000');
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:America/Los_Angeles');
    expect(text).toContain('LOCATION:123 Main St\\; Suite 4\\, Los Angeles');
    expect(text).toContain('Line one\\nLine two\\, with comma');
    // Byte-stable for the same input (UID and DTSTAMP fixed).
    expect(toIcs(bookings, { zone: LA, calendarName: 'LA', stamp: '2025-01-01T00:00:00Z' })).toBe(
      text,
    );
  });

  it('exports offices without DST (Tokyo) and names in the reader script', () => {
    const tokyo: Booking = {
      ...ib('tk', '2025-06-01T00:00:00Z', '2025-06-01T02:00:00Z'),
      officeId: 'tokyo',
      timeZone: 'Asia/Tokyo',
    };
    const people = directoryOf({
      interpreters: [
        {
          id: 'int-1',
          officeId: 'tokyo',
          name: { native: '山田 花子', latin: 'YAMADA Hanako', script: 'japanese' },
          languagePairs: ['ko-ja'],
          messengers: [],
          active: true,
        },
      ],
      vehicles: [van],
    });
    const ja = toIcs([tokyo], { zone: 'Asia/Tokyo', calendarName: '東京', language: 'ja', people });
    const ko = toIcs([tokyo], { zone: 'Asia/Tokyo', calendarName: '도쿄', language: 'ko', people });
    expect(ja).toContain('DTSTART;TZID=Asia/Tokyo:20250601T090000');
    expect(ja).toContain('SUMMARY:山田 花子 · trade-talk');
    expect(ko).toContain('SUMMARY:YAMADA Hanako · trade-talk');
    const [event] = parse(ja, HORIZON_END);
    expect(event?.starts).toEqual(['2025-06-01T00:00:00.000Z']);
  });
});

describe('buildVTimezone', () => {
  it('lists the real LA transitions of 2025 at 02:00 local', () => {
    const t = offsetTransitions(
      LA,
      Date.parse('2025-01-01T00:00:00Z'),
      Date.parse('2026-01-01T00:00:00Z'),
    );
    expect(t.map((x) => [new Date(x.at).toISOString(), x.offsetFrom, x.offsetTo])).toEqual([
      ['2025-03-09T10:00:00.000Z', -480, -420],
      ['2025-11-02T09:00:00.000Z', -420, -480],
    ]);
    const text = buildVTimezone(LA, {
      from: Date.parse('2025-01-01T00:00:00Z'),
      to: Date.parse('2026-01-01T00:00:00Z'),
    });
    expect(text).toContain(
      'BEGIN:DAYLIGHT\r\nDTSTART:20250309T020000\r\nTZOFFSETFROM:-0800\r\nTZOFFSETTO:-0700',
    );
    expect(text).toContain(
      'BEGIN:STANDARD\r\nDTSTART:20251102T020000\r\nTZOFFSETFROM:-0700\r\nTZOFFSETTO:-0800',
    );
  });
});
