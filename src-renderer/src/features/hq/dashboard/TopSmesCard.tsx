import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '@shared/format';
import type { ReportViewCurrency, TopSmeRow } from '@shared/reports/api';
import { SmeName, WRAP_COLUMN, useView } from '../common';
import { useReportColumns } from './columns';
import { TableRegion } from './TableRegion';

export function TopSmesCard({
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
  return (
    <Card title={t('dashboard.topSmes')} data-testid="hq-top-smes">
      <TableRegion label={t('dashboard.topSmes')}>
        <Table<TopSmeRow>
          rowKey="smeFirmId"
          size="small"
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: t('dashboard.noContracts') }}
          columns={[
            { key: 'rank', title: '#', render: (_, _r, i) => formatNumber(i + 1, language) },
            {
              key: 'n',
              title: t('dashboard.sme'),
              className: WRAP_COLUMN,
              render: (_, r) => <SmeName nameKo={r.nameKo} nameEn={r.nameEn} language={language} />,
            },
            col.amount('c', 'contracted', (r) => r.contracted, currency),
            col.count('t', 'talksHeld', (r) => r.talksHeld),
            {
              key: 'o',
              title: t('dashboard.offices'),
              className: WRAP_COLUMN,
              render: (_, r) => r.officeIds.map(nameOf).join(', '),
            },
          ]}
        />
      </TableRegion>
    </Card>
  );
}
