// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import ExcelJS from 'exceljs';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import {
  REPORT_PATHS,
  breakdownResponseSchema,
  headlineResponseSchema,
  missionsResponseSchema,
  officeMonthsResponseSchema,
  topSmesResponseSchema,
  utilizationResponseSchema,
} from '@shared/reports/api';
import { sqliteBackend, startServer, type TestServer } from '../hq/harness';
import { clearHqQueryCache } from '../../../src-renderer/src/features/hq/api/use-hq';
import { createHqClient } from '../../../src-renderer/src/features/hq/api/hq-client';
import { buildReportWorkbook } from '../../../src-renderer/src/features/hq/dashboard/export-xlsx';
import { defaultPeriod } from '../../../src-renderer/src/features/hq/dashboard/report-model';
import { HQ_URL, injectFetch, renderEnrolled } from './render-hq';
import { EXPECTED, officePush, ratesPush } from './fixtures';

describe('HQ dashboard against the real report server (in-process)', { timeout: 90_000 }, () => {
  let env: Awaited<ReturnType<typeof sqliteBackend.open>>;
  let server: TestServer;
  const disposers: (() => Promise<void>)[] = [];
  let hqDevice: { auth: string; deviceId: string };

  beforeEach(async () => {
    clearHqQueryCache();
    env = await sqliteBackend.open();
    server = await startServer(env.hq, { registry: DEFAULT_TABLE_REGISTRY });
    const now = Date.now();
    hqDevice = await server.enroll(null, 'Changwon desk');
    expect(
      (await server.post('/v1/push', hqDevice.auth, ratesPush(now, 'a'.repeat(16)))).status,
    ).toBe(200);
    for (const office of ['tokyo', 'shanghai'] as const) {
      const device = await server.enroll(office, `${office} laptop`);
      const res = await server.post(
        '/v1/push',
        device.auth,
        officePush(office, now, office === 'tokyo' ? 'b'.repeat(16) : 'c'.repeat(16)),
      );
      expect(res.status, JSON.stringify(res.json)).toBe(200);
    }
  });
  afterEach(async () => {
    cleanup();
    for (const d of disposers.splice(0)) await d();
    await server.app.close();
    await env.cleanup();
  });

  it('shows the province totals, per office, the freshness, and drills down to the talks', async () => {
    const app = await renderEnrolled({
      path: '/hq-dashboard',
      fetch: injectFetch(() => server.app),
      enrollment: {
        deviceId: hqDevice.deviceId,
        credential: hqDevice.auth.slice(7),
        officeId: null,
      },
    });
    disposers.push(app.dispose);
    const figures = await screen.findByTestId('hq-figures', {}, { timeout: 20_000 });
    const value = (key: string) =>
      within(figures).getByTestId(`hq-figure-${key}`).querySelector('.ant-statistic-content')!
        .textContent;
    expect(value('talksHeld')).toBe('2');
    expect(value('buyersMet')).toBe('2');
    expect(value('smeFirmsHelped')).toBe('1');
    expect(value('contracted')).toBe('₩250,000,000');
    expect(value('negotiated')).toBe('₩500,000,000');

    const officeTable = await screen.findByTestId('hq-office-table');
    await waitFor(() => expect(within(officeTable).getAllByRole('row')).toHaveLength(3));
    const tokyo = within(officeTable).getByRole('row', { name: /Tokyo Office/ });
    expect(tokyo.textContent).toContain('₩150,000,000');
    expect(screen.getByTestId('hq-fresh-tokyo').textContent).toMatch(/Tokyo Office: synced/);
    expect(screen.getByTestId('hq-fresh-chengdu').textContent).toContain('never synced');
    // HQ is not an office in the field: not among the offices' freshness.
    expect(screen.queryByTestId('hq-fresh-hq')).toBeNull();
    // The default compares like for like, and says so in words.
    expect(screen.getByTestId('hq-period-label').textContent).toMatch(
      /^[A-Z][a-z]+(\s\d{4})?\s–\s[A-Z][a-z]+ \d{4} \(/,
    );
    expect(screen.getByTestId('hq-period-label').textContent).toContain(
      '(3 full months), compared with the 3 months before',
    );
    // Wide tables scroll in a focusable, named region (axe scrollable-region-focusable).
    const region = within(officeTable.closest('[role="region"]') as HTMLElement);
    expect(officeTable.closest('[role="region"]')?.getAttribute('tabindex')).toBe('0');
    expect(region.getByTestId('hq-office-table')).toBeTruthy();
    expect(screen.getByTestId('hq-rates-used').textContent).toContain('1,400');

    const user = userEvent.setup({ delay: null });
    await user.click(within(screen.getByTestId('hq-currency')).getByText('USD'));
    await waitFor(() => expect(value('contracted')).toBe('$178,571.43'), { timeout: 10_000 });

    // The figure button is named by its visible text (axe label-content-name-mismatch).
    const contractButton = screen.getByRole('button', { name: /^Contract amount\s*\$178,571.43/ });
    expect(contractButton.getAttribute('aria-label')).toBeNull();
    expect(contractButton.getAttribute('aria-describedby')).toBe('hq-drill-hint');
    await user.click(contractButton);
    const drawer = await screen.findByTestId('hq-drill');
    // An English reader reads the buyers' Latin names first, the native ones beside them.
    await within(drawer).findByText('Yamada Shoji');
    expect(drawer.textContent).toContain('Yamada Shoji (株式会社山田商事)');
    expect(drawer.textContent).toContain('Shanghai Pudong Trading (上海浦东贸易有限公司)');
  });

  it('exports the reports to XLSX with headers in the user language and exact figures', async () => {
    const client = createHqClient({
      baseUrl: HQ_URL,
      credential: hqDevice.auth.slice(7),
      fetch: injectFetch(() => server.app),
    });
    const period = defaultPeriod(Date.now(), 'Asia/Seoul');
    const q = { ...period, currency: 'KRW' as const };
    const bundle = {
      headline: await client.post(REPORT_PATHS.headline, headlineResponseSchema, q),
      officeMonths: await client.post(REPORT_PATHS.officeMonths, officeMonthsResponseSchema, q),
      byIndustry: await client.post(REPORT_PATHS.byIndustry, breakdownResponseSchema, q),
      byCountry: await client.post(REPORT_PATHS.byCountry, breakdownResponseSchema, q),
      topSmes: await client.post(REPORT_PATHS.topSmes, topSmesResponseSchema, q),
      utilization: await client.post(REPORT_PATHS.utilization, utilizationResponseSchema, q),
      missions: await client.post(REPORT_PATHS.missions, missionsResponseSchema, q),
    };
    // A mission of the period as HQ reports it (the office pushes above hold none).
    const money = (krwMinor: number, talks: number) => ({
      usdMinor: Math.round(krwMinor / 14),
      krwMinor,
      original: [],
      talks,
    });
    bundle.missions.rows.push({
      officeId: 'tokyo',
      missionId: 'mission-1',
      name: '경남 식품 무역사절단',
      kind: 'trade-mission',
      status: 'done',
      arrival: '2025-06-10',
      departure: '2025-06-12',
      meetingsPlanned: 12,
      meetingsHeld: 9,
      buyersMet: 8,
      talksHeld: 9,
      smeFirmsHelped: 3,
      negotiated: money(45_000_000, 6),
      contracted: money(12_000_000, 2),
      actualExports: money(0, 0),
      interpreterHours: 21.5,
      vehicleHours: 30,
    });
    const { createI18n } = await import('../../../src-renderer/src/i18n');
    const i18n = await createI18n({ language: 'ko' });
    const bytes = await buildReportWorkbook(bundle, 'KRW', {
      t: (k, o) => i18n.t(`hq:${k}`, o ?? {}),
      officeName: (id) => ({ tokyo: '도쿄 사무소', shanghai: '상하이 사무소' })[id] ?? id,
      industryName: (c) => c,
      countryName: (c) => c,
      missionStatus: (status) => i18n.t(`missions:status.${status}`),
      dateTime: (ms) => new Date(ms).toISOString(),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '요약',
      '사무소별 월별',
      '업종별',
      '바이어 국가별',
      '상위 수출 중소기업',
      '가동률',
      '무역사절단',
      '동기화 시점',
      '환율',
    ]);
    const summary = wb.getWorksheet('요약')!;
    const rowOf = (label: string) => {
      let found: ExcelJS.Row | undefined;
      summary.eachRow((r) => {
        if (r.getCell(1).value === label) found = r;
      });
      return found!;
    };
    expect(rowOf('수출상담 건수').getCell(2).value).toBe(EXPECTED.talksHeld);
    expect(rowOf('지원 수출 중소기업 수').getCell(2).value).toBe(EXPECTED.smeFirmsHelped);
    expect(rowOf('계약액 (KRW)').getCell(2).value).toBe(EXPECTED.contractKrw);
    const offices = wb.getWorksheet('사무소별 월별')!;
    expect(offices.getRow(1).getCell(6).value).toBe('계약액 (KRW)');
    const byOffice = new Map<string, number>();
    offices.eachRow((r, n) => {
      if (n > 1) byOffice.set(String(r.getCell(1).value), Number(r.getCell(6).value));
    });
    // The period's trade missions, one row each, money in the view currency.
    const missions = wb.getWorksheet('무역사절단')!;
    expect(missions.getRow(1).values).toEqual([
      undefined,
      '무역사절단',
      '사무소',
      '도착일',
      '출발일',
      '상태',
      '확정된 상담',
      '진행한 상담',
      '상담 바이어 수',
      '수출상담 건수',
      '지원 수출 중소기업 수',
      '상담액 (KRW)',
      '계약액 (KRW)',
      '실제 수출액 (KRW)',
      '통역 시간',
      '차량 운행 시간',
    ]);
    expect(missions.getRow(2).values).toEqual([
      undefined,
      '경남 식품 무역사절단',
      '도쿄 사무소',
      '2025-06-10',
      '2025-06-12',
      '완료',
      12,
      9,
      8,
      9,
      3,
      45_000_000,
      12_000_000,
      0,
      21.5,
      30,
    ]);
    expect(byOffice).toEqual(
      new Map([
        ['상하이 사무소', EXPECTED.shanghaiContractKrw],
        ['도쿄 사무소', EXPECTED.tokyoContractKrw],
      ]),
    );
  });
});
