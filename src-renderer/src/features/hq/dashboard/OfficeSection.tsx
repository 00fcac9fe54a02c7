import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Segmented, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeMonthRow, ReportViewCurrency } from '@shared/reports/api';
import { useView } from '../common';
import { HBarChart, MonthColumns } from './charts';
import { useReportColumns, viewMoney } from './columns';
import {
  formatMonthShort,
  totalsByMonth,
  totalsByOffice,
  type OfficeTotals,
  type Period,
} from './report-model';
import { TableRegion } from './TableRegion';

export function OfficeSection({
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
            <TableRegion label={t('dashboard.perOffice')}>
              <Table<OfficeTotals>
                rowKey="officeId"
                size="small"
                pagination={false}
                data-testid="hq-office-table"
                dataSource={byOffice}
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
            </TableRegion>
          </Col>
        </Row>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <MonthColumns
            title={t('dashboard.chartPerMonth', { currency })}
            testId="hq-chart-month"
            months={byMonth.map((m) => ({
              key: m.month,
              label: formatMonthShort(m.month, language),
            }))}
            series={[
              { name: t('figures.negotiated'), values: byMonth.map((m) => m.negotiated) },
              { name: t('figures.contracted'), values: byMonth.map((m) => m.contracted) },
            ]}
          />
          <TableRegion label={t('dashboard.perMonth')}>
            <Table<OfficeMonthRow>
              rowKey={(r) => `${r.officeId}|${r.month}`}
              size="small"
              data-testid="hq-office-month-table"
              dataSource={rows}
              pagination={{ pageSize: 24, hideOnSinglePage: true }}
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
          </TableRegion>
        </Space>
      )}
    </Card>
  );
}
