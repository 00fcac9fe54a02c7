/**
 * HQ dashboard: what the offices achieved in a period of months, compared with the
 * previous period; per office and per month (table + chart); drill-down from a figure to
 * the talks behind it; by industry and buyer country; top SMEs; interpreter and vehicle
 * utilization; freshness per office; the rates used; USD or KRW. Figures are computed on
 * the HQ server (src-hq/reports) and fetched over the device's authenticated connection.
 */
import {
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
  App,
} from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatMoney, formatNumber, intlLocale } from '@shared/format';
import type { Language } from '@shared/i18n/languages';
import {
  REPORT_PATHS,
  breakdownResponseSchema,
  headlineResponseSchema,
  officeMonthsResponseSchema,
  talksResponseSchema,
  topSmesResponseSchema,
  utilizationResponseSchema,
  type BreakdownRow,
  type DrillFigure,
  type HeadlineResponse,
  type OfficeMonthRow,
  type ReportTalkRow,
  type ReportViewCurrency,
  type TopSmeRow,
  type OfficeUtilizationRow,
  type RateUsed,
} from '@shared/reports/api';
import { getBridge } from '../../../platform/bridge';
import { downloadBlob } from '../../crm/io/download';
import { formatRelativeTime } from '../../sync-ui/relative-time';
import { useHqQuery } from '../api/use-hq';
import {
  HqScreen,
  QueryState,
  RefreshButton,
  officeName,
  problemKey,
  useNow,
  useView,
} from '../common';
import { useReportColumns, viewMoney } from './columns';
import { HBarChart, MonthColumns } from './charts';
import { buildReportWorkbook, type ReportBundle } from './export-xlsx';
import {
  COUNT_FIGURES,
  MONEY_FIGURES,
  change,
  defaultPeriod,
  figureValue,
  inCurrency,
  isBehind,
  totalsByMonth,
  totalsByOffice,
  type CountFigureKey,
  type OfficeTotals,
  type MoneyFigureKey,
  type Period,
} from './report-model';

const DRILLABLE = new Set<string>([
  'talksHeld',
  'buyersMet',
  'negotiated',
  'contracted',
  'actualExports',
  'smeFirmsHelped',
]);
/** Headline money figure → drill-down figure name. */
const DRILL_OF: Record<MoneyFigureKey | CountFigureKey, DrillFigure | null> = {
  buyersMet: 'buyersMet',
  talksHeld: 'talksHeld',
  smeFirmsHelped: 'smeFirmsHelped',
  delegationsServed: null,
  negotiated: 'negotiated',
  contracted: 'contracted',
  actualExports: 'actualExports',
};

const HOURS_FIGURES = ['interpreterHours', 'vehicleHours'] as const;

export function DashboardScreen() {
  const { t } = useTranslation('hq');
  return (
    <HqScreen
      testId="screen-hq-dashboard"
      title={t('dashboard.title')}
      subtitle={t('dashboard.subtitle')}
    >
      <Dashboard />
    </HqScreen>
  );
}

function percent(ratio: number | null, language: Language): string {
  if (ratio === null) return '–';
  return new Intl.NumberFormat(intlLocale(language), {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(ratio);
}

interface Query {
  from: string;
  to: string;
  currency: ReportViewCurrency;
  officeIds?: string[];
}

function Dashboard() {
  const { t } = useTranslation(['hq', 'crm', 'errors']);
  const { message } = App.useApp();
  const { language, timeZone } = useView();
  const now = useNow();
  const [period, setPeriod] = useState<Period>(() => defaultPeriod(Date.now(), timeZone));
  const [currency, setCurrency] = useState<ReportViewCurrency>('KRW');
  const [officeFilter, setOfficeFilter] = useState<string[]>([]);
  const [drill, setDrill] = useState<{ figure: DrillFigure; title: string } | null>(null);
  const [onePager, setOnePager] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  const query: Query = {
    from: period.from,
    to: period.to,
    currency,
    ...(officeFilter.length ? { officeIds: [...officeFilter].sort() } : {}),
  };
  // Every amount comes in both USD and KRW: only rankings depend on the view currency.
  const base: Query = { ...query, currency: 'KRW' };
  const key = JSON.stringify(base);
  const rankedKey = JSON.stringify(query);
  const headline = useHqQuery(`report/headline/${key}`, (c) =>
    c.post(REPORT_PATHS.headline, headlineResponseSchema, base),
  );
  const officeMonths = useHqQuery(`report/office-months/${key}`, (c) =>
    c.post(REPORT_PATHS.officeMonths, officeMonthsResponseSchema, base),
  );
  const byIndustry = useHqQuery(`report/industry/${rankedKey}`, (c) =>
    c.post(REPORT_PATHS.byIndustry, breakdownResponseSchema, query),
  );
  const byCountry = useHqQuery(`report/country/${rankedKey}`, (c) =>
    c.post(REPORT_PATHS.byCountry, breakdownResponseSchema, query),
  );
  const topSmes = useHqQuery(`report/top-smes/${rankedKey}`, (c) =>
    c.post(REPORT_PATHS.topSmes, topSmesResponseSchema, { ...query, limit: 10 }),
  );
  const utilization = useHqQuery(`report/utilization/${key}`, (c) =>
    c.post(REPORT_PATHS.utilization, utilizationResponseSchema, base),
  );
  const offices = useHqQuery('admin/offices', (c) => c.offices());
  const all = [headline, officeMonths, byIndustry, byCountry, topSmes, utilization];
  const reloadAll = () => all.forEach((q) => q.reload());
  const loading = all.some((q) => q.loading);

  const nameOf = (id: string) => officeName(id, language, offices.data?.offices, t('common.hq'));
  const regions = useMemo(
    () => new Intl.DisplayNames([intlLocale(language)], { type: 'region' }),
    [language],
  );
  const countryName = (code: string) => {
    try {
      return regions.of(code) ?? code;
    } catch {
      return code;
    }
  };
  const industryName = (code: string) =>
    code === 'unspecified'
      ? t('dashboard.unspecified')
      : t(`crm:industry.${code}`, { defaultValue: code });
  const money = (minor: number) => viewMoney(minor, currency, language);

  const officeChoices = (offices.data?.offices ?? []).map((o) => ({
    value: o.id,
    label: o.names[language] ?? o.id,
  }));

  const exportXlsx = async () => {
    if (!headline.data) return;
    setExporting(true);
    try {
      const bundle: ReportBundle = {
        headline: headline.data,
        officeMonths: officeMonths.data,
        byIndustry: byIndustry.data,
        byCountry: byCountry.data,
        topSmes: topSmes.data,
        utilization: utilization.data,
      };
      const bytes = await buildReportWorkbook(bundle, currency, {
        t: (k, o) => t(`hq:${k}`, o ?? {}),
        officeName: nameOf,
        industryName,
        countryName,
        dateTime: (ms) => formatDateTime(ms, timeZone, language),
      });
      downloadBlob(
        bytes,
        `bridgehead-report-${period.from}-${period.to}-${currency}.xlsx`,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
    } catch (error) {
      void message.error(t(problemKey(error)));
    } finally {
      setExporting(false);
    }
  };

  const h = headline.data;
  return (
    <Space
      orientation="vertical"
      size="middle"
      style={{ width: '100%' }}
      className="bh-hq-dashboard"
    >
      <Card className="bh-hq-noprint">
        <Space wrap size="middle" align="end">
          <label className="bh-hq-field">
            <span>{t('dashboard.period')}</span>
            <DatePicker.RangePicker
              picker="month"
              allowClear={false}
              value={[dayjs(`${period.from}-01`), dayjs(`${period.to}-01`)]}
              onChange={(v) => {
                if (v?.[0] && v[1]) {
                  setPeriod({ from: v[0].format('YYYY-MM'), to: v[1].format('YYYY-MM') });
                }
              }}
              aria-label={t('dashboard.period')}
              data-testid="hq-period"
            />
          </label>
          <label className="bh-hq-field">
            <span>{t('dashboard.offices')}</span>
            <Select<string[]>
              mode="multiple"
              allowClear
              style={{ minWidth: 240 }}
              placeholder={t('dashboard.allOffices')}
              value={officeFilter}
              onChange={setOfficeFilter}
              options={officeChoices}
              aria-label={t('dashboard.offices')}
              maxTagCount="responsive"
            />
          </label>
          <div className="bh-hq-field">
            <span id="hq-currency-label">{t('dashboard.currency')}</span>
            <Segmented<ReportViewCurrency>
              aria-labelledby="hq-currency-label"
              value={currency}
              onChange={setCurrency}
              options={[
                { value: 'KRW', label: 'KRW' },
                { value: 'USD', label: 'USD' },
              ]}
              data-testid="hq-currency"
            />
          </div>
          <RefreshButton onRefresh={reloadAll} loading={loading} />
          <Button
            type="primary"
            icon={<DownloadOutlined aria-hidden />}
            onClick={() => void exportXlsx()}
            disabled={!h}
            loading={exporting}
            data-testid="hq-export-xlsx"
          >
            {t('dashboard.exportXlsx')}
          </Button>
        </Space>
      </Card>

      <QueryState query={headline} onRetry={reloadAll} />

      {h && (
        <>
          <Typography.Paragraph type="secondary" data-testid="hq-period-label">
            {t('dashboard.comparing', {
              from: h.period.from,
              to: h.period.to,
              prevFrom: h.previousPeriod.from,
              prevTo: h.previousPeriod.to,
            })}
          </Typography.Paragraph>
          <Freshness headline={h} now={now} nameOf={nameOf} />
          <Row gutter={[12, 12]} data-testid="hq-figures">
            {[...COUNT_FIGURES, ...MONEY_FIGURES].map((key) => {
              const cur = figureValue(h.current, key, currency);
              const prev = figureValue(h.previous, key, currency);
              const isMoney = (MONEY_FIGURES as readonly string[]).includes(key);
              const ratio = change(cur, prev);
              const drillFigure = DRILL_OF[key];
              const value = isMoney ? money(cur) : formatNumber(cur, language);
              const body = (
                <Card
                  size="small"
                  className={`bh-hq-figure${drillFigure ? ' bh-hq-figure-drill' : ''}`}
                  data-testid={`hq-figure-${key}`}
                >
                  <Statistic title={t(`figures.${key}`)} value={value} />
                  <div className="bh-hq-delta">
                    <span className={ratio === null ? '' : ratio >= 0 ? 'bh-hq-up' : 'bh-hq-down'}>
                      {percent(ratio, language)}
                    </span>{' '}
                    <span className="bh-hq-muted">
                      {t('dashboard.previousValue', {
                        value: isMoney ? money(prev) : formatNumber(prev, language),
                      })}
                    </span>
                  </div>
                </Card>
              );
              return (
                <Col key={key} xs={24} sm={12} lg={8} xxl={6}>
                  {drillFigure && DRILLABLE.has(drillFigure) ? (
                    <button
                      type="button"
                      className="bh-hq-figure-button"
                      onClick={() => setDrill({ figure: drillFigure, title: t(`figures.${key}`) })}
                      aria-label={t('dashboard.drillLabel', { figure: t(`figures.${key}`), value })}
                    >
                      {body}
                    </button>
                  ) : (
                    body
                  )}
                </Col>
              );
            })}
            {HOURS_FIGURES.map((key) => (
              <Col key={key} xs={24} sm={12} lg={8} xxl={6}>
                <Card size="small" className="bh-hq-figure" data-testid={`hq-figure-${key}`}>
                  <Statistic
                    title={t(`figures.${key}`)}
                    value={percent(h.current[key].utilization, language).replace(/^\+/, '')}
                  />
                  <div className="bh-hq-muted">
                    {t('dashboard.hoursOf', {
                      booked: formatNumber(Math.round(h.current[key].bookedHours), language),
                      available: formatNumber(Math.round(h.current[key].availableHours), language),
                    })}
                  </div>
                </Card>
              </Col>
            ))}
          </Row>
        </>
      )}

      {h && (
        <OfficeSection
          rows={officeMonths.data?.rows ?? []}
          period={h.period}
          currency={currency}
          nameOf={nameOf}
          onOnePager={setOnePager}
        />
      )}

      {h && (
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={12}>
            <BreakdownCard
              title={t('dashboard.byIndustry')}
              keyTitle={t('dashboard.industry')}
              rows={byIndustry.data?.rows ?? []}
              label={industryName}
              currency={currency}
              testId="hq-by-industry"
            />
          </Col>
          <Col xs={24} xl={12}>
            <BreakdownCard
              title={t('dashboard.byCountry')}
              keyTitle={t('dashboard.country')}
              rows={byCountry.data?.rows ?? []}
              label={countryName}
              currency={currency}
              testId="hq-by-country"
            />
          </Col>
        </Row>
      )}

      {h && (
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={12}>
            <TopSmesCard rows={topSmes.data?.rows ?? []} currency={currency} nameOf={nameOf} />
          </Col>
          <Col xs={24} xl={12}>
            <UtilizationCard rows={utilization.data?.rows ?? []} nameOf={nameOf} />
          </Col>
        </Row>
      )}

      {h && <RatesUsedCard rates={h.ratesUsed} />}

      {drill && (
        <DrillDrawer
          figure={drill.figure}
          title={drill.title}
          query={query}
          nameOf={nameOf}
          onClose={() => setDrill(null)}
        />
      )}
      {onePager && h && (
        <OnePager
          officeId={onePager}
          query={query}
          rows={(officeMonths.data?.rows ?? []).filter((r) => r.officeId === onePager)}
          nameOf={nameOf}
          onClose={() => setOnePager(null)}
        />
      )}
    </Space>
  );
}

function Freshness({
  headline,
  now,
  nameOf,
}: {
  headline: HeadlineResponse;
  now: number;
  nameOf: (id: string) => string;
}) {
  const { t } = useTranslation('hq');
  const { language, timeZone } = useView();
  return (
    <Card size="small" title={t('dashboard.freshnessTitle')} data-testid="hq-freshness">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('dashboard.freshnessBody')}
      </Typography.Paragraph>
      <Space wrap size={[8, 8]}>
        {headline.freshness.map((f) => {
          const behind = isBehind(f.lastPushAt, now);
          return (
            <Tooltip
              key={f.officeId}
              title={
                f.lastPushAt === null ? undefined : formatDateTime(f.lastPushAt, timeZone, language)
              }
            >
              <Tag
                className={behind ? 'bh-hq-tag-warning' : 'bh-hq-tag-ok'}
                data-testid={`hq-fresh-${f.officeId}`}
              >
                {nameOf(f.officeId)}:{' '}
                {f.lastPushAt === null
                  ? t('dashboard.neverSynced')
                  : t('dashboard.syncedAgo', {
                      when: formatRelativeTime(f.lastPushAt, now, language),
                    })}
              </Tag>
            </Tooltip>
          );
        })}
      </Space>
    </Card>
  );
}

function OfficeSection({
  rows,
  period,
  currency,
  nameOf,
  onOnePager,
}: {
  rows: OfficeMonthRow[];
  period: Period;
  currency: ReportViewCurrency;
  nameOf: (id: string) => string;
  onOnePager: (officeId: string) => void;
}) {
  const { t } = useTranslation('hq');
  const col = useReportColumns();
  const { language } = useView();
  const money = (m: number) => viewMoney(m, currency, language);
  const byOffice = totalsByOffice(rows, currency);
  const byMonth = totalsByMonth(rows, period, currency);
  const [view, setView] = useState<'office' | 'month'>('office');
  return (
    <Card
      title={t('dashboard.perOfficeMonth')}
      extra={
        <Segmented<'office' | 'month'>
          value={view}
          onChange={setView}
          options={[
            { value: 'office', label: t('dashboard.perOffice') },
            { value: 'month', label: t('dashboard.perMonth') },
          ]}
        />
      }
    >
      {view === 'office' ? (
        <Row gutter={[16, 16]}>
          <Col xs={24}>
            <HBarChart
              title={t('dashboard.chartContractedPerOffice', { currency })}
              testId="hq-chart-office"
              bars={byOffice.map((o) => ({
                key: o.officeId,
                label: nameOf(o.officeId),
                value: o.contracted,
                display: money(o.contracted),
              }))}
            />
          </Col>
          <Col xs={24}>
            <Table<OfficeTotals>
              rowKey="officeId"
              size="small"
              pagination={false}
              data-testid="hq-office-table"
              dataSource={byOffice}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('dashboard.noTalks') }}
              columns={[
                col.office(nameOf),
                col.count('talks', 'talksHeld', (o) => o.talksHeld),
                col.money('neg', 'negotiated', (o) => o.negotiated, currency),
                col.money('con', 'contracted', (o) => o.contracted, currency),
                col.money('exp', 'actualExports', (o) => o.actualExports, currency),
                {
                  key: 'print',
                  title: t('dashboard.onePager'),
                  render: (_, o) => (
                    <Button
                      size="small"
                      icon={<PrinterOutlined aria-hidden />}
                      onClick={() => onOnePager(o.officeId)}
                      aria-label={t('dashboard.onePagerFor', { office: nameOf(o.officeId) })}
                      data-testid={`hq-onepager-${o.officeId}`}
                    />
                  ),
                },
              ]}
            />
          </Col>
        </Row>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <MonthColumns
            title={t('dashboard.chartPerMonth', { currency })}
            testId="hq-chart-month"
            months={byMonth.map((m) => ({ key: m.month, label: m.month }))}
            series={[
              { name: t('figures.negotiated'), values: byMonth.map((m) => m.negotiated) },
              { name: t('figures.contracted'), values: byMonth.map((m) => m.contracted) },
            ]}
          />
          <Table<OfficeMonthRow>
            rowKey={(r) => `${r.officeId}|${r.month}`}
            size="small"
            data-testid="hq-office-month-table"
            dataSource={rows}
            pagination={{ pageSize: 24, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('dashboard.noTalks') }}
            columns={[
              col.month(),
              col.office(nameOf),
              col.count('b', 'buyersMet', (r) => r.buyersMet),
              col.count('t', 'talksHeld', (r) => r.talksHeld),
              col.amount('n', 'negotiated', (r) => r.negotiated, currency),
              col.amount('c', 'contracted', (r) => r.contracted, currency),
              col.count('f', 'smeFirmsHelped', (r) => r.smeFirmsHelped),
            ]}
          />
        </Space>
      )}
    </Card>
  );
}

function BreakdownCard({
  title,
  keyTitle,
  rows,
  label,
  currency,
  testId,
}: {
  title: string;
  keyTitle: string;
  rows: BreakdownRow[];
  label: (key: string) => string;
  currency: ReportViewCurrency;
  testId: string;
}) {
  const { t } = useTranslation('hq');
  const col = useReportColumns();
  const { language } = useView();
  const money = (m: number) => viewMoney(m, currency, language);
  return (
    <Card title={title} data-testid={testId}>
      <HBarChart
        title={t('dashboard.chartContracted', { what: title, currency })}
        bars={rows.slice(0, 8).map((r) => ({
          key: r.key,
          label: label(r.key),
          value: inCurrency(r.contracted, currency),
          display: money(inCurrency(r.contracted, currency)),
        }))}
      />
      <Table<BreakdownRow>
        rowKey="key"
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('dashboard.noTalks') }}
        columns={[
          { key: 'k', title: keyTitle, render: (_, r) => label(r.key) },
          col.count('b', 'buyersMet', (r) => r.buyersMet),
          col.count('t', 'talksHeld', (r) => r.talksHeld),
          col.amount('c', 'contracted', (r) => r.contracted, currency),
        ]}
      />
    </Card>
  );
}

function TopSmesCard({
  rows,
  currency,
  nameOf,
}: {
  rows: TopSmeRow[];
  currency: ReportViewCurrency;
  nameOf: (id: string) => string;
}) {
  const { t } = useTranslation('hq');
  const col = useReportColumns();
  const { language } = useView();
  const smeName = (r: TopSmeRow) =>
    language === 'ko' ? r.nameKo || r.nameEn : r.nameEn || r.nameKo;
  return (
    <Card title={t('dashboard.topSmes')} data-testid="hq-top-smes">
      <Table<TopSmeRow>
        rowKey="smeFirmId"
        size="small"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('dashboard.noContracts') }}
        columns={[
          { key: 'rank', title: '#', render: (_, _r, i) => formatNumber(i + 1, language) },
          { key: 'n', title: t('dashboard.sme'), render: (_, r) => smeName(r) },
          col.amount('c', 'contracted', (r) => r.contracted, currency),
          col.count('t', 'talksHeld', (r) => r.talksHeld),
          {
            key: 'o',
            title: t('dashboard.offices'),
            render: (_, r) => r.officeIds.map(nameOf).join(', '),
          },
        ]}
      />
    </Card>
  );
}

function UtilizationCard({
  rows,
  nameOf,
}: {
  rows: OfficeUtilizationRow[];
  nameOf: (id: string) => string;
}) {
  const { t } = useTranslation('hq');
  const col = useReportColumns();
  const { language } = useView();
  const pct = (u: number | null) => percent(u, language).replace(/^\+/, '');
  const hoursCell = (h: OfficeUtilizationRow['interpreterHours']) => (
    <Tooltip
      title={t('dashboard.hoursOf', {
        booked: formatNumber(Math.round(h.bookedHours), language),
        available: formatNumber(Math.round(h.availableHours), language),
      })}
    >
      <span>{pct(h.utilization)}</span>
    </Tooltip>
  );
  return (
    <Card title={t('dashboard.utilization')} data-testid="hq-utilization">
      <Table<OfficeUtilizationRow>
        rowKey="officeId"
        size="small"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          col.office(nameOf),
          {
            key: 'i',
            title: t('figures.interpreterHours'),
            align: 'right',
            render: (_, r) => hoursCell(r.interpreterHours),
          },
          {
            key: 'v',
            title: t('figures.vehicleHours'),
            align: 'right',
            render: (_, r) => hoursCell(r.vehicleHours),
          },
          col.count('d', 'delegationsServed', (r) => r.delegationsServed),
        ]}
      />
    </Card>
  );
}

function RatesUsedCard({ rates }: { rates: RateUsed[] }) {
  const { t } = useTranslation('hq');
  const col = useReportColumns();
  const { language } = useView();
  return (
    <Card title={t('dashboard.ratesUsed')} size="small" data-testid="hq-rates-used">
      <Typography.Paragraph type="secondary">{t('dashboard.ratesUsedBody')}</Typography.Paragraph>
      <Table<RateUsed>
        rowKey={(r) => `${r.month}|${r.currency}`}
        size="small"
        dataSource={rates}
        pagination={{ pageSize: 12, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          col.month(),
          { key: 'c', title: t('rates.currency'), dataIndex: 'currency' },
          {
            key: 'r',
            title: t('rates.perUsdShort'),
            align: 'right',
            render: (_, r) =>
              new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: 8 }).format(
                Number(r.perUsd),
              ),
          },
          { key: 'rm', title: t('rates.rateMonth'), dataIndex: 'rateMonth' },
          {
            key: 's',
            title: t('rates.source'),
            render: (_, r) =>
              r.source === 'hq' ? (
                <Tag color="blue">{t('rates.fromHq')}</Tag>
              ) : (
                <Tag className="bh-hq-tag-warning">{t('rates.builtin')}</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}

function DrillDrawer({
  figure,
  title,
  query,
  nameOf,
  onClose,
}: {
  figure: DrillFigure;
  title: string;
  query: Query;
  nameOf: (id: string) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation(['hq', 'crm']);
  const col = useReportColumns();
  const { language } = useView();
  const [offset, setOffset] = useState(0);
  const limit = 50;
  const talks = useHqQuery(`report/talks/${figure}/${offset}/${JSON.stringify(query)}`, (c) =>
    c.post(REPORT_PATHS.talks, talksResponseSchema, { ...query, figure, offset, limit }),
  );
  const amount = (a: ReportTalkRow['contract']) =>
    a
      ? formatMoney(a.amount.amountMinor, a.amount.currency, language, { currencyDisplay: 'code' })
      : '';
  return (
    <Drawer
      open
      size="large"
      title={t('dashboard.drillTitle', { figure: title })}
      onClose={onClose}
      data-testid="hq-drill"
    >
      <QueryState query={talks} />
      <Table<ReportTalkRow>
        rowKey="id"
        size="small"
        loading={talks.loading}
        dataSource={talks.data?.rows ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('dashboard.noTalks') }}
        pagination={{
          current: Math.floor(offset / limit) + 1,
          pageSize: limit,
          total: talks.data?.total ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          onChange: (p) => setOffset((p - 1) * limit),
        }}
        columns={[
          col.month(),
          col.office(nameOf),
          {
            key: 'b',
            title: t('dashboard.buyer'),
            render: (_, r) => (
              <span>
                {r.buyerNameNative}
                {r.buyerNameLatin && r.buyerNameLatin !== r.buyerNameNative ? (
                  <span className="bh-hq-muted"> ({r.buyerNameLatin})</span>
                ) : null}
              </span>
            ),
          },
          {
            key: 's',
            title: t('dashboard.sme'),
            render: (_, r) =>
              language === 'ko'
                ? r.smeFirmNameKo || r.smeFirmNameEn
                : r.smeFirmNameEn || r.smeFirmNameKo,
          },
          {
            key: 'st',
            title: t('browse.stage'),
            render: (_, r) => t(`crm:stage.${r.stage}`, { defaultValue: r.stage }),
          },
          {
            key: 'n',
            title: t('figures.negotiated'),
            align: 'right',
            render: (_, r) => amount(r.negotiated),
          },
          {
            key: 'c',
            title: t('figures.contracted'),
            align: 'right',
            render: (_, r) => amount(r.contract),
          },
        ]}
      />
    </Drawer>
  );
}

/** A printable page for one office: its figures for the period, by month. */
function OnePager({
  officeId,
  query,
  rows,
  nameOf,
  onClose,
}: {
  officeId: string;
  query: Query;
  rows: OfficeMonthRow[];
  nameOf: (id: string) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation('hq');
  const { language, timeZone } = useView();
  const { message } = App.useApp();
  const q = { ...query, currency: 'KRW' as const, officeIds: [officeId] };
  const headline = useHqQuery(`report/headline/${JSON.stringify(q)}`, (c) =>
    c.post(REPORT_PATHS.headline, headlineResponseSchema, q),
  );
  const money = (m: number) => viewMoney(m, query.currency, language);
  const h = headline.data;

  const print = async () => {
    document.body.classList.add('bh-printing-onepager');
    try {
      const bridge = getBridge() as
        | {
            printToPdf?: (o: {
              pageSize: 'A4';
              fileName: string;
              dialogTitle: string;
            }) => Promise<boolean>;
          }
        | undefined;
      if (bridge?.printToPdf) {
        await bridge.printToPdf({
          pageSize: 'A4',
          fileName: `${officeId}-${query.from}-${query.to}.pdf`,
          dialogTitle: t('dashboard.onePagerFor', { office: nameOf(officeId) }),
        });
      } else {
        window.print();
      }
    } catch (error) {
      void message.error(t(problemKey(error)));
    } finally {
      document.body.classList.remove('bh-printing-onepager');
    }
  };

  const content = (
    <>
      <h2>{nameOf(officeId)}</h2>
      <p>
        {t('dashboard.comparing', {
          from: query.from,
          to: query.to,
          prevFrom: h?.previousPeriod.from ?? '',
          prevTo: h?.previousPeriod.to ?? '',
        })}
      </p>
      {h && (
        <>
          <table className="bh-hq-print-table">
            <thead>
              <tr>
                <th>{t('export.figure')}</th>
                <th>{t('dashboard.thisPeriod')}</th>
                <th>{t('dashboard.previousPeriod')}</th>
                <th>{t('export.change')}</th>
              </tr>
            </thead>
            <tbody>
              {[...COUNT_FIGURES, ...MONEY_FIGURES].map((key) => {
                const cur = figureValue(h.current, key, query.currency);
                const prev = figureValue(h.previous, key, query.currency);
                const isMoney = (MONEY_FIGURES as readonly string[]).includes(key);
                return (
                  <tr key={key}>
                    <th scope="row">{t(`figures.${key}`)}</th>
                    <td>{isMoney ? money(cur) : formatNumber(cur, language)}</td>
                    <td>{isMoney ? money(prev) : formatNumber(prev, language)}</td>
                    <td>{percent(change(cur, prev), language)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <h3>{t('dashboard.perMonth')}</h3>
          <table className="bh-hq-print-table">
            <thead>
              <tr>
                <th>{t('export.month')}</th>
                <th>{t('figures.talksHeld')}</th>
                <th>{t('figures.negotiated')}</th>
                <th>{t('figures.contracted')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.month}>
                  <td>{r.month}</td>
                  <td>{formatNumber(r.talksHeld, language)}</td>
                  <td>{money(inCurrency(r.negotiated, query.currency))}</td>
                  <td>{money(inCurrency(r.contracted, query.currency))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="bh-hq-muted">
            {t('dashboard.onePagerFooter', {
              synced:
                h.freshness[0]?.lastPushAt != null
                  ? formatDateTime(h.freshness[0].lastPushAt, timeZone, language)
                  : t('dashboard.neverSynced'),
              generated: formatDateTime(h.generatedAt, timeZone, language),
              rates: h.ratesUsed.length,
            })}
          </p>
        </>
      )}
      <QueryState query={headline} />
    </>
  );

  return (
    <Drawer
      open
      size="large"
      title={t('dashboard.onePagerFor', { office: nameOf(officeId) })}
      onClose={onClose}
      extra={
        <Button
          type="primary"
          icon={<PrinterOutlined aria-hidden />}
          onClick={() => void print()}
          disabled={!h}
          data-testid="hq-onepager-print"
        >
          {t('dashboard.print')}
        </Button>
      }
    >
      <article className="bh-hq-onepager" data-testid="hq-onepager">
        {content}
      </article>
      {/* The printed copy lives directly in <body>, so print CSS can hide everything else. */}
      {createPortal(
        <article className="bh-hq-onepager bh-hq-print-portal">{content}</article>,
        document.body,
      )}
    </Drawer>
  );
}
