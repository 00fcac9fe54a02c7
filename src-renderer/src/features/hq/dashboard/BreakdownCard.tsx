import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BreakdownRow, ReportViewCurrency } from '@shared/reports/api';
import { useView } from '../common';
import { HBarChart } from './charts';
import { useReportColumns, viewMoney } from './columns';
import { inCurrency } from './report-model';
import { TableRegion } from './TableRegion';

export function BreakdownCard({
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
      <TableRegion label={title}>
        <Table<BreakdownRow>
          rowKey="key"
          size="small"
          dataSource={rows}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: t('dashboard.noTalks') }}
          columns={[
            { key: 'k', title: keyTitle, render: (_, r) => label(r.key) },
            col.count('b', 'buyersMet', (r) => r.buyersMet),
            col.count('t', 'talksHeld', (r) => r.talksHeld),
            col.amount('c', 'contracted', (r) => r.contracted, currency),
          ]}
        />
      </TableRegion>
    </Card>
  );
}
