import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { intlLocale } from '@shared/format';
import type { RateUsed } from '@shared/reports/api';
import { useView } from '../common';
import { useReportColumns } from './columns';
import { formatMonthCell } from './report-model';
import { TableRegion } from './TableRegion';

export function RatesUsedCard({ rates }: { rates: RateUsed[] }) {
  const { t } = useTranslation('hq');
  const col = useReportColumns();
  const { language } = useView();
  return (
    <Card title={t('dashboard.ratesUsed')} size="small" data-testid="hq-rates-used">
      <Typography.Paragraph type="secondary">{t('dashboard.ratesUsedBody')}</Typography.Paragraph>
      <TableRegion label={t('dashboard.ratesUsed')}>
        <Table<RateUsed>
          rowKey={(r) => `${r.month}|${r.currency}`}
          size="small"
          dataSource={rates}
          pagination={{ pageSize: 12, hideOnSinglePage: true }}
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
            {
              key: 'rm',
              title: t('rates.rateMonth'),
              render: (_, r) => (r.rateMonth ? formatMonthCell(r.rateMonth, language) : ''),
            },
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
      </TableRegion>
    </Card>
  );
}
