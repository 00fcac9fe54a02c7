import { Alert, Card, Col, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '@shared/format';
import type { DrillFigure, MissionReportRow, ReportViewCurrency } from '@shared/reports/api';
import { useView } from '../common';
import { viewMoney } from './columns';
import { hoursValue, visitLabel } from './mission-report';
import { COUNT_FIGURES, MONEY_FIGURES, inCurrency } from './report-model';

/**
 * The dashboard filtered to one mission (issue 13): the whole mission's figures; a figure
 * with talks behind it opens them (the drill-down narrowed to the mission).
 */
export function MissionFocus({
  row,
  currency,
  nameOf,
  onDrill,
}: {
  row: MissionReportRow | null;
  currency: ReportViewCurrency;
  nameOf: (id: string) => string;
  onDrill: (drill: { figure: DrillFigure; title: string }) => void;
}) {
  const { t } = useTranslation(['hq', 'missions']);
  const { language } = useView();
  if (!row) {
    return (
      <Alert
        type="info"
        showIcon
        title={t('missionReport.notFound')}
        data-testid="hq-mission-missing"
      />
    );
  }
  const cell = (
    key: string,
    title: string,
    value: string,
    drill: DrillFigure | null,
    extra?: ReactNode,
  ) => {
    const body = (
      <Card
        size="small"
        className={`bh-hq-figure${drill ? ' bh-hq-figure-drill' : ''}`}
        data-testid={`hq-mission-figure-${key}`}
      >
        <Statistic title={title} value={value} />
        {extra}
      </Card>
    );
    return (
      <Col key={key} xs={24} sm={12} lg={8} xxl={6}>
        {drill ? (
          <button
            type="button"
            className="bh-hq-figure-button"
            onClick={() => onDrill({ figure: drill, title })}
            aria-describedby="hq-drill-hint"
          >
            {body}
          </button>
        ) : (
          body
        )}
      </Col>
    );
  };
  const counts = COUNT_FIGURES.filter((k) => k !== 'delegationsServed');
  const hours = (h: number) => t('missionReport.hours', { value: hoursValue(h, language) });
  const others = [
    {
      key: 'meetings',
      title: t('missionReport.meetings'),
      value: t('missionReport.meetingsOf', {
        held: formatNumber(row.meetingsHeld, language),
        planned: formatNumber(row.meetingsPlanned, language),
      }),
    },
    {
      key: 'interpreterHours',
      title: t('missionReport.interpreterHours'),
      value: hours(row.interpreterHours),
    },
    { key: 'vehicleHours', title: t('missionReport.vehicleHours'), value: hours(row.vehicleHours) },
  ];
  return (
    <Card title={t('missionReport.focusTitle', { name: row.name })} data-testid="hq-mission-focus">
      <span id="hq-drill-hint" className="bh-hq-sr-only">
        {t('dashboard.drillHint')}
      </span>
      <Typography.Paragraph>
        {[
          nameOf(row.officeId),
          visitLabel(row.arrival, row.departure, language),
          t(`missions:kind.${row.kind}`, { defaultValue: row.kind }),
          t(`missions:status.${row.status}`, { defaultValue: row.status }),
        ].join(' · ')}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('missionReport.focusNote')}</Typography.Paragraph>
      <Row gutter={[12, 12]}>
        {counts.map((key) => cell(key, t(`figures.${key}`), formatNumber(row[key], language), key))}
        {MONEY_FIGURES.map((key) =>
          cell(
            key,
            t(`figures.${key}`),
            viewMoney(inCurrency(row[key], currency), currency, language),
            key,
          ),
        )}
        {others.map((o) => cell(o.key, o.title, o.value, null))}
      </Row>
    </Card>
  );
}
