import { Drawer, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '@shared/format';
import {
  REPORT_PATHS,
  talksResponseSchema,
  type DrillFigure,
  type ReportTalkRow,
} from '@shared/reports/api';
import { useHqQuery } from '../api/use-hq';
import { QueryState, ReaderName, SmeName, WRAP_COLUMN, useView } from '../common';
import { useReportColumns } from './columns';
import type { DashboardQuery } from './report-model';
import { TableRegion } from './TableRegion';

export function DrillDrawer({
  figure,
  title,
  query,
  nameOf,
  onClose,
}: {
  figure: DrillFigure;
  title: string;
  query: DashboardQuery;
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
      // Wide enough for its seven columns on one line each at 1280 px (it ran to five lines).
      size="min(1080px, 92vw)"
      title={t('dashboard.drillTitle', { figure: title })}
      onClose={onClose}
      data-testid="hq-drill"
    >
      <QueryState query={talks} />
      <TableRegion label={t('dashboard.drillTitle', { figure: title })}>
        <Table<ReportTalkRow>
          rowKey="id"
          size="small"
          loading={talks.loading}
          dataSource={talks.data?.rows ?? []}
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
              className: WRAP_COLUMN,
              render: (_, r) => (
                <ReaderName
                  native={r.buyerNameNative}
                  latin={r.buyerNameLatin}
                  language={language}
                />
              ),
            },
            {
              key: 's',
              title: t('dashboard.sme'),
              className: WRAP_COLUMN,
              render: (_, r) => (
                <SmeName nameKo={r.smeFirmNameKo} nameEn={r.smeFirmNameEn} language={language} />
              ),
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
      </TableRegion>
    </Drawer>
  );
}
