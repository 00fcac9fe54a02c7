import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { generateMission } from '@shared/missions/planner/generate';
import {
  buildProblem,
  greedyPlan,
  itineraryDays,
  itineraryIcs,
  missionOverview,
  type MissionRecords,
} from '@shared/missions';
import { solutionToMeetings } from '../../../src-renderer/src/features/missions/model/plan-records';

/** A Los Angeles mission across the DST change (Sunday 8 March 2026), planned by the greedy baseline. */
function plannedMission(): MissionRecords {
  const records = generateMission({
    seed: 11,
    smes: 3,
    requests: 16,
    days: 3,
    interpreters: 2,
    vans: 1,
    arrival: '2026-03-06',
    timeZone: 'America/Los_Angeles',
  });
  let n = 0;
  const { upserts } = solutionToMeetings(
    records,
    greedyPlan(buildProblem(records)).solution,
    () => `m-${n++}`,
  );
  return { ...records, meetings: upserts };
}

describe('mission itineraries', () => {
  const records = plannedMission();
  const zone = records.mission.timeZone;

  it('gives a firm its own meetings by local day, in time order, with their van legs', () => {
    expect(records.meetings.length).toBeGreaterThan(3);
    const participant = records.participants[0]!;
    const days = itineraryDays(records, { kind: 'sme', participantId: participant.id });
    const stops = days.flatMap((d) => d.stops);
    const own = records.meetings.filter(
      (m) => records.requests.find((r) => r.id === m.requestId)!.participantId === participant.id,
    );
    expect(stops.map((s) => s.meeting.id).sort()).toEqual(own.map((m) => m.id).sort());
    for (const day of days) {
      for (const s of day.stops) {
        // The local date in Los Angeles, whichever side of the DST change.
        expect(DateTime.fromISO(s.meeting.start).setZone(zone).toISODate()).toBe(day.date);
        expect(s.legs).toEqual(
          [...s.meeting.legs].sort((a, b) => Date.parse(a.start) - Date.parse(b.start)),
        );
      }
      const starts = day.stops.map((s) => Date.parse(s.meeting.start));
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    }
    expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort());
  });

  it('gives a buyer only the meetings with that buyer', () => {
    const buyerId = records.requests[0]!.buyerId;
    const stops = itineraryDays(records, { kind: 'buyer', buyerId }).flatMap((d) => d.stops);
    expect(stops.every((s) => s.request.buyerId === buyerId)).toBe(true);
    const expected = records.meetings.filter(
      (m) => records.requests.find((r) => r.id === m.requestId)!.buyerId === buyerId,
    );
    expect(stops).toHaveLength(expected.length);
  });

  it('lays the overview out as every mission day × every firm, each meeting once', () => {
    const { dates, rows } = missionOverview(records);
    expect(dates).toEqual(['2026-03-06', '2026-03-07', '2026-03-08']);
    expect(rows).toHaveLength(records.participants.length);
    const cells = rows.flatMap((r) => [...r.cells.values()].flat());
    expect(cells).toHaveLength(records.meetings.length);
  });

  it('exports an ICS whose events are the meetings at the same instants, with the mission’s zone', () => {
    const days = itineraryDays(records, { kind: 'all' });
    const text = itineraryIcs(days, {
      zone,
      calendarName: 'Itinerary',
      language: 'KO',
      summary: (s) => `수출상담: ${s.request.buyerId}`,
      location: () => '東京都千代田区丸の内1-1',
      description: () => null,
      stamp: '2026-03-01T00:00:00Z',
    });
    const root = new ICAL.Component(ICAL.parse(text));
    for (const vtz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
    const events = root.getAllSubcomponents('vevent').map((c) => ({
      uid: c.getFirstPropertyValue('uid'),
      tzid: c.getFirstProperty('dtstart')?.getParameter('tzid'),
      start: new ICAL.Event(c).startDate.toJSDate().toISOString(),
      end: new ICAL.Event(c).endDate.toJSDate().toISOString(),
    }));
    expect(events).toHaveLength(records.meetings.length);
    for (const m of records.meetings) {
      const e = events.find((x) => x.uid === `${m.id}@bridgehead`)!;
      expect(e.tzid).toBe('America/Los_Angeles');
      expect(e.start).toBe(new Date(m.start).toISOString());
      expect(e.end).toBe(new Date(m.end).toISOString());
    }
    expect(text).toContain('LOCATION:東京都千代田区丸の内1-1');
  });

  it('writes a meeting in the repeated fall-back hour in UTC, so its instant is exact', () => {
    // 1 November 2026, 01:30 happens twice in Los Angeles: this is the first (PDT) one, which
    // a TZID'd wall time would lose (ical.js reads the second).
    const base = records.meetings[0]!;
    const meeting = {
      ...base,
      id: 'm-fallback',
      start: '2026-11-01T08:30:00.000Z',
      end: '2026-11-01T09:15:00.000Z',
    };
    const other = { ...base, id: 'm-plain' };
    const days = itineraryDays({ ...records, meetings: [meeting, other] }, { kind: 'all' });
    const text = itineraryIcs(days, {
      zone,
      calendarName: 'Itinerary',
      language: 'KO',
      summary: () => 'meeting',
      location: () => null,
      description: () => null,
      stamp: '2026-10-01T00:00:00Z',
    });
    const root = new ICAL.Component(ICAL.parse(text));
    for (const vtz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
    const byUid = new Map(
      root.getAllSubcomponents('vevent').map((c) => [String(c.getFirstPropertyValue('uid')), c]),
    );
    const fallback = byUid.get('m-fallback@bridgehead')!;
    expect(fallback.getFirstProperty('dtstart')?.getParameter('tzid')).toBeUndefined();
    expect(new ICAL.Event(fallback).startDate.toJSDate().toISOString()).toBe(meeting.start);
    expect(new ICAL.Event(fallback).endDate.toJSDate().toISOString()).toBe(meeting.end);
    // An ordinary meeting keeps the mission's zone.
    const plain = byUid.get('m-plain@bridgehead')!;
    expect(plain.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('America/Los_Angeles');
  });

  it('generated missions have places named and addressed like real ones', () => {
    for (const timeZone of ['Asia/Tokyo', 'America/Los_Angeles']) {
      const { places } = generateMission({
        seed: 3,
        smes: 4,
        requests: 30,
        days: 2,
        interpreters: 0,
        vans: 0,
        timeZone,
      });
      expect(new Set(places.map((p) => p.name)).size).toBe(places.length);
      for (const p of places) {
        expect(p.name).not.toMatch(/^(buyer-\d+|hotel|office|hall)$/);
        expect(p.address).not.toMatch(/address/);
        expect(p.address).toMatch(timeZone === 'Asia/Tokyo' ? /^東京都/ : /Los Angeles, CA/);
      }
    }
  });
});
