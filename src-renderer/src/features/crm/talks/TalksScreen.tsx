import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space, Spin, Table, Tabs, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NamedSelect } from '../../../ui/named-options';
import { Link, useSearchParams } from 'react-router';
import { nameLang } from '@shared/crm/names';
import type { SmeFirm, TradeTalk } from '@shared/crm/schemas';
import { formatDateTime, formatNumber } from '@shared/format';
import { monthOf } from '@shared/money';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { useDatabase } from '../../../data/database-context';
import { ScreenHeader } from '../../../ui/ScreenHeader';
import { AmountView } from '../common/amounts';
import { firmLabel } from '../common/firms';
import { useCrmLabels, useOfficeContext } from '../common/use-labels';
import { CRM_TABLES, stripMeta } from '../data/records';
import { loadFxTables } from '../data/talk-repository';
import { useCrmIndex } from '../data/use-crm';
import { useLive } from '../../../data/use-live';
import { DashboardPanel } from './DashboardPanel';
import { PipelineBoard } from './PipelineBoard';
import { SmeFirmModal } from './SmeFirmModal';
import { TalkFormModal } from './TalkFormModal';
import { todayInZone } from './wall-time';
import '../crm.css';
import { useIsHqDevice } from '../../sync-ui';
import { canEditOfficeRecord } from '../common/office-access';

const TABS = ['board', 'history', 'firms', 'dashboard'] as const;
type Tab = (typeof TABS)[number];

/** Trade talks: pipeline board, history per buyer / SME firm, the firms, and the office dashboard. */
export function TalksScreen() {
  const { t } = useTranslation('crm');
  const db = useDatabase();
  const labels = useCrmLabels();
  const { language, timeZone, office } = useOfficeContext();
  const { index, version } = useCrmIndex();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'board';
  const [logging, setLogging] = useState(false);
  const [editing, setEditing] = useState<TradeTalk | null>(null);
  const [firmModal, setFirmModal] = useState(false);
  const isHqDevice = useIsHqDevice();
  const [buyerQuery, setBuyerQuery] = useState('');

  const data = useLive(async () => {
    const talks = (await db.table<TradeTalk>(CRM_TABLES.tradeTalks).toArray()).map(stripMeta);
    const firms = (await db.table<SmeFirm>(CRM_TABLES.smeFirms).toArray()).map(stripMeta);
    const fx = await loadFxTables(db);
    return { talks, firms, fx };
  }, [db]);

  const firmsById = useMemo(() => new Map((data?.firms ?? []).map((f) => [f.id, f])), [data]);
  const years = useMemo(() => {
    const set = new Set<number>([new Date().getFullYear()]);
    for (const talk of data?.talks ?? [])
      set.add(Number(monthOf(talk.startsAt, talk.timeZone).slice(0, 4)));
    return [...set].sort((a, b) => b - a);
  }, [data]);
  const yearParam = Number(params.get('year')) || years[0]!;
  const buyerFilter = params.get('buyer') ?? undefined;
  const firmFilter = params.get('firm') ?? undefined;

  const setParam = (entries: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(entries)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  const boardTalks = useMemo(
    () =>
      (data?.talks ?? []).filter((x) =>
        monthOf(x.startsAt, x.timeZone).startsWith(String(yearParam)),
      ),
    [data, yearParam],
  );
  const history = useMemo(
    () =>
      (data?.talks ?? [])
        .filter(
          (x) =>
            (!buyerFilter || x.buyerId === buyerFilter) &&
            (!firmFilter || x.smeFirmId === firmFilter),
        )
        .sort((a, b) => (a.startsAt < b.startsAt ? 1 : -1)),
    [data, buyerFilter, firmFilter],
  );
  const talksPerFirm = useMemo(() => {
    const m = new Map<string, number>();
    for (const x of data?.talks ?? []) m.set(x.smeFirmId, (m.get(x.smeFirmId) ?? 0) + 1);
    return m;
  }, [data]);

  const buyerNamed = useMemo(() => {
    const ids = buyerQuery.trim()
      ? index
          .query({ text: buyerQuery, filters: {}, sort: 'name', collation: language })
          .ids.slice(0, 30)
      : [];
    if (buyerFilter && !ids.includes(buyerFilter)) ids.unshift(buyerFilter);
    return ids
      .map((id) => index.rows.get(id))
      .filter((r) => r !== undefined)
      .map((r) => ({ value: r.id, text: r.nameNative, lang: nameLang(r.nameScript) }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [index, version, buyerQuery, buyerFilter, language]);

  const firmOptions = (data?.firms ?? []).map((f) => {
    const l = firmLabel(f, language);
    return { value: f.id, label: l.text, search: `${f.nameKo} ${f.nameEn}`.toLowerCase() };
  });

  const buyerCell = (buyerId: string) => {
    const row = index.rows.get(buyerId);
    return row ? (
      <Link to={`/buyers/${row.id}`} lang={nameLang(row.nameScript)}>
        {row.nameNative}
      </Link>
    ) : null;
  };

  const items = [
    {
      key: 'board',
      label: t('talks.tabs.board'),
      children: (
        <>
          <Space className="bh-crm-toolbar" wrap>
            <Select<number>
              aria-label={t('dashboard.year')}
              value={yearParam}
              options={years.map((y) => ({ value: y, label: String(y) }))}
              onChange={(y) => setParam({ year: String(y) })}
            />
            <span className="bh-crm-count">
              {t('talks.count', {
                count: boardTalks.length,
                formatted: formatNumber(boardTalks.length, language),
              })}
            </span>
          </Space>
          <PipelineBoard talks={boardTalks} firms={firmsById} index={index} />
        </>
      ),
    },
    {
      key: 'history',
      label: t('talks.tabs.history'),
      children: (
        <>
          <Space className="bh-crm-toolbar" wrap>
            <NamedSelect
              allowClear
              style={{ minWidth: 260 }}
              aria-label={t('fields.buyer')}
              placeholder={t('talks.buyerSearch')}
              showSearch={{ filterOption: false, onSearch: setBuyerQuery }}
              value={buyerFilter}
              named={buyerNamed}
              notFoundContent={t('talks.typeToSearch')}
              onChange={(v) => setParam({ buyer: v })}
            />
            <Select<string>
              allowClear
              style={{ minWidth: 240 }}
              aria-label={t('fields.smeFirm')}
              placeholder={t('fields.smeFirm')}
              showSearch={{
                filterOption: (input, o) => Boolean(o?.search.includes(input.toLowerCase())),
              }}
              value={firmFilter}
              options={firmOptions}
              onChange={(v) => setParam({ firm: v })}
            />
          </Space>
          <Table<TradeTalk>
            size="small"
            rowKey="id"
            dataSource={history}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            columns={[
              {
                key: 'date',
                title: t('fields.date'),
                render: (_, r) => formatDateTime(r.startsAt, timeZone, language),
              },
              { key: 'buyer', title: t('fields.buyer'), render: (_, r) => buyerCell(r.buyerId) },
              {
                key: 'firm',
                title: t('fields.smeFirm'),
                render: (_, r) => {
                  const l = firmLabel(firmsById.get(r.smeFirmId), language);
                  return <span lang={l.lang}>{l.text}</span>;
                },
              },
              {
                key: 'stage',
                title: t('fields.stage'),
                render: (_, r) => <Tag>{labels.stage(r.stage)}</Tag>,
              },
              {
                key: 'negotiated',
                title: t('fields.negotiated'),
                align: 'end',
                render: (_, r) => <AmountView amount={r.negotiated} language={language} />,
              },
              {
                key: 'contract',
                title: t('fields.contract'),
                align: 'end',
                render: (_, r) => <AmountView amount={r.contract} language={language} />,
              },
              {
                key: 'followUps',
                title: t('followUps.title'),
                render: (_, r) => {
                  const open = r.followUps.filter((f) => !f.done);
                  if (!open.length) return null;
                  const today = todayInZone(timeZone);
                  const overdue = open.filter((f) => f.due < today).length;
                  return (
                    <Tag color={overdue ? 'red' : 'blue'}>
                      {t('followUps.open', { count: open.length })}
                      {overdue ? ` · ${t('followUps.overdueCount', { count: overdue })}` : ''}
                    </Tag>
                  );
                },
              },
              {
                key: 'edit',
                title: <span className="sr-only">{t('talks.edit')}</span>,
                render: (_, r) =>
                  // An office's talk is read-only on an HQ laptop (as on the buyer's page).
                  canEditOfficeRecord(isHqDevice, r.officeId) ? (
                    <Button
                      size="small"
                      type="text"
                      icon={<EditOutlined aria-hidden />}
                      aria-label={t('talks.edit')}
                      title={t('talks.edit')}
                      onClick={() => setEditing(r)}
                      data-testid="history-talk-edit"
                    />
                  ) : null,
              },
            ]}
          />
        </>
      ),
    },
    {
      key: 'firms',
      label: t('talks.tabs.firms'),
      children: (
        <>
          <Space className="bh-crm-toolbar" wrap>
            <Button
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setFirmModal(true)}
              data-testid="firm-create"
            >
              {t('firms.create')}
            </Button>
            <span className="bh-crm-muted">{t('firms.shared')}</span>
          </Space>
          <Table<SmeFirm>
            size="small"
            rowKey="id"
            dataSource={data?.firms ?? []}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            columns={[
              {
                key: 'ko',
                title: t('firms.nameKo'),
                render: (_, f) => <span lang="ko">{f.nameKo}</span>,
              },
              {
                key: 'en',
                title: t('firms.nameEn'),
                render: (_, f) => <span lang="en">{f.nameEn}</span>,
              },
              { key: 'brn', title: t('firms.brn'), dataIndex: 'businessRegistrationNumber' },
              {
                key: 'industry',
                title: t('fields.industries'),
                render: (_, f) => labels.industry(f.industry),
              },
              {
                key: 'contact',
                title: t('firms.contactPerson'),
                render: (_, f) => <span lang="ko">{f.contactPerson}</span>,
              },
              {
                key: 'phone',
                title: t('fields.phoneNumber'),
                render: (_, f) =>
                  f.phone
                    ? (parsePhoneNumberFromString(f.phone)?.formatInternational() ?? f.phone)
                    : '',
              },
              {
                key: 'talks',
                title: t('firms.talks'),
                align: 'end',
                render: (_, f) => (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setParam({ tab: 'history', firm: f.id, buyer: undefined })}
                  >
                    {formatNumber(talksPerFirm.get(f.id) ?? 0, language)}
                  </Button>
                ),
              },
            ]}
          />
        </>
      ),
    },
    {
      key: 'dashboard',
      label: t('talks.tabs.dashboard'),
      children: data ? (
        <DashboardPanel talks={data.talks} index={index} fxTables={data.fx} years={years} />
      ) : null,
    },
  ];

  return (
    <section className="bh-screen" data-testid="screen-talks">
      <ScreenHeader
        title={t('talks.title')}
        subtitle={t('talks.subtitle', { office: office.names[language] })}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setLogging(true)}
            data-testid="talk-log"
          >
            {t('talks.log')}
          </Button>
        }
      />
      {data ? (
        <Tabs
          activeKey={tab}
          onChange={(k) => setParam({ tab: k === 'board' ? undefined : k })}
          items={items}
          destroyOnHidden
        />
      ) : (
        <Spin />
      )}
      {/* One form for logging and editing (it renders hidden: one instance, not two). */}
      <TalkFormModal
        open={logging || editing !== null}
        onClose={() => {
          setLogging(false);
          setEditing(null);
        }}
        talk={editing ?? undefined}
      />
      <SmeFirmModal open={firmModal} onClose={() => setFirmModal(false)} />
    </section>
  );
}
