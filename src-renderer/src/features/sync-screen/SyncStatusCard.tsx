import { Alert, App, Button, Card, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@shared/format';
import { SEED_OFFICES } from '@shared/offices/seed';
import { useSettings } from '../../state/settings-context';
import { DEFAULT_OFFICE_ID, effectiveTimeZone, findOffice } from '../../state/settings-store';
import { formatRelativeTime, formatSince } from '../../ui/relative-time';
import { describeSync, useSyncService, useSyncState } from '../sync-ui';
import { failureKey, useNow } from './sync-screen-common';
import { NeedsAPersonCard } from './NeedsAPerson';

export function SyncStatusCard() {
  const { t } = useTranslation(['sync', 'errors']);
  const { message, modal } = App.useApp();
  const service = useSyncService();
  const enrollment = useSyncState((s) => s.enrollment);
  const status = useSyncState((s) => s.status);
  const pending = useSyncState((s) => s.pending);
  const oldestPendingAt = useSyncState((s) => s.oldestPendingAt);
  // Kept on the laptop: true after a restart with HQ down too.
  const lastSuccessAt = useSyncState((s) => s.lastSuccessAt);
  const failingSince = useSyncState((s) => s.failingSince);
  const language = useSettings((s) => s.language);
  const officeId = useSettings((s) => s.officeId);
  const timeZoneOverride = useSettings((s) => s.timeZoneOverride);
  const timeZone = effectiveTimeZone({ officeId, timeZoneOverride });
  const now = useNow();
  if (!enrollment) return null;

  const phase = describeSync(status);
  const enrolledOffice = enrollment.officeId ?? DEFAULT_OFFICE_ID;
  const officeName = SEED_OFFICES.some((o) => o.id === enrolledOffice)
    ? findOffice(enrolledOffice).names[language]
    : enrolledOffice;
  const when = (ms: number) =>
    t('status.when', {
      relative: formatRelativeTime(ms, now, language),
      absolute: formatDateTime(ms, timeZone, language),
    });

  const sinceLabel = (ms: number) => formatSince(ms, now, timeZone, language);

  const unlink = () => {
    if (pending > 0) {
      modal.warning({ title: t('unlink.title'), content: t('unlink.refused') });
      return;
    }
    modal.confirm({
      title: t('unlink.title'),
      content: t('unlink.confirm'),
      okText: t('unlink.ok'),
      okButtonProps: { danger: true },
      cancelText: t('unlink.cancel'),
      onOk: () =>
        service.unlink().catch((error: unknown) => {
          void message.error(t(failureKey(error)));
        }),
    });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {status?.clockDrift && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          data-testid="sync-clock-warning"
          title={t('clock.title')}
          description={t('clock.body')}
        />
      )}
      <Card
        title={t('status.title')}
        data-testid="sync-status"
        extra={
          <Button
            type="primary"
            onClick={() => void service.syncNow()}
            loading={status?.phase === 'syncing'}
            disabled={phase.kind === 'blocked'}
          >
            {t('status.syncNow')}
          </Button>
        }
      >
        <Alert
          type={phase.alert}
          showIcon
          data-testid="sync-phase"
          title={
            phase.kind === 'unreachable' && failingSince !== null
              ? t('phase.unreachable.titleSince', { since: sinceLabel(failingSince) })
              : t(`phase.${phase.kind}.title`)
          }
          description={
            phase.errorCode
              ? `${t(`errors:sync.${phase.errorCode}`, { defaultValue: t('errors:unexpected') })} ${t(`phase.${phase.kind}.body`)}`
              : t(`phase.${phase.kind}.body`)
          }
          style={{ marginBottom: 16 }}
        />
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('status.lastSynced')}>
            <span data-testid="sync-last-success">
              {lastSuccessAt ? when(lastSuccessAt) : t('status.never')}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('status.pending')}>
            <span data-testid="sync-pending">
              {pending === 0
                ? t('status.nothingPending')
                : oldestPendingAt
                  ? t('status.pendingSince', { count: pending, since: when(oldestPendingAt) })
                  : t('status.pendingCount', { count: pending })}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('status.office')}>
            <span data-testid="sync-office">
              {enrollment.officeId ? officeName : t('status.hqDevice')}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('status.person')}>
            {enrollment.staff ? (
              <span data-testid="sync-person">{enrollment.staff.name}</span>
            ) : (
              <Space orientation="vertical" size={0}>
                {/* Not antd's warning colour: #faad14 fails AA on white (axe). */}
                <Typography.Text strong data-testid="sync-person">
                  {t('status.notNamed')}
                </Typography.Text>
                <Typography.Text type="secondary">{t('status.notNamedHelp')}</Typography.Text>
              </Space>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('status.hqUrl')}>
            <Typography.Text code>{enrollment.hqUrl}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('status.deviceId')}>
            <Typography.Text code copyable>
              {enrollment.deviceId}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('status.enrolledAt')}>
            {formatDateTime(enrollment.enrolledAt, timeZone, language)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <NeedsAPersonCard />
      <Card title={t('unlink.title')} size="small">
        <Typography.Paragraph>{t('unlink.explain')}</Typography.Paragraph>
        <Button danger onClick={unlink} data-testid="sync-unlink">
          {t('unlink.button')}
        </Button>
      </Card>
    </Space>
  );
}

/** Help for a refused change, by error code (`sync:attention.help.<code>`). */
