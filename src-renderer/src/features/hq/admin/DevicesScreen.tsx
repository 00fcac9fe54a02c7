import { Alert, App, Button, Card, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminDevice } from '@shared/admin/api';
import { formatDateTime } from '@shared/format';
import { compareAppVersions } from '@shared/sync/protocol';
import { useHqClient, useHqQuery } from '../api/use-hq';
import {
  HqScreen,
  QueryState,
  RefreshButton,
  RelativeTime,
  WRAP_COLUMN,
  firstLoad,
  officeName,
  problemKey,
  useNow,
  useView,
} from '../common';
import { TableRegion } from '../dashboard/TableRegion';
import { AppLockCard } from './AppLockCard';

/** Filter value for HQ devices (office id null). */
const HQ_FILTER = '__hq__';
/** Every laptop: a string too (antd warns on a null option value). */
const ALL_FILTER = '__all__';

export function DevicesScreen() {
  const { t } = useTranslation('hq');
  return (
    <HqScreen
      testId="screen-hq-devices"
      title={t('devices.title')}
      subtitle={t('devices.subtitle')}
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <DevicesTable />
        <AppLockCard />
      </Space>
    </HqScreen>
  );
}

function DevicesTable() {
  const { t } = useTranslation(['hq', 'errors']);
  const { modal, message } = App.useApp();
  const { language, timeZone } = useView();
  const now = useNow();
  const client = useHqClient();
  const query = useHqQuery('admin/devices', (c) => c.devices());
  const offices = useHqQuery('admin/offices', (c) => c.offices());
  const [filter, setFilter] = useState<string>(ALL_FILTER);
  const hqLabel = t('common.hq');
  const nameOf = (id: string | null) => officeName(id, language, offices.data?.offices, hqLabel);
  const devices = (query.data?.devices ?? []).filter(
    (d) =>
      filter === ALL_FILTER || (filter === HQ_FILTER ? d.officeId === null : d.officeId === filter),
  );

  const revoke = (device: AdminDevice) => {
    modal.confirm({
      title: t('devices.revokeTitle', { name: device.name }),
      content: t('devices.revokeBody', { office: nameOf(device.officeId) }),
      okText: t('devices.revokeOk'),
      okButtonProps: { danger: true, ...{ 'data-testid': 'hq-revoke-confirm' } },
      cancelText: t('common.cancel'),
      onOk: async () => {
        if (!client) return;
        try {
          await client.revokeDevice(device.id);
          void message.success(t('devices.revoked', { name: device.name }));
          query.reload();
        } catch (error) {
          void message.error(t(problemKey(error)));
        }
      },
    });
  };

  const officeIds = [...new Set((query.data?.devices ?? []).map((d) => d.officeId))];
  const newest = query.data?.newestRelease ?? null;
  const isBehind = (d: AdminDevice) =>
    newest !== null && !!d.appVersion && compareAppVersions(d.appVersion, newest) < 0;
  const behind = (query.data?.devices ?? []).filter((d) => d.revokedAt === null && isBehind(d));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <QueryState query={query} />
      {newest !== null && (
        <Alert
          data-testid="hq-devices-versions"
          type={behind.length > 0 ? 'warning' : 'success'}
          showIcon
          title={
            behind.length > 0
              ? t('devices.behindSummary', { count: behind.length, version: newest })
              : t('devices.upToDate', { version: newest })
          }
        />
      )}
      <Card
        title={t('devices.listTitle')}
        extra={
          <Space wrap>
            <Select<string>
              aria-label={t('devices.filter')}
              style={{ minWidth: 200 }}
              value={filter}
              onChange={setFilter}
              options={[
                { value: ALL_FILTER, label: t('devices.allOffices') },
                ...officeIds.map((id) => ({ value: id ?? HQ_FILTER, label: nameOf(id) })),
              ]}
            />
            <RefreshButton onRefresh={query.reload} loading={query.loading} />
          </Space>
        }
      >
        <TableRegion label={t('devices.listTitle')}>
          <Table<AdminDevice>
            rowKey="id"
            size="small"
            data-testid="hq-devices-table"
            loading={firstLoad(query)}
            dataSource={devices}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            locale={{ emptyText: t('devices.none') }}
            columns={[
              {
                key: 'name',
                title: t('devices.name'),
                render: (_, d) => (
                  <Space size={4} wrap>
                    <span>{d.name}</span>
                    {d.id === query.data?.selfId && (
                      <Tag color="blue">{t('devices.thisDevice')}</Tag>
                    )}
                  </Space>
                ),
              },
              {
                key: 'person',
                title: t('devices.person'),
                className: WRAP_COLUMN,
                render: (_, d) =>
                  d.staffName ? (
                    <span data-testid={`hq-device-person-${d.id}`}>{d.staffName}</span>
                  ) : (
                    <span className="bh-hq-muted" data-testid={`hq-device-person-${d.id}`}>
                      {t('devices.notNamed')}
                    </span>
                  ),
              },
              { key: 'office', title: t('devices.office'), render: (_, d) => nameOf(d.officeId) },
              {
                key: 'enrolled',
                title: t('devices.enrolled'),
                render: (_, d) => formatDateTime(d.createdAt, timeZone, language),
              },
              {
                key: 'lastSync',
                title: t('devices.lastSync'),
                render: (_, d) => (
                  <RelativeTime
                    at={d.lastSyncAt}
                    now={now}
                    language={language}
                    timeZone={timeZone}
                    never={t('common.never')}
                  />
                ),
              },
              {
                key: 'version',
                title: t('devices.version'),
                render: (_, d) =>
                  d.appVersion ? (
                    <Space size={4} wrap>
                      <span data-testid={`hq-device-version-${d.id}`}>{d.appVersion}</span>
                      {isBehind(d) && (
                        <Tag color="orange" title={t('devices.behindTitle', { version: newest })}>
                          {t('devices.behind')}
                        </Tag>
                      )}
                    </Space>
                  ) : (
                    <span className="bh-hq-muted">{t('devices.versionUnknown')}</span>
                  ),
              },
              {
                key: 'status',
                title: t('devices.status'),
                render: (_, d) =>
                  d.revokedAt === null ? (
                    <Tag color="green">{t('devices.active')}</Tag>
                  ) : (
                    <Tag
                      color="red"
                      title={formatDateTime(d.revokedAt, timeZone, language)}
                      data-testid={`device-revoked-${d.id}`}
                    >
                      {t(
                        d.revokedBy === 'device'
                          ? 'devices.revokedByDevice'
                          : d.revokedBy === 'relink'
                            ? 'devices.revokedByRelink'
                            : 'devices.revokedTag',
                      )}
                    </Tag>
                  ),
              },
              {
                key: 'actions',
                title: t('devices.actions'),
                render: (_, d) =>
                  d.revokedAt === null && d.id !== query.data?.selfId ? (
                    <Button
                      danger
                      size="small"
                      onClick={() => revoke(d)}
                      aria-label={t('devices.revokeLabel', { name: d.name })}
                      data-testid={`hq-revoke-${d.id}`}
                    >
                      {t('devices.revoke')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </TableRegion>
      </Card>
    </Space>
  );
}
