import { Button, Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MissionReportRow, ReportViewCurrency } from '@shared/reports/api';
import { WRAP_COLUMN, useView } from '../common';
import { useReportColumns } from './columns';
import { hoursValue, visitLabel } from './mission-report';
import { TableRegion } from './TableRegion';

/** The trade missions whose visit overlaps the period, each with its figures (issue 13). */
export function MissionsCard({
  rows,
  currency,
  nameOf,
  onShow,
}: {
  rows: MissionReportRow[];
  currency: ReportViewCurrency;
  nameOf: (id: string) => string;
  onShow: (missionId: string) => void;
}) {
  const { t } = useTranslation(['hq', 'missions']);
  const col = useReportColumns();
  const { language } = useView();
  return (
    <Card title={t('missionReport.title')} data-testid="hq-missions">
      <TableRegion label={t('missionReport.title')}>
        <Table<MissionReportRow>
          rowKey={(r) => `${r.officeId}/${r.missionId}`}
          size="small"
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: t('missionReport.empty') }}
          columns={[
            {
              key: 'n',
              title: t('missionReport.name'),
              className: WRAP_COLUMN,
              render: (_, r) => (
                <Button
                  type="link"
                  className="bh-hq-mission-link"
                  onClick={() => onShow(r.missionId)}
                  title={t('missionReport.show')}
                >
                  {r.name}
                </Button>
              ),
            },
            col.office(nameOf),
            {
              key: 'v',
              title: t('missionReport.visit'),
              render: (_, r) => visitLabel(r.arrival, r.departure, language),
            },
            {
              key: 's',
              title: t('missionReport.status'),
              render: (_, r) => t(`missions:status.${r.status}`, { defaultValue: r.status }),
            },
            {
              key: 'm',
              title: t('missionReport.meetings'),
              align: 'right',
              render: (_, r) =>
                t('missionReport.meetingsOf', { held: r.meetingsHeld, planned: r.meetingsPlanned }),
            },
            col.count('b', 'buyersMet', (r) => r.buyersMet),
            col.count('t', 'talksHeld', (r) => r.talksHeld),
            col.count('f', 'smeFirmsHelped', (r) => r.smeFirmsHelped),
            col.amount('ng', 'negotiated', (r) => r.negotiated, currency),
            col.amount('c', 'contracted', (r) => r.contracted, currency),
            {
              key: 'ih',
              title: t('missionReport.interpreterHours'),
              align: 'right',
              render: (_, r) => hoursValue(r.interpreterHours, language),
            },
            {
              key: 'vh',
              title: t('missionReport.vehicleHours'),
              align: 'right',
              render: (_, r) => hoursValue(r.vehicleHours, language),
            },
          ]}
        />
      </TableRegion>
    </Card>
  );
}
