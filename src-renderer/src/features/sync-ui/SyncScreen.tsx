import { CopyOutlined, ExportOutlined, MergeCellsOutlined, SwapOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Pagination,
  Space,
  Tag,
  Typography,
} from 'antd';
import { Link, useNavigate } from 'react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@shared/format';
import { SEED_OFFICES } from '@shared/offices/seed';
import { useSettings } from '../../state/settings-context';
import { DEFAULT_OFFICE_ID, effectiveTimeZone, findOffice } from '../../state/settings-store';
import { ScreenHeader } from '../../screens/ScreenHeader';
import type { DuplicatePair } from '@shared/crm/duplicate-pairs';
import { useDatabase } from '../../data/database-context';
import { SyncRequestError, type RejectedRow } from '../../sync';
import { CompanyName } from '../crm/common/names';
import { useLive } from '../crm/data/use-crm';
import { dismissDuplicatePair, useDuplicateInbox, type DuplicateInbox } from './duplicates';
import { recordRoute, refusalDetails } from './record-links';
import { EnrollmentInputError } from './enrollment';
import { formatRelativeTime } from './relative-time';
import { describeSync } from './sync-phase';
import { UnlinkRefusedError } from './sync-service';
import { useBookingConflictCounts } from './use-booking-conflicts';
import { countDemoRecords } from '../demo/demo-guard';
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
  const { message } = App.useApp();
  const db = useDatabase();
  const [demoRecords, setDemoRecords] = useState(0);
  useEffect(() => {
    let alive = true;
    countDemoRecords(db).then(
      (n) => alive && setDemoRecords(n),
      () => {},
    );
    return () => {
      alive = false;
    };
  }, [db]);

  const submit = async (values: EnrollValues) => {
    setSubmitting(true);
    setFailure(null);
    try {
      // Linking removes the demo records first (the warning above said how many).
      const demoBefore = await countDemoRecords(db);
      await service.enrollDevice(values.hqUrl, values.code, values.deviceName);
      if (demoBefore > 0) void message.info(t('enroll.demoRemoved', { count: demoBefore }));
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
        {demoRecords > 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="sync-demo-warning"
            title={t('enroll.demoWarningTitle')}
            description={t('enroll.demoWarning', { count: demoRecords })}
          />
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

/** Help for a refused change, by error code (`sync:attention.help.<code>`). */
const REJECTED_HELP = new Set([
  'validation_failed',
  'fx_rates_hq_only',
  'office_forbidden',
  'payload_too_large',
  'reserved_field',
  'group_incomplete',
]);

/** Pairs of likely duplicate buyers shown at once (the rest are a page away). */
const DUPLICATES_PAGE = 10;

/**
 * What sync cannot settle alone: changes HQ refused (with what to do about each), the
 * double bookings waiting in the conflict inboxes, and buyers that look entered twice.
 */
function NeedsAPersonCard() {
  // HQ laptops do not settle an office's duplicates (nor load every office's buyers for it).
  const officeDevice = useSyncState((s) => Boolean(s.enrollment?.officeId));
  return officeDevice ? <OfficeNeedsAPerson /> : <NeedsAPersonList duplicates={NO_DUPLICATES} />;
}

const NO_DUPLICATES: DuplicateInbox = { ready: true, pairs: [], rows: new Map() };

function OfficeNeedsAPerson() {
  const officeId = useSettings((s) => s.officeId);
  return <NeedsAPersonList duplicates={useDuplicateInbox(officeId)} />;
}

function NeedsAPersonList({ duplicates }: { duplicates: DuplicateInbox }) {
  const { t } = useTranslation(['sync', 'errors']);
  const rejected = useSyncState((s) => s.rejected);
  const conflicts = useBookingConflictCounts();
  const total =
    rejected.length + conflicts.interpreters + conflicts.vehicles + duplicates.pairs.length;

  return (
    <Card
      title={
        <span>
          {t('attention.title')}{' '}
          <Badge count={total} aria-hidden data-testid="sync-attention-count" />
        </span>
      }
      data-testid="sync-attention"
    >
      {total === 0 ? (
        <Typography.Paragraph data-testid="sync-attention-none">
          {t('attention.none')}
        </Typography.Paragraph>
      ) : null}
      {!duplicates.ready && (
        // The buyers are still loading (a big office takes a moment after start).
        <Typography.Paragraph type="secondary" data-testid="sync-duplicates-checking">
          {t('attention.duplicatesChecking')}
        </Typography.Paragraph>
      )}
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
      {duplicates.pairs.length > 0 && <DuplicatesSection inbox={duplicates} />}
      {rejected.length > 0 && (
        <>
          <Typography.Title level={5}>
            {t('attention.rejectedTitle', { count: rejected.length })}
          </Typography.Title>
          <Typography.Paragraph>{t('attention.rejectedIntro')}</Typography.Paragraph>
          <ul data-testid="sync-rejected" className="sync-attention-list">
            {rejected.slice(0, 50).map((row) => (
              <RejectedItem key={row.rid} row={row} />
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

/** Likely duplicate buyers: open the side-by-side merge, or "not a duplicate". */
function DuplicatesSection({ inbox }: { inbox: DuplicateInbox }) {
  const { t } = useTranslation(['sync', 'crm']);
  const { message } = App.useApp();
  const db = useDatabase();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState<string | null>(null);
  const { pairs, rows } = inbox;
  const pages = Math.max(1, Math.ceil(pairs.length / DUPLICATES_PAGE));
  const current = Math.min(page, pages);
  const shown = pairs.slice((current - 1) * DUPLICATES_PAGE, current * DUPLICATES_PAGE);

  const dismiss = async (pair: DuplicatePair) => {
    setBusy(pair.key);
    try {
      await dismissDuplicatePair(db, pair);
      void message.success(t('attention.duplicateDismissed'));
    } catch (error) {
      console.error(error);
      void message.error(t('errors:unexpected'));
    } finally {
      setBusy(null);
    }
  };

  const name = (id: string) => {
    const row = rows.get(id);
    return row ? (
      <CompanyName
        inline
        nameNative={row.nameNative}
        nameLatin={row.nameLatin}
        nameScript={row.nameScript}
      />
    ) : (
      id
    );
  };

  return (
    <section data-testid="sync-duplicates" style={{ marginBottom: 16 }}>
      <Typography.Title level={5}>
        {t('attention.duplicatesTitle', { count: pairs.length })}
      </Typography.Title>
      <Typography.Paragraph>{t('attention.duplicatesHelp')}</Typography.Paragraph>
      <ul className="sync-attention-list">
        {shown.map((pair) => {
          const [a, b] = pair.buyerIds;
          // One line per fact: "same company name" twice (native and Latin) says nothing more.
          const evidence = [
            ...new Set(
              pair.evidence.map((e) => t(`crm:dupes.reason.${e.reason}`, { value: e.value })),
            ),
          ].join(' · ');
          return (
            <li
              key={pair.key}
              className="sync-attention-item"
              data-testid="sync-duplicate"
              data-pair={pair.key}
            >
              <div className="sync-attention-body">
                <div className="sync-duplicate-names">
                  <Link to={`/buyers/${encodeURIComponent(a)}`}>{name(a)}</Link>
                  <SwapOutlined aria-hidden />
                  <span className="sr-only">{t('attention.duplicateAnd')}</span>
                  <Link to={`/buyers/${encodeURIComponent(b)}`}>{name(b)}</Link>
                </div>
                <div>
                  <Tag className="sync-duplicate-level">{t(`crm:dupes.level.${pair.level}`)}</Tag>
                  <Typography.Text type="secondary">{evidence}</Typography.Text>
                </div>
              </div>
              <Space wrap className="sync-attention-actions">
                <Button
                  size="small"
                  type="primary"
                  icon={<MergeCellsOutlined aria-hidden />}
                  onClick={() =>
                    void navigate(`/buyers/${encodeURIComponent(a)}?merge=${encodeURIComponent(b)}`)
                  }
                  data-testid="sync-duplicate-merge"
                >
                  {t('attention.duplicateMerge')}
                </Button>
                <Button
                  size="small"
                  loading={busy === pair.key}
                  onClick={() => void dismiss(pair)}
                  data-testid="sync-duplicate-dismiss"
                >
                  {t('attention.duplicateDismiss')}
                </Button>
              </Space>
            </li>
          );
        })}
      </ul>
      {pages > 1 && (
        <Pagination
          size="small"
          current={current}
          pageSize={DUPLICATES_PAGE}
          total={pairs.length}
          onChange={setPage}
          showSizeChanger={false}
          style={{ marginTop: 8 }}
        />
      )}
    </section>
  );
}

/** One refused change: why, what to do, and the buttons to do it. */
function RejectedItem({ row }: { row: RejectedRow }) {
  const { t } = useTranslation(['sync', 'errors']);
  const { message, modal } = App.useApp();
  const service = useSyncService();
  const db = useDatabase();
  const navigate = useNavigate();
  const deviceId = useSyncState((s) => s.enrollment?.deviceId ?? null);
  const language = useSettings((s) => s.language);
  const officeId = useSettings((s) => s.officeId);
  const timeZoneOverride = useSettings((s) => s.timeZoneOverride);
  const timeZone = effectiveTimeZone({ officeId, timeZoneOverride });
  const { tbl, id } = row.mutation;
  // Re-resolved when the record changes (e.g. corrected, merged away, deleted).
  const route = useLive(() => recordRoute(db, tbl, id), [db, tbl, id]);
  const tableLabel = t(`tables.${tbl}`, { defaultValue: tbl });
  const when = formatDateTime(row.at, timeZone, language);
  const reason = t(`errors:sync.${row.code}`, { defaultValue: t('errors:unexpected') });

  const copyDetails = async () => {
    const text = refusalDetails(
      row,
      { table: tableLabel, when, reason, deviceId },
      {
        heading: t('attention.details.heading'),
        record: t('attention.details.record'),
        when: t('attention.details.when'),
        reason: t('attention.details.reason'),
        hqSaid: t('attention.details.hqSaid'),
        fields: t('attention.details.fields'),
        device: t('attention.details.device'),
      },
    );
    try {
      await navigator.clipboard.writeText(text);
      void message.success(t('attention.copied'));
    } catch {
      // No clipboard access (e.g. a plain http page): show the text to copy by hand.
      modal.info({
        title: t('attention.copyManually'),
        width: 640,
        content: <pre className="sync-details-text">{text}</pre>,
      });
    }
  };

  return (
    <li className="sync-attention-item" data-testid="sync-rejected-item" data-code={row.code}>
      <div className="sync-attention-body">
        <Typography.Text strong>{`${tableLabel} · ${when}`}</Typography.Text>
        <div>{reason}</div>
        <div>
          {t(REJECTED_HELP.has(row.code) ? `attention.help.${row.code}` : 'attention.help.other')}
        </div>
        <Typography.Text type="secondary" copyable={{ text: id }}>
          {t('attention.recordId', { id: id.slice(0, 8) })}
        </Typography.Text>
        {route === null && (
          <div>
            <Typography.Text type="secondary" data-testid="sync-rejected-no-record">
              {t('attention.recordGone')}
            </Typography.Text>
          </div>
        )}
      </div>
      <Space wrap className="sync-attention-actions">
        {route && (
          <Button
            size="small"
            type="primary"
            icon={<ExportOutlined aria-hidden />}
            onClick={() => void navigate(route)}
            data-testid="sync-rejected-open"
          >
            {t('attention.openRecord')}
          </Button>
        )}
        <Button
          size="small"
          icon={<CopyOutlined aria-hidden />}
          onClick={() => void copyDetails()}
          data-testid="sync-rejected-copy"
        >
          {t('attention.copyDetails')}
        </Button>
        <Button
          size="small"
          onClick={() => void service.dismissRejected(row.rid!)}
          data-testid="sync-rejected-dismiss"
        >
          {t('attention.dismiss')}
        </Button>
      </Space>
    </li>
  );
}
