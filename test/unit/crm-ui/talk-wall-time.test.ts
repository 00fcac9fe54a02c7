/**
 * The talk form converts its wall time by the shared rule (src-shared/bookings/wallTime.ts):
 * a time the clocks skip is refused with a translated message instead of being moved by an
 * hour, as luxon alone did.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import dayjs from 'dayjs';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { wallToUtc } from '../../../src-renderer/src/features/crm/talks/wall-time';

const at = (date: string, time: string) => [dayjs(date), dayjs(`${date}T${time}`)] as const;

describe('talk form wall time', () => {
  it('stores an ordinary time as the UTC instant, as before', () => {
    expect(wallToUtc(...at('2025-03-10', '09:30'), 'America/Los_Angeles')).toEqual({
      ok: true,
      value: '2025-03-10T16:30:00Z',
    });
    expect(wallToUtc(...at('2025-03-10', '09:30'), 'Asia/Tokyo')).toEqual({
      ok: true,
      value: '2025-03-10T00:30:00Z',
    });
  });

  it('refuses a time in the spring-forward gap instead of moving it', () => {
    // Los Angeles, 9 March 2025: 02:00 jumps to 03:00; luxon alone stored 03:30.
    const res = wallToUtc(...at('2025-03-09', '02:30'), 'America/Los_Angeles');
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('bookings.wall_time_nonexistent');
    expect(res.error.params).toMatchObject({ wallTime: '2025-03-09 02:30' });
  });

  it('reads a fall-back time that occurs twice as its first occurrence', () => {
    // 2 November 2025, 01:30 happens in PDT (08:30Z) and again in PST (09:30Z).
    expect(wallToUtc(...at('2025-11-02', '01:30'), 'America/Los_Angeles')).toEqual({
      ok: true,
      value: '2025-11-02T08:30:00Z',
    });
  });

  it.each(['en', 'ko', 'ja', 'zh-CN', 'vi'])('says so in %s, naming the time', async (lng) => {
    const res = wallToUtc(...at('2025-03-09', '02:30'), 'America/Los_Angeles');
    if (res.ok) throw new Error('expected a refusal');
    const errors = JSON.parse(
      readFileSync(resolve(import.meta.dirname, `../../../locales/${lng}/errors.json`), 'utf8'),
    );
    const i18n = i18next.createInstance();
    await i18n.init({
      lng,
      resources: { [lng]: { errors } },
      interpolation: { escapeValue: false },
    });
    const text = i18n.t(`errors:${res.error.code}`, res.error.params);
    expect(text).toContain('2025-03-09 02:30');
    expect(text).not.toBe(res.error.code);
    if (lng !== 'en') {
      const en = JSON.parse(
        readFileSync(resolve(import.meta.dirname, '../../../locales/en/errors.json'), 'utf8'),
      );
      expect(errors.bookings.wall_time_nonexistent).not.toBe(en.bookings.wall_time_nonexistent);
    }
  });
});
