import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES } from '@shared/i18n/languages';
import { formatAmountText } from '../../../src-renderer/src/ui/amount-text';
import {
  draftToRow,
  parseRate,
  monthsOf,
  ratesText,
} from '../../../src-renderer/src/features/hq/rates/fx-rows';
import {
  change,
  changeText,
  defaultPeriod,
  formatMonthRange,
  isFieldOffice,
  isPartialPeriod,
  periodFromParams,
  isBehind,
  totalsByMonth,
  totalsByOffice,
} from '../../../src-renderer/src/features/hq/dashboard/report-model';
import { codeStatus } from '../../../src-renderer/src/features/hq/admin/EnrollmentCodesScreen';
import type { OfficeMonthRow } from '@shared/reports/api';
import { navKeyOf } from '../../../src-renderer/src/screens/registry';

describe('exchange-rate input', () => {
  it('keeps exact decimals and refuses what is not a positive rate', () => {
    expect(parseRate('1,385.50')).toEqual({ value: '1385.5' });
    expect(parseRate(' 007.250 ')).toEqual({ value: '7.25' });
    expect(parseRate('26 300')).toEqual({ value: '26300' });
    expect(parseRate('0.00000001')).toEqual({ value: '0.00000001' });
    expect(parseRate('')).toEqual({ error: 'required' });
    expect(parseRate('1385,5.1')).toEqual({ value: '13855.1' });
    expect(parseRate('1e3')).toEqual({ error: 'format' });
    expect(parseRate('-5')).toEqual({ error: 'format' });
    expect(parseRate('0.000')).toEqual({ error: 'zero' });
    expect(parseRate('1.123456789')).toEqual({ error: 'tooManyDigits' });
    expect(parseRate('1234567890')).toEqual({ error: 'tooManyDigits' });
  });

  it("shows the change history grouped as amounts are, in the reader's language (issue 16)", () => {
    const row = {
      id: '2026-03',
      month: '2026-03',
      perUsd: { KRW: '1450', JPY: '149.5', CNY: '7.1', VND: '25548.25' },
    };
    expect(ratesText(row, 'en')).toBe('KRW 1,450 · JPY 149.5 · CNY 7.1 · VND 25,548.25');
    expect(ratesText(row, 'vi')).toBe('KRW 1.450 · JPY 149,5 · CNY 7,1 · VND 25.548,25');
    expect(ratesText(null, 'en')).toBe('–');
  });

  it.each(SUPPORTED_LANGUAGES)(
    "%s: the rate editor's help shows its example as the input writes it (vi: 1.385,5)",
    (language) => {
      const help = (
        JSON.parse(readFileSync(`locales/${language}/hq.json`, 'utf8')) as {
          rates: { editHelp: string };
        }
      ).rates.editHelp;
      expect(help).toContain(formatAmountText('1385.5', language));
    },
  );

  it('turns a month edit into one row, or field errors and no row', () => {
    const ok = draftToRow({
      month: '2026-03',
      rates: { KRW: '1,400', JPY: '140', CNY: '7.1', VND: '25,000' },
      note: ' monthly average ',
    });
    expect(ok).toEqual({
      row: {
        id: '2026-03',
        month: '2026-03',
        perUsd: { KRW: '1400', JPY: '140', CNY: '7.1', VND: '25000' },
        note: 'monthly average',
      },
    });
    const bad = draftToRow({
      month: '2026-13',
      rates: { KRW: 'x', JPY: '1' },
      note: 'n'.repeat(1001),
    });
    expect(bad).toEqual({
      errors: {
        month: 'format',
        KRW: 'format',
        CNY: 'required',
        VND: 'required',
        note: 'noteTooLong',
      },
    });
    expect(monthsOf(2026)[0]).toBe('2026-01');
    expect(monthsOf(2026)).toHaveLength(12);
  });
});

const money = (krw: number) => ({ usdMinor: krw / 10, krwMinor: krw, original: [], talks: 1 });
const row = (officeId: string, month: string, krw: number): OfficeMonthRow => ({
  officeId,
  month,
  buyersMet: 1,
  talksHeld: 2,
  negotiated: money(krw * 2),
  contracted: money(krw),
  actualExports: money(0),
  smeFirmsHelped: 1,
});

describe('dashboard model', () => {
  it('picks the last three FULL months in the viewer zone (like for like) and compares periods', () => {
    // 2026-03-01 00:30 in Seoul is still February in UTC.
    const t = Date.UTC(2026, 1, 28, 15, 30);
    expect(defaultPeriod(t, 'Asia/Seoul')).toEqual({ from: '2025-12', to: '2026-02' });
    expect(defaultPeriod(t, 'UTC')).toEqual({ from: '2025-11', to: '2026-01' });
    // The old default ran into the current month: a week of it against a whole quarter.
    expect(isPartialPeriod(defaultPeriod(t, 'Asia/Seoul'), t, 'Asia/Seoul')).toBe(false);
    expect(isPartialPeriod({ from: '2026-01', to: '2026-03' }, t, 'Asia/Seoul')).toBe(true);
    expect(change(150, 100)).toBe(0.5);
    expect(change(5, 0)).toBeNull();
  });

  it('reads a change from nothing as new, not as "–" (issue 16: 0 → 1 on the one-pager)', () => {
    expect(changeText(1, 0, 'en', 'New')).toBe('New');
    expect(changeText(0, 0, 'en', 'New')).toBe('0%');
    expect(changeText(150, 100, 'en', 'New')).toBe('+50%');
    expect(changeText(50, 100, 'ko', '신규')).toBe('-50%');
  });

  it("highlights HQ's Personal data, not Buyers, on a contact's data page at HQ", () => {
    const page = '/buyers/b-1/contacts/c-1/personal-data';
    expect(navKeyOf(page, true)).toBe('hq-subjects');
    expect(navKeyOf(page, false)).toBe('buyers');
    expect(navKeyOf('/buyers/b-1', true)).toBe('buyers');
    expect(navKeyOf('/hq-offices/tokyo', true)).toBe('hq-offices');
  });

  it('adds office × month rows up per office and per month, empty months included', () => {
    const rows = [
      row('tokyo', '2026-01', 100),
      row('tokyo', '2026-03', 50),
      row('shanghai', '2026-01', 300),
    ];
    expect(totalsByOffice(rows, 'KRW')).toEqual([
      { officeId: 'shanghai', talksHeld: 2, negotiated: 600, contracted: 300, actualExports: 0 },
      { officeId: 'tokyo', talksHeld: 4, negotiated: 300, contracted: 150, actualExports: 0 },
    ]);
    expect(totalsByOffice(rows, 'USD')[0]!.contracted).toBe(30);
    expect(
      totalsByMonth(rows, { from: '2026-01', to: '2026-03' }, 'KRW').map((m) => [
        m.month,
        m.contracted,
      ]),
    ).toEqual([
      ['2026-01', 400],
      ['2026-02', 0],
      ['2026-03', 50],
    ]);
  });

  it('flags offices not heard from and code states', () => {
    const now = Date.UTC(2026, 5, 10);
    expect(isBehind(null, now)).toBe(true);
    expect(isBehind(now - 3600_000, now)).toBe(false);
    expect(isBehind(now - 4 * 86_400_000, now)).toBe(true);
    const code = {
      officeId: 'tokyo',
      createdAt: now - 10,
      expiresAt: now + 10,
      usedAt: null,
      deviceId: null,
    };
    expect(codeStatus(code, now)).toBe('open');
    expect(codeStatus({ ...code, expiresAt: now }, now)).toBe('expired');
    expect(codeStatus({ ...code, usedAt: now - 1, deviceId: 'd' }, now)).toBe('used');
  });

  it('reads a period from a link, refusing what the server would', () => {
    expect(periodFromParams('2026-09', '2026-11')).toEqual({ from: '2026-09', to: '2026-11' });
    expect(periodFromParams('2026-11', '2026-09')).toBeNull();
    expect(periodFromParams('2026-13', '2026-14')).toBeNull();
    expect(periodFromParams('2000-01', '2026-01')).toBeNull();
    expect(periodFromParams(null, '2026-01')).toBeNull();
  });

  it('names the compared months in words, in the UI language', () => {
    const p = { from: '2026-09', to: '2026-11' };
    // Intl puts thin spaces around the dash.
    expect(formatMonthRange(p, 'en').replace(/\s/g, ' ')).toBe('September – November 2026');
    expect(formatMonthRange(p, 'ja')).toBe('2026年9月～2026年11月');
    expect(formatMonthRange(p, 'zh-CN')).toBe('2026年9月至2026年11月');
    expect(formatMonthRange({ from: '2026-12', to: '2026-12' }, 'en')).toBe('December 2026');
  });

  it('never counts HQ among the offices in the field', () => {
    expect(isFieldOffice('hq')).toBe(false);
    expect(isFieldOffice('tokyo')).toBe(true);
  });
});
