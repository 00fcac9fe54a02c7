import { CopyOutlined, ExportOutlined, MergeCellsOutlined, SwapOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Pagination, Space, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@shared/format';
import { useSettings } from '../../state/settings-context';
import { effectiveTimeZone } from '../../state/settings-store';
import type { DuplicatePair } from '@shared/crm/duplicate-pairs';
import { useDatabase } from '../../data/database-context';
import { type RejectedRow } from '../../sync';
import { CompanyName } from '../crm';
import { useLive } from '../../data/use-live';
import { dismissDuplicatePair, useDuplicateInbox, type DuplicateInbox } from './duplicates';
import { recordRoute, refusalDetails } from './record-links';
import { useBookingConflictCounts } from './use-booking-conflicts';
import { useSyncService, useSyncState } from '../sync-ui';

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
export function NeedsAPersonCard() {
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
