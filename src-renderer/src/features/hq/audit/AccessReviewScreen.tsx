import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { monthPickerFormat } from '../../../ui/picker-formats';
import { formatMonth } from '../dashboard/report-model';
import { capitalize } from '../dashboard/comparison-label';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TableRegion } from '../dashboard/TableRegion';
import {
  ACCESS_ACTIONS,
  ACCESS_LOG_PATHS,
  accessReviewResponseSchema,
  monthReviewSchema,
  monthReviewsResponseSchema,
  type AccessAction,
  type ReviewedEntry,
} from '@shared/audit';
import { formatDateTime } from '@shared/format';
import { findOffice } from '../../../state/settings-store';
import { datedName, downloadBlob } from '../../../ui/download';
import { useActor } from '../../sync-ui';
import { useHqClient, useHqQuery } from '../api/use-hq';
import {
  HqScreen,
  QueryState,
  RefreshButton,
  WRAP_COLUMN,
  officeName,
  problemKey,
  useView,
} from '../common';
import { reviewCsv } from './review-csv';

const ALL = '__all__';
/** HQ laptops in the office filter (the server's `hq`). */
const HQ = 'hq';
const HQ_ZONE = 'Asia/Seoul';
const zoneOf = (officeId: string | null) => (officeId ? findOffice(officeId).timeZone : HQ_ZONE);

/** HQ's monthly review of the access records (issue 14, item 5). */
export function AccessReviewScreen() {
  const { t } = useTranslation('audit');
  return (
    <HqScreen testId="screen-hq-access" title={t('review.title')} subtitle={t('review.subtitle')}>
      <AccessReview />
    </HqScreen>
  );
}

function AccessReview() {
  const { t } = useTranslation(['audit', 'hq']);
  const { message } = App.useApp();
  const { language } = useView();
  const client = useHqClient();
  const actor = useActor();
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  const [office, setOffice] = useState(ALL);
  const [staff, setStaff] = useState(ALL);
  const [action, setAction] = useState<AccessAction | typeof ALL>(ALL);
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const [marking, setMarking] = useState(false);
  const [note, setNote] = useState('');

  const params = new URLSearchParams({
    from: month.startOf('month').format('YYYY-MM-DD'),
    to: month.endOf('month').format('YYYY-MM-DD'),
    ...(office !== ALL ? { office } : {}),
    ...(staff !== ALL ? { staff } : {}),
    ...(action !== ALL ? { action } : {}),
    ...(flaggedOnly ? { flaggedOnly: '1' } : {}),
  });
  const path = `${ACCESS_LOG_PATHS.review}?${params}`;
  const query = useHqQuery(path, (c) => c.get(path, accessReviewResponseSchema));
  const offices = useHqQuery('admin/offices', (c) => c.offices());
  const reviews = useHqQuery('admin/access-reviews', (c) =>
    c.get(ACCESS_LOG_PATHS.reviews, monthReviewsResponseSchema),
  );
  const nameOf = (id: string | null) =>
    officeName(id, language, offices.data?.offices, t('hq:common.hq'));
  const monthKey = month.format('YYYY-MM');
  // The month as people read it ("December 2026", "2026년 12월"), never "2026-12".
  const monthWords = formatMonth(monthKey, language);
  const scope = office === ALL || office === HQ ? null : office;
  const done = reviews.data?.reviews.find((r) => r.month === monthKey && r.officeId === scope);
  const data = query.data;
  const flaggedCount = data
    ? data.entries.filter((e) => e.flags.length || e.chainFlags.length).length
    : 0;

  const exportCsv = async () => {
    if (!client) return;
    try {
      const all = new URLSearchParams(params);
      all.set('limit', '100000');
      const res = await client.get(`${ACCESS_LOG_PATHS.review}?${all}`, accessReviewResponseSchema);
      const csv = reviewCsv(res.entries, t, language, nameOf, zoneOf);
      downloadBlob(
        csv,
        `${datedName(`access-records-${monthKey}`, HQ_ZONE)}.csv`,
        'text/csv;charset=utf-8',
      );
      void message.success(t('review.exported', { count: res.entries.length }));
    } catch (error) {
      void message.error(t(problemKey(error), { ns: 'hq' }));
    }
  };

  const markReviewed = async () => {
    if (!client) return;
    try {
      await client.post(ACCESS_LOG_PATHS.reviews, monthReviewSchema, {
        month: monthKey,
        officeId: scope,
        note: note.trim(),
        reviewer: actor?.staffName ?? null,
      });
      setMarking(false);
      setNote('');
      reviews.reload();
      void message.success(capitalize(t('review.month.saved', { month: monthWords }), language));
    } catch (error) {
      void message.error(t(problemKey(error), { ns: 'hq' }));
    }
  };

  const officeIds = [...new Set((offices.data?.offices ?? []).map((o) => o.id))].filter(
    (id) => findOffice(id).id === id,
  );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <DatePicker
          picker="month"
          format={monthPickerFormat(language)}
          allowClear={false}
          value={month}
          onChange={(v) => v && setMonth(v)}
          aria-label={t('review.period')}
          data-testid="access-month"
        />
        <Select
          style={{ minWidth: 180 }}
          aria-label={t('review.office')}
          value={office}
          onChange={setOffice}
          options={[
            { value: ALL, label: t('review.allOffices') },
            ...officeIds.map((id) => ({ value: id, label: nameOf(id) })),
            { value: HQ, label: t('review.hqLaptop') },
          ]}
          data-testid="access-office"
        />
        <Select
          style={{ minWidth: 160 }}
          aria-label={t('review.person')}
          value={staff}
          onChange={setStaff}
          options={[
            { value: ALL, label: t('review.allPeople') },
            ...(data?.staff ?? []).map((s) => ({ value: s, label: s })),
          ]}
        />
        <Select
          style={{ minWidth: 160 }}
          aria-label={t('review.actionFilter')}
          value={action}
          onChange={setAction}
          options={[
            { value: ALL, label: t('review.allActions') },
            ...ACCESS_ACTIONS.map((a) => ({ value: a, label: t(`action.${a}`) })),
          ]}
          data-testid="access-action"
        />
        <Checkbox checked={flaggedOnly} onChange={(e) => setFlaggedOnly(e.target.checked)}>
          {t('review.flaggedOnly')}
        </Checkbox>
        <RefreshButton onRefresh={query.reload} loading={query.loading} />
        <Button
          onClick={() => void exportCsv()}
          disabled={!data?.total}
          data-testid="access-export"
        >
          {t('review.exportCsv')}
        </Button>
      </Space>
      <QueryState query={query} />
      <Card size="small" title={t('review.month.title')}>
        <Space wrap>
          {done ? (
            <span data-testid="access-reviewed">
              {t('review.month.done', {
                who: done.reviewer,
                when: formatDateTime(done.reviewedAt, HQ_ZONE, language),
              })}
              {done.note ? ` — ${done.note}` : ''}
            </span>
          ) : (
            <span>{capitalize(t('review.month.notDone', { month: monthWords }), language)}</span>
          )}
          <Button type="primary" onClick={() => setMarking(true)} data-testid="access-mark">
            {t('review.month.mark', { month: monthWords })}
          </Button>
        </Space>
      </Card>
      {data && data.chainFlags.length > 0 ? (
        <Alert
          type="error"
          showIcon
          message={t('review.chain.title')}
          data-testid="access-chain-flags"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {data.chainFlags.map((f) => (
                <li key={`${f.deviceId}-${f.seq}-${f.kind}`}>
                  {t(`review.chain.${f.kind}`, {
                    device: f.deviceName,
                    seq: f.seq,
                    count: f.missing ?? 0,
                  })}
                </li>
              ))}
            </ul>
          }
        />
      ) : data ? (
        <Alert type="success" showIcon message={t('review.chain.ok')} />
      ) : null}
      {data?.truncated && (
        <Alert
          type="info"
          message={t('review.truncated', { shown: data.entries.length, total: data.total })}
        />
      )}
      {data && (
        <div aria-live="polite">
          {t('review.summary', { total: data.total, flagged: flaggedCount })}
        </div>
      )}
      <TableRegion label={t('review.title')}>
        <Table<ReviewedEntry>
          size="small"
          rowKey={(e) => `${e.deviceId}:${e.seq}`}
          dataSource={data?.entries ?? []}
          loading={query.loading && !data}
          locale={{ emptyText: t('review.empty') }}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          data-testid="access-table"
          columns={[
            {
              title: t('review.time'),
              key: 'at',
              render: (_, e) => formatDateTime(e.at, zoneOf(e.officeId), language),
            },
            { title: t('review.office'), key: 'office', render: (_, e) => nameOf(e.officeId) },
            {
              title: t('review.person'),
              key: 'person',
              render: (_, e) =>
                e.staffName ?? <span className="bh-hq-muted">{t('review.noPerson')}</span>,
            },
            { title: t('review.laptop'), dataIndex: 'deviceName' },
            {
              title: t('review.actionFilter'),
              key: 'action',
              render: (_, e) => t(`action.${e.action}`),
            },
            {
              title: t('review.what'),
              key: 'what',
              className: WRAP_COLUMN,
              render: (_, e) =>
                t(`object.${e.object}`) + (e.format ? ` · ${t(`format.${e.format}`)}` : ''),
            },
            { title: t('review.subjects'), dataIndex: 'count', align: 'right' },
            {
              title: t('review.reason'),
              key: 'reason',
              className: WRAP_COLUMN,
              render: (_, e) =>
                e.reasonCode
                  ? `${t(`reasons.${e.reasonCode}`)}${e.reasonNote ? ` — ${e.reasonNote}` : ''}`
                  : '',
            },
            {
              title: t('review.flags'),
              key: 'flags',
              className: WRAP_COLUMN,
              render: (_, e) => (
                <Space size={4} wrap>
                  {e.flags.map((f) => (
                    <Tag key={f} color="orange">
                      {t(`review.flag.${f}`)}
                    </Tag>
                  ))}
                  {e.chainFlags.map((f) => (
                    <Tag key={f} color="red">
                      {t('review.chain.title')}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </TableRegion>
      <Modal
        open={marking}
        title={t('review.month.mark', { month: monthWords })}
        okText={t('review.month.save')}
        cancelText={t('hq:common.cancel')}
        onOk={() => void markReviewed()}
        onCancel={() => setMarking(false)}
        okButtonProps={{ 'data-testid': 'access-mark-ok' }}
      >
        <p>{scope ? nameOf(scope) : t('review.month.scopeAll')}</p>
        <Input.TextArea
          aria-label={t('review.month.note')}
          placeholder={t('review.month.notePlaceholder')}
          value={note}
          maxLength={2000}
          autoSize={{ minRows: 3 }}
          onChange={(e) => setNote(e.target.value)}
          data-testid="access-mark-note"
        />
      </Modal>
    </Space>
  );
}
