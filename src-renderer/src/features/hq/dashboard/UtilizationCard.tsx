import { Card, Table, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '@shared/format';
import type { OfficeUtilizationRow } from '@shared/reports/api';
import { useView } from '../common';
import { useReportColumns } from './columns';
import { percent } from './report-model';
import { TableRegion } from './TableRegion';

export function UtilizationCard({
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
      <TableRegion label={t('dashboard.utilization')}>
        <Table<OfficeUtilizationRow>
          rowKey="officeId"
          size="small"
          dataSource={rows}
          pagination={false}
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
      </TableRegion>
    </Card>
  );
}
