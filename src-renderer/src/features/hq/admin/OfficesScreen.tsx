import { Card, Descriptions, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AdminOffice } from '@shared/admin/api';
import { formatNumber, intlLocale } from '@shared/format';
import type { Language } from '@shared/i18n/languages';
import { useHqQuery } from '../api/use-hq';
import {
  HqScreen,
  QueryState,
  RefreshButton,
  RelativeTime,
  TABLE_ORDER,
  firstLoad,
  useNow,
  useView,
} from '../common';
import { TableRegion } from '../dashboard/TableRegion';

/** A country's name in the reader's language ("中国", "Trung Quốc"); the code if unknown. */
export function countryName(code: string, language: Language): string {
  try {
    return new Intl.DisplayNames([intlLocale(language)], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** An office not heard from for this long is flagged. */
export const STALE_AFTER_MS = 3 * 24 * 60 * 60 * 1000;

export function totalRecords(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

export function OfficesScreen() {
  const { t } = useTranslation('hq');
  return (
    <HqScreen
      testId="screen-hq-offices"
      title={t('offices.title')}
      subtitle={t('offices.subtitle')}
    >
      <OfficesTable />
    </HqScreen>
  );
}

function OfficesTable() {
  const { t } = useTranslation('hq');
  const { language, timeZone } = useView();
  const now = useNow();
  const query = useHqQuery('admin/offices', (c) => c.offices());
  // HQ is not an office in the field: it receives what they record, and lists no laptops of
  // its own here ("0 of 0 active" would only raise questions). Its laptops are on Laptops.
  const offices = (query.data?.offices ?? []).filter((o) => o.kind !== 'hq');
  const never = t('common.never');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <QueryState query={query} />
      <Card
        title={t('offices.listTitle')}
        extra={<RefreshButton onRefresh={query.reload} loading={query.loading} />}
      >
        <TableRegion label={t('offices.listTitle')}>
          <Table<AdminOffice>
            rowKey="id"
            size="small"
            loading={firstLoad(query)}
            dataSource={offices}
            pagination={false}
            data-testid="hq-offices-table"
            columns={[
              {
                key: 'name',
                title: t('offices.office'),
                render: (_, o) => (
                  <Link to={`/hq-offices/${encodeURIComponent(o.id)}`}>
                    {o.names[language] ?? o.id}
                  </Link>
                ),
              },
              // The country by name in the reader's language (it read "CN", "VN", "US").
              {
                key: 'country',
                title: t('offices.country'),
                render: (_, o) => countryName(o.country, language),
              },
              { key: 'currency', title: t('offices.currency'), dataIndex: 'currency' },
              {
                key: 'devices',
                title: t('offices.devices'),
                align: 'right',
                render: (_, o) =>
                  t('offices.devicesActive', {
                    active: formatNumber(o.activeDevices, language),
                    total: formatNumber(o.devices, language),
                  }),
              },
              ...(['buyers', 'tradeTalks', 'interpreterBookings', 'vehicleTrips'] as const).map(
                (table) => ({
                  key: table,
                  title: t(`tables.${table}`),
                  align: 'right' as const,
                  render: (_: unknown, o: AdminOffice) =>
                    formatNumber(o.counts[table] ?? 0, language),
                }),
              ),
              {
                key: 'total',
                title: t('offices.allRecords'),
                align: 'right',
                render: (_, o) => (
                  <Tooltip
                    title={TABLE_ORDER.filter((n) => o.counts[n])
                      .map(
                        (n) => `${t(`tables.${n}`)}: ${formatNumber(o.counts[n] ?? 0, language)}`,
                      )
                      .join(' · ')}
                  >
                    <span>{formatNumber(totalRecords(o.counts), language)}</span>
                  </Tooltip>
                ),
              },
              {
                key: 'lastChange',
                title: t('offices.lastChange'),
                render: (_, o) => (
                  <Space size={4} wrap>
                    <RelativeTime
                      at={o.lastChangeAt}
                      now={now}
                      language={language}
                      timeZone={timeZone}
                      never={never}
                    />
                    {o.lastChangeAt !== null && now - o.lastChangeAt > STALE_AFTER_MS && (
                      <Tag className="bh-hq-tag-warning">{t('offices.quiet')}</Tag>
                    )}
                  </Space>
                ),
              },
              {
                key: 'lastSync',
                title: t('offices.lastDeviceSync'),
                render: (_, o) => (
                  <RelativeTime
                    at={o.lastDeviceSyncAt}
                    now={now}
                    language={language}
                    timeZone={timeZone}
                    never={never}
                  />
                ),
              },
            ]}
          />
        </TableRegion>
      </Card>
      {query.data && (
        <Card title={t('offices.sharedTitle')} size="small">
          <Typography.Paragraph type="secondary">{t('offices.sharedBody')}</Typography.Paragraph>
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('tables.smeFirms')}>
              {formatNumber(query.data.sharedCounts.smeFirms ?? 0, language)}
            </Descriptions.Item>
            <Descriptions.Item label={t('tables.fxRates')}>
              {formatNumber(query.data.sharedCounts.fxRates ?? 0, language)}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
    </Space>
  );
}
