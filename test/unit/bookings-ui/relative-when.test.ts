import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../src-renderer/src/i18n';
import {
  relativeWhen,
  relativeWhenText,
} from '../../../src-renderer/src/features/bookings/model/relative-when';

const zone = 'Asia/Tokyo';
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();

describe('reminder wording (relative time)', () => {
  it('says "later today" for a booking this afternoon, not "tomorrow"', () => {
    // The day-before reminder of a booking made at 09:00 for 15:00 fires at once.
    expect(relativeWhen(at('2026-12-07T15:00'), at('2026-12-07T09:00'), zone)).toEqual({
      kind: 'laterToday',
    });
  });

  it('counts minutes under an hour: 6 minutes away is not "in one hour"', () => {
    expect(relativeWhen(at('2026-12-07T10:06'), at('2026-12-07T10:00'), zone)).toEqual({
      kind: 'minutes',
      count: 6,
    });
    // Partial minutes round up: 5 min 30 s is "in 6 minutes", never "in 5".
    expect(relativeWhen(at('2026-12-07T10:06'), at('2026-12-07T10:00:30'), zone)).toEqual({
      kind: 'minutes',
      count: 6,
    });
    expect(relativeWhen(at('2026-12-07T10:59'), at('2026-12-07T10:00'), zone)).toEqual({
      kind: 'minutes',
      count: 59,
    });
    expect(relativeWhen(at('2026-12-07T10:00:20'), at('2026-12-07T10:00'), zone)).toEqual({
      kind: 'now',
    });
  });

  it('says "tomorrow" by the local calendar day of the zone, not by 24 hours', () => {
    // 23:30 -> 08:00 next day: under 24 hours, and tomorrow.
    expect(relativeWhen(at('2026-12-08T08:00'), at('2026-12-07T23:30'), zone)).toEqual({
      kind: 'tomorrow',
    });
    // 00:30 in Tokyo is still 6 December in Los Angeles: there the next day is "tomorrow".
    const la = 'America/Los_Angeles';
    const start = DateTime.fromISO('2026-12-07T10:00', { zone: la }).toMillis();
    const now = DateTime.fromISO('2026-12-06T20:00', { zone: la }).toMillis();
    expect(relativeWhen(start, now, la)).toEqual({ kind: 'tomorrow' });
    expect(relativeWhen(start, now + 5 * 3_600_000, la)).toEqual({ kind: 'laterToday' });
  });

  it('reads as a sentence in every language', async () => {
    const i18n = await createI18n({ language: 'en' });
    const t = (when: ReturnType<typeof relativeWhen>) => {
      const { key, options } = relativeWhenText(when);
      return i18n.t(`bookings:${key}`, options);
    };
    expect(t({ kind: 'minutes', count: 6 })).toBe('In 6 minutes');
    expect(t({ kind: 'minutes', count: 1 })).toBe('In 1 minute');
    expect(t({ kind: 'laterToday' })).toBe('Later today');
    expect(t({ kind: 'tomorrow' })).toBe('Tomorrow');
    await i18n.changeLanguage('ja');
    expect(t({ kind: 'minutes', count: 6 })).toBe('6分後の予定');
    await i18n.changeLanguage('vi');
    expect(t({ kind: 'laterToday' })).toBe('Lịch trong hôm nay');
  });
});
