/**
 * HQ dashboard: what the offices achieved in a period of months, compared with the
 * previous period; per office and per month (table + chart); drill-down from a figure to
 * the talks behind it; by industry and buyer country; top SMEs; interpreter and vehicle
 * utilization; freshness per office; the rates used; USD or KRW; the trade missions of the
 * period, and the dashboard filtered to one mission (`?mission=<id>`, issue 13). Figures are computed on
 * the HQ server (src-hq/reports) and fetched over the device's authenticated connection.
 */
import {
  Button,
  Card,
  Col,
  DatePicker,
  Row,
  Segmented,
  Select,
  Space,
  Typography,
  App,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { monthPickerFormat } from '../../../ui/picker-formats';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatDateTime, intlLocale } from '@shared/format';
import {
  REPORT_PATHS,
  breakdownResponseSchema,
  headlineResponseSchema,
  missionsResponseSchema,
  officeMonthsResponseSchema,
  topSmesResponseSchema,
  utilizationResponseSchema,
  type DrillFigure,
  type ReportViewCurrency,
} from '@shared/reports/api';
import { downloadBlob } from '../../../ui/download';
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
import { BreakdownCard } from './BreakdownCard';
import { comparisonLabel } from './comparison-label';
import { DrillDrawer } from './DrillDrawer';
import { buildReportWorkbook, type ReportBundle } from './export-xlsx';
import { FigureCards } from './FigureCards';
import { Freshness } from './Freshness';
import { MissionFocus } from './MissionFocus';
import { missionFromParams, visitLabel } from './mission-report';
import { MissionsCard } from './MissionsCard';
import { OfficeSection } from './OfficeSection';
import { OnePager } from './OnePager';
import { RatesUsedCard } from './RatesUsedCard';
import {
  defaultPeriod,
  isFieldOffice,
  periodFromParams,
  type DashboardQuery,
  type Period,
} from './report-model';
import { TopSmesCard } from './TopSmesCard';
import { UtilizationCard } from './UtilizationCard';

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

function Dashboard() {
  const { t } = useTranslation(['hq', 'crm', 'missions', 'errors']);
  const { message } = App.useApp();
  const { language, timeZone } = useView();
  const now = useNow();
  // The period is in the address (`?from=YYYY-MM&to=YYYY-MM`): a link shows the same figures.
  const [params, setParams] = useSearchParams();
  const period: Period =
    periodFromParams(params.get('from'), params.get('to')) ?? defaultPeriod(now, timeZone);
  const setPeriod = (next: Period) =>
    setParams(
      (prev) => {
        const out = new URLSearchParams(prev);
        out.set('from', next.from);
        out.set('to', next.to);
        return out;
      },
      { replace: true },
    );
  // The mission filter is in the address too (`?mission=<id>`).
  const missionId = missionFromParams(params.get('mission'));
  const setMission = (next: string | null) =>
    setParams(
      (prev) => {
        const out = new URLSearchParams(prev);
        if (next) out.set('mission', next);
        else out.delete('mission');
        return out;
      },
      { replace: true },
    );
  const [currency, setCurrency] = useState<ReportViewCurrency>('KRW');
  const [officeFilter, setOfficeFilter] = useState<string[]>([]);
  const [drill, setDrill] = useState<{ figure: DrillFigure; title: string } | null>(null);
  const [onePager, setOnePager] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  const query: DashboardQuery = {
    from: period.from,
    to: period.to,
    currency,
    ...(officeFilter.length ? { officeIds: [...officeFilter].sort() } : {}),
  };
  // Every amount comes in both USD and KRW: only rankings depend on the view currency.
  const base: DashboardQuery = { ...query, currency: 'KRW' };
  const key = JSON.stringify(base);
  // Under the mission filter the talk breakdowns narrow to the mission's talks (of any month).
  const ranked: DashboardQuery = missionId ? { ...query, missionId } : query;
  const rankedKey = JSON.stringify(ranked);
  const headline = useHqQuery(`report/headline/${key}`, (c) =>
    c.post(REPORT_PATHS.headline, headlineResponseSchema, base),
  );
  const officeMonths = useHqQuery(`report/office-months/${key}`, (c) =>
    c.post(REPORT_PATHS.officeMonths, officeMonthsResponseSchema, base),
  );
  const byIndustry = useHqQuery(`report/industry/${rankedKey}`, (c) =>
    c.post(REPORT_PATHS.byIndustry, breakdownResponseSchema, ranked),
  );
  const byCountry = useHqQuery(`report/country/${rankedKey}`, (c) =>
    c.post(REPORT_PATHS.byCountry, breakdownResponseSchema, ranked),
  );
  const topSmes = useHqQuery(`report/top-smes/${rankedKey}`, (c) =>
    c.post(REPORT_PATHS.topSmes, topSmesResponseSchema, { ...ranked, limit: 10 }),
  );
  const utilization = useHqQuery(`report/utilization/${key}`, (c) =>
    c.post(REPORT_PATHS.utilization, utilizationResponseSchema, base),
  );
  const missions = useHqQuery(`report/missions/${key}`, (c) =>
    c.post(REPORT_PATHS.missions, missionsResponseSchema, base),
  );
  // The chosen mission by id, whatever the period (a link keeps working next year).
  const mission = useHqQuery(`report/mission/${missionId ?? ''}/${key}`, (c) =>
    missionId
      ? c.post(REPORT_PATHS.missions, missionsResponseSchema, { ...base, missionId })
      : Promise.resolve(null),
  );
  const offices = useHqQuery('admin/offices', (c) => c.offices());
  const all = [
    headline,
    officeMonths,
    byIndustry,
    byCountry,
    topSmes,
    utilization,
    missions,
    mission,
  ];
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

  const officeChoices = (offices.data?.offices ?? [])
    .filter((o) => isFieldOffice(o.id))
    .map((o) => ({
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
        missions: missions.data,
        ...(focused ? { missionName: focused.name } : {}),
      };
      const bytes = await buildReportWorkbook(bundle, currency, {
        t: (k, o) => t(`hq:${k}`, o ?? {}),
        officeName: nameOf,
        industryName,
        countryName,
        missionStatus: (status) => t(`missions:status.${status}`, { defaultValue: status }),
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

  const missionChoices = (missions.data?.rows ?? []).map((m) => ({
    value: m.missionId,
    label: `${m.name} · ${nameOf(m.officeId)} · ${visitLabel(m.arrival, m.departure, language)}`,
  }));
  const focused = missionId ? (mission.data?.rows[0] ?? null) : null;
  if (focused && !missionChoices.some((c) => c.value === focused.missionId)) {
    missionChoices.unshift({ value: focused.missionId, label: focused.name });
  }
  const drillQuery: DashboardQuery = missionId ? { ...query, missionId } : query;

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
              format={monthPickerFormat(language)}
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
          <label className="bh-hq-field">
            <span>{t('missionReport.filter')}</span>
            <Select<string | null>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ minWidth: 240, maxWidth: 420 }}
              placeholder={t('missionReport.all')}
              value={missionId}
              onChange={(v) => setMission(v ?? null)}
              options={missionChoices}
              aria-label={t('missionReport.filter')}
              data-testid="hq-mission-filter"
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

      {missionId && (
        <>
          <QueryState query={mission} onRetry={reloadAll} />
          {mission.data && (
            <MissionFocus row={focused} currency={currency} nameOf={nameOf} onDrill={setDrill} />
          )}
          {mission.data && <RatesUsedCard rates={mission.data.ratesUsed} />}
        </>
      )}

      {h && !missionId && (
        <>
          <Typography.Paragraph type="secondary" data-testid="hq-period-label">
            {comparisonLabel(h, now, timeZone, language, t)}
          </Typography.Paragraph>
          <Freshness headline={h} now={now} nameOf={nameOf} />
          <FigureCards headline={h} currency={currency} onDrill={setDrill} />
        </>
      )}

      {h && !missionId && (
        <MissionsCard
          rows={missions.data?.rows ?? []}
          currency={currency}
          nameOf={nameOf}
          onShow={setMission}
        />
      )}

      {h && !missionId && (
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
          {/* Booked hours per office are the period's, not a mission's (its own are in its card). */}
          {!missionId && (
            <Col xs={24} xl={12}>
              {/* HQ is listed only if it has interpreters or vehicles of its own. */}
              <UtilizationCard
                rows={(utilization.data?.rows ?? []).filter(
                  (r) =>
                    isFieldOffice(r.officeId) ||
                    r.interpreterHours.availableHours > 0 ||
                    r.vehicleHours.availableHours > 0,
                )}
                nameOf={nameOf}
              />
            </Col>
          )}
        </Row>
      )}

      {h && !missionId && <RatesUsedCard rates={h.ratesUsed} />}

      {drill && (
        <DrillDrawer
          figure={drill.figure}
          title={drill.title}
          query={drillQuery}
          nameOf={nameOf}
          onClose={() => setDrill(null)}
        />
      )}
      {onePager && h && (
        <OnePager
          officeId={onePager}
          query={query}
          rows={(officeMonths.data?.rows ?? []).filter((r) => r.officeId === onePager)}
          missions={(missions.data?.rows ?? []).filter((m) => m.officeId === onePager)}
          nameOf={nameOf}
          onClose={() => setOnePager(null)}
        />
      )}
    </Space>
  );
}
