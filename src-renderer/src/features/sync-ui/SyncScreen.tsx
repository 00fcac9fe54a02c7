import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Space,
  Typography,
} from 'antd';
import { Link } from 'react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@shared/format';
import { SEED_OFFICES } from '@shared/offices/seed';
import { useSettings } from '../../state/settings-context';
import { DEFAULT_OFFICE_ID, effectiveTimeZone, findOffice } from '../../state/settings-store';
import { ScreenHeader } from '../../screens/ScreenHeader';
import { SyncRequestError } from '../../sync';
import { EnrollmentInputError } from './enrollment';
import { formatRelativeTime } from './relative-time';
import { describeSync } from './sync-phase';
import { UnlinkRefusedError } from './sync-service';
import { useBookingConflictCounts } from './use-booking-conflicts';
import { useSyncService, useSyncState } from './use-sync';

/** The translation key of an enrollment or unlink failure. */
function failureKey(error: unknown): string {
  if (error instanceof EnrollmentInputError) return `sync:enroll.errors.${error.code}`;
  if (error instanceof SyncRequestError) return `errors:sync.${error.code}`;
  if (error instanceof UnlinkRefusedError) return 'sync:unlink.refused';
  return 'errors:unexpected';
}

/** Re-renders every 30 s so "3 minutes ago" stays true. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function SyncScreen() {
  const { t } = useTranslation('sync');
  const loaded = useSyncState((s) => s.loaded);
  const enrolled = useSyncState((s) => s.enrollment !== null);
  return (
    <div data-testid="screen-sync" className="bh-screen">
      <ScreenHeader title={t('title')} subtitle={t('subtitle')} />
      {loaded && (enrolled ? <StatusCard /> : <EnrollmentForm />)}
    </div>
  );
}

interface EnrollValues {
  hqUrl: string;
  code: string;
  deviceName: string;
}

function EnrollmentForm() {
  const { t } = useTranslation(['sync', 'errors']);
  const service = useSyncService();
  const revoked = useSyncState((s) => s.revoked);
  const revokedReason = useSyncState((s) => s.revokedReason);
  const pending = useSyncState((s) => s.pending);
  const [form] = Form.useForm<EnrollValues>();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (values: EnrollValues) => {
    setSubmitting(true);
    setFailure(null);
    try {
      await service.enrollDevice(values.hqUrl, values.code, values.deviceName);
    } catch (error) {
      setFailure(failureKey(error));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Card title={t('enroll.title')} data-testid="sync-enroll">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {revoked && (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-testid="sync-revoked"
            title={t(revokedReason === 'unauthorized' ? 'revoked.unknownTitle' : 'revoked.title')}
            description={t(
              revokedReason === 'unauthorized' ? 'revoked.unknownBody' : 'revoked.body',
            )}
          />
        )}
        <Typography.Paragraph>{t('enroll.intro')}</Typography.Paragraph>
        {pending > 0 && (
          <Typography.Paragraph data-testid="sync-pending-unenrolled">
            {t('enroll.pendingBeforeEnroll', { count: pending })}
          </Typography.Paragraph>
        )}
        <Form<EnrollValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => void submit(values)}
          initialValues={{ hqUrl: '', code: '', deviceName: '' }}
        >
          <Form.Item
            name="hqUrl"
            label={t('enroll.hqUrl')}
            extra={t('enroll.hqUrlHelp')}
            rules={[{ required: true, whitespace: true, message: t('enroll.errors.hqUrlMissing') }]}
          >
            <Input inputMode="url" autoComplete="url" />
          </Form.Item>
          <Form.Item
            name="code"
            label={t('enroll.code')}
            extra={t('enroll.codeHelp')}
            rules={[{ required: true, whitespace: true, message: t('enroll.errors.codeMissing') }]}
          >
            <Input autoComplete="one-time-code" />
          </Form.Item>
          <Form.Item
            name="deviceName"
            label={t('enroll.deviceName')}
            extra={t('enroll.deviceNameHelp')}
            rules={[
              { required: true, whitespace: true, message: t('enroll.errors.deviceNameMissing') },
              { max: 100, message: t('enroll.errors.deviceNameTooLong') },
            ]}
          >
            <Input />
          </Form.Item>
          {failure && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t(failure)}
              style={{ marginBottom: 16 }}
            />
          )}
          <Button type="primary" htmlType="submit" loading={submitting}>
            {t('enroll.submit')}
          </Button>
        </Form>
      </Space>
    </Card>
  );
}

function StatusCard() {
  const { t } = useTranslation(['sync', 'errors']);
  const { message, modal } = App.useApp();
  const service = useSyncService();
  const enrollment = useSyncState((s) => s.enrollment);
  const status = useSyncState((s) => s.status);
  const pending = useSyncState((s) => s.pending);
  const oldestPendingAt = useSyncState((s) => s.oldestPendingAt);
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
          title={t(`phase.${phase.kind}.title`)}
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
              {status?.lastSuccessAt ? when(status.lastSuccessAt) : t('status.never')}
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

/** Help for a refused change, by error code (`sync:rejected.help.<code>`). */
const REJECTED_HELP = new Set([
  'validation_failed',
  'fx_rates_hq_only',
  'office_forbidden',
  'payload_too_large',
  'reserved_field',
  'group_incomplete',
]);

/**
 * What sync cannot settle alone: changes HQ refused (with what to do about each), and the
 * double bookings waiting in the conflict inboxes.
 */
function NeedsAPersonCard() {
  const { t } = useTranslation(['sync', 'errors']);
  const service = useSyncService();
  const rejected = useSyncState((s) => s.rejected);
  const conflicts = useBookingConflictCounts();
  const language = useSettings((s) => s.language);
  const officeId = useSettings((s) => s.officeId);
  const timeZoneOverride = useSettings((s) => s.timeZoneOverride);
  const timeZone = effectiveTimeZone({ officeId, timeZoneOverride });
  const total = rejected.length + conflicts.interpreters + conflicts.vehicles;

  return (
    <Card
      title={
        <span>
          {t('attention.title')} <Badge count={total} aria-hidden />
        </span>
      }
      data-testid="sync-attention"
    >
      {total === 0 ? (
        <Typography.Paragraph data-testid="sync-attention-none">
          {t('attention.none')}
        </Typography.Paragraph>
      ) : null}
      {conflicts.interpreters + conflicts.vehicles > 0 && (
        <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
          <Typography.Title level={5}>{t('attention.conflictsTitle')}</Typography.Title>
          <Typography.Paragraph>{t('attention.conflictsHelp')}</Typography.Paragraph>
          {conflicts.vehicles > 0 && (
            <Link to="/vehicles?tab=conflicts" data-testid="sync-conflicts-vehicles">
              {t('attention.vehicleConflicts', { count: conflicts.vehicles })}
            </Link>
          )}
          {conflicts.interpreters > 0 && (
            <Link to="/interpreters?tab=conflicts" data-testid="sync-conflicts-interpreters">
              {t('attention.interpreterConflicts', { count: conflicts.interpreters })}
            </Link>
          )}
        </Space>
      )}
      {rejected.length > 0 && (
        <>
          <Typography.Title level={5}>
            {t('attention.rejectedTitle', { count: rejected.length })}
          </Typography.Title>
          <Typography.Paragraph>{t('attention.rejectedIntro')}</Typography.Paragraph>
          <ul data-testid="sync-rejected" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {rejected.slice(0, 50).map((row) => (
              <li
                key={row.rid}
                data-testid="sync-rejected-item"
                data-code={row.code}
                style={{
                  display: 'flex',
                  gap: 16,
                  justifyContent: 'space-between',
                  alignItems: 'flex-start',
                  padding: '8px 0',
                  borderTop: '1px solid rgba(5, 5, 5, 0.06)',
                }}
              >
                <div>
                  <Typography.Text strong>
                    {`${t(`tables.${row.mutation.tbl}`, { defaultValue: row.mutation.tbl })} · ${formatDateTime(row.at, timeZone, language)}`}
                  </Typography.Text>
                  <div>
                    {t(`errors:sync.${row.code}`, { defaultValue: t('errors:unexpected') })}
                  </div>
                  <div>
                    {t(
                      REJECTED_HELP.has(row.code)
                        ? `attention.help.${row.code}`
                        : 'attention.help.other',
                    )}
                  </div>
                  <Typography.Text type="secondary" copyable={{ text: row.mutation.id }}>
                    {t('attention.recordId', { id: row.mutation.id.slice(0, 8) })}
                  </Typography.Text>
                </div>
                <Button size="small" onClick={() => void service.dismissRejected(row.rid!)}>
                  {t('attention.dismiss')}
                </Button>
              </li>
            ))}
          </ul>
          {rejected.length > 50 && (
            <Typography.Paragraph type="secondary">
              {t('attention.more', { count: rejected.length - 50 })}
            </Typography.Paragraph>
          )}
        </>
      )}
    </Card>
  );
}
