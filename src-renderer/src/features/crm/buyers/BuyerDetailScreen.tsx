import { EditOutlined, MergeCellsOutlined, MessageOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Row,
  Space,
  Spin,
  Tag,
  Timeline,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { nameLang } from '@shared/crm/names';
import { formatHsCode } from '@shared/crm/validators';
import { productLabel } from '@shared/crm/products';
import type { SmeFirm, TradeTalk } from '@shared/crm/schemas';
import { formatDate, formatDateTime } from '@shared/format';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { useDatabase } from '../../../data/database-context';
import { ScreenHeader } from '../../../ui/ScreenHeader';
import { AmountView } from '../common/amounts';
import { firmLabel } from '../common/firms';
import { CityName, PersonNameView } from '../common/names';
import { useCrmLabels, useOfficeContext } from '../common/use-labels';
import { getBuyer } from '../data/buyer-repository';
import { CRM_TABLES, stripMeta } from '../data/records';
import { useLive } from '../../../data/use-live';
import { FollowUpSummary, TalkFollowUps } from '../talks/FollowUps';
import { TalkFormModal } from '../talks/TalkFormModal';
import { NotAtHqMarker, useIsHqDevice } from '../../sync-ui';
import { canEditOfficeRecord } from '../common/office-access';
import { useOfficeName } from '../common/use-office-name';
import { MergeDialog } from './MergeDialog';
import { useAccessLog } from '../../audit';
import '../crm.css';

const phoneDisplay = (e164: string) =>
  parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;

/** A buyer with its contacts, the timeline of its trade talks and quick actions. */
export function BuyerDetailScreen() {
  const { t } = useTranslation('crm');
  const { id = '' } = useParams();
  const db = useDatabase();
  const navigate = useNavigate();
  const labels = useCrmLabels();
  const { language, timeZone } = useOfficeContext();
  const [logging, setLogging] = useState(false);
  const [editing, setEditing] = useState<TradeTalk | null>(null);
  const [params, setParams] = useSearchParams();
  // `?merge=<id>`: opened from the duplicate warning of the create form, with that candidate.
  const mergeWith = params.get('merge') ?? undefined;
  const [merging, setMerging] = useState(Boolean(mergeWith));
  const isHqDevice = useIsHqDevice();
  const officeName = useOfficeName();

  const data = useLive(async () => {
    const record = await getBuyer(db, id);
    const talks = (
      await db.table<TradeTalk>(CRM_TABLES.tradeTalks).where('buyerId').equals(id).toArray()
    )
      .map(stripMeta)
      .sort((a, b) => (a.startsAt < b.startsAt ? 1 : -1));
    const firms = await db
      .table<SmeFirm>(CRM_TABLES.smeFirms)
      .bulkGet([...new Set(talks.map((x) => x.smeFirmId))]);
    return {
      record,
      talks,
      firms: new Map(firms.filter((f): f is SmeFirm => Boolean(f)).map((f) => [f.id, f])),
    };
  }, [db, id]);

  // Viewing a buyer in detail is on record (issue 14): once per buyer opened.
  const accessLog = useAccessLog();
  const viewed = data?.record ? data.record.buyer.id : null;
  const viewedContacts = data?.record ? data.record.contacts.map((c) => c.id).join(',') : '';
  useEffect(() => {
    if (!viewed) return;
    accessLog
      .record({
        action: 'view',
        object: 'buyer',
        subjects: [
          { kind: 'buyer', ids: [viewed] },
          { kind: 'contact', ids: viewedContacts ? viewedContacts.split(',') : [] },
        ],
      })
      .catch((error: unknown) => console.error('[audit] view not recorded', error));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [accessLog, viewed]);

  if (!data) return <Spin />;
  if (!data.record) {
    return (
      <section className="bh-screen" data-testid="screen-buyer">
        <ScreenHeader title={t('detail.notFound')} subtitle={t('detail.notFoundHelp')} />
        <Link to="/buyers">{t('detail.back')}</Link>
      </section>
    );
  }
  const { buyer, contacts } = data.record;
  const firm = (firmId: string) => firmLabel(data.firms.get(firmId), language);
  const editable = canEditOfficeRecord(isHqDevice, buyer.officeId);

  return (
    <section className="bh-screen" data-testid="screen-buyer">
      <ScreenHeader
        title={buyer.nameNative}
        subtitle={
          [buyer.nameLatin, buyer.reading].filter(Boolean).join(' · ') ||
          labels.country(buyer.country)
        }
        extra={
          <Space wrap>
            <NotAtHqMarker table={CRM_TABLES.buyers} id={buyer.id} />
            <Button onClick={() => navigate('/buyers')}>{t('detail.back')}</Button>
            {editable ? (
              <>
                <Button
                  icon={<MergeCellsOutlined aria-hidden />}
                  onClick={() => setMerging(true)}
                  data-testid="buyer-merge"
                >
                  {t('merge.action')}
                </Button>
                <Button
                  icon={<EditOutlined aria-hidden />}
                  onClick={() => navigate(`/buyers/${buyer.id}/edit`)}
                  data-testid="buyer-edit"
                >
                  {t('actions.edit')}
                </Button>
                <Button
                  type="primary"
                  icon={<MessageOutlined aria-hidden />}
                  onClick={() => setLogging(true)}
                  data-testid="buyer-log-talk"
                >
                  {t('talks.log')}
                </Button>
              </>
            ) : null}
          </Space>
        }
      />
      {editable ? null : (
        <Alert
          type="info"
          showIcon
          className="bh-crm-readonly"
          data-testid="buyer-readonly"
          title={t('detail.readOnlyAtHq', { office: officeName(buyer.officeId) })}
          style={{ marginBottom: 16 }}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('form.company')} className="bh-card">
            <Descriptions
              layout="vertical"
              column={{ xs: 1, sm: 2, md: 2, lg: 2, xl: 2, xxl: 2 }}
              size="small"
              items={[
                {
                  key: 'native',
                  label: t('fields.nameNative'),
                  children: <span lang={nameLang(buyer.nameScript)}>{buyer.nameNative}</span>,
                },
                { key: 'latin', label: t('fields.nameLatin'), children: buyer.nameLatin },
                {
                  key: 'reading',
                  label: t('fields.reading'),
                  children: <span lang={nameLang(buyer.nameScript)}>{buyer.reading}</span>,
                },
                {
                  key: 'status',
                  label: t('fields.status'),
                  children: (
                    <Tag className={`bh-crm-status bh-crm-status-${buyer.status}`}>
                      {labels.status(buyer.status)}
                    </Tag>
                  ),
                },
                {
                  key: 'country',
                  label: t('fields.country'),
                  children: (
                    <>
                      {labels.country(buyer.country)}
                      {buyer.city ? (
                        <>
                          {/* Spaced by CSS: as " · " text, Korean fonts set it "일본 ·Kawasaki". */}
                          <span className="bh-sep">·</span>
                          <CityName city={buyer.city} country={buyer.country} language={language} />
                        </>
                      ) : null}
                    </>
                  ),
                },
                {
                  key: 'address',
                  label: t('fields.addressLocal'),
                  children: <span lang={nameLang(buyer.nameScript)}>{buyer.addressLocal}</span>,
                },
                {
                  key: 'website',
                  label: t('fields.website'),
                  children: buyer.website ? (
                    <a href={buyer.website} target="_blank" rel="noreferrer noopener">
                      {buyer.website}
                    </a>
                  ) : null,
                },
                {
                  key: 'industries',
                  label: t('fields.industries'),
                  children: buyer.industries.map((c) => labels.industry(c)).join(', '),
                },
                {
                  key: 'products',
                  label: t('fields.products'),
                  children: buyer.products
                    .map((p) => {
                      // A catalog product in the reader's language; the office's own as typed.
                      const name = productLabel(p, language);
                      return p.hsCode ? `${name} (HS ${formatHsCode(p.hsCode)})` : name;
                    })
                    .join(', '),
                },
                {
                  key: 'tags',
                  label: t('fields.tags'),
                  children: buyer.tags.map((tag) => <Tag key={tag}>{tag}</Tag>),
                },
                {
                  key: 'notes',
                  label: t('fields.notes'),
                  span: 'filled',
                  children: <span style={{ whiteSpace: 'pre-wrap' }}>{buyer.notes}</span>,
                },
              ]}
            />
          </Card>
          <Card
            title={t('contacts.titleCount', { count: contacts.length })}
            className="bh-card bh-crm-section"
          >
            {contacts.length === 0 ? <Empty description={t('contacts.none')} /> : null}
            {contacts.map((c) => (
              <div key={c.id} className="bh-crm-contact" data-testid="contact-card">
                <div className="bh-crm-contact-head">
                  <PersonNameView name={c} inline />
                  <span className="bh-crm-muted">{c.title}</span>
                  <NotAtHqMarker table={CRM_TABLES.contacts} id={c.id} />
                  <Link
                    to={`/buyers/${buyer.id}/contacts/${c.id}/personal-data`}
                    data-testid="contact-personal-data"
                  >
                    {t('subject.open')}
                  </Link>
                </div>
                <Descriptions
                  layout="vertical"
                  column={{ xs: 1, sm: 2, md: 2, lg: 2, xl: 2, xxl: 2 }}
                  size="small"
                  items={[
                    {
                      key: 'reading',
                      label: t('fields.reading'),
                      children: <span lang={nameLang(c.nameScript)}>{c.reading}</span>,
                    },
                    {
                      key: 'emails',
                      label: t('fields.emails'),
                      children: (
                        <div>
                          {c.emails.map((e) => (
                            <div key={e}>
                              <a href={`mailto:${e}`}>{e}</a>
                            </div>
                          ))}
                        </div>
                      ),
                    },
                    {
                      key: 'phones',
                      label: t('fields.phones'),
                      children: (
                        <div>
                          {c.phones.map((p) => (
                            <div key={p.e164} className="bh-crm-nowrap">
                              <a href={`tel:${p.e164}`}>{phoneDisplay(p.e164)}</a>{' '}
                              <span className="bh-crm-muted">{t(`phoneKind.${p.kind}`)}</span>
                            </div>
                          ))}
                        </div>
                      ),
                    },
                    {
                      key: 'messengers',
                      label: t('fields.messengers'),
                      children: (
                        <div>
                          {c.messengers.map((m) => (
                            <div key={`${m.channel}:${m.handle}`}>
                              {labels.channel(m.channel)}: {m.handle}{' '}
                              {m.preferred ? <Tag color="blue">{t('fields.preferred')}</Tag> : null}
                            </div>
                          ))}
                        </div>
                      ),
                    },
                    {
                      key: 'consent',
                      label: t('fields.consentGiven'),
                      children: c.consent
                        ? `${formatDate(`${c.consent.date}T12:00:00Z`, 'UTC', language)} · ${c.consent.scope.map((s) => t(`consent.${s}`)).join(', ')}`
                        : t('contacts.noConsent'),
                    },
                    {
                      key: 'basis',
                      label: t('fields.legalBasis'),
                      children:
                        c.dataSource && c.legalBasis ? (
                          `${t(`dataSource.${c.dataSource}`)} · ${t(`legalBasis.${c.legalBasis}`)}`
                        ) : (
                          <Tag color="warning">{t('subject.basisMissing')}</Tag>
                        ),
                    },
                  ]}
                />
              </div>
            ))}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            title={t('detail.timeline', { count: data.talks.length })}
            className="bh-card"
            data-testid="buyer-timeline"
          >
            <FollowUpSummary talks={data.talks} />
            {data.talks.length === 0 ? (
              <Empty description={t('detail.noTalks')}>
                <Button type="primary" onClick={() => setLogging(true)}>
                  {t('talks.log')}
                </Button>
              </Empty>
            ) : (
              <Timeline
                className="bh-crm-timeline"
                items={data.talks.map((talk) => ({
                  key: talk.id,
                  color:
                    talk.stage === 'lost'
                      ? 'gray'
                      : talk.stage === 'contract' || talk.stage === 'shipped'
                        ? 'green'
                        : 'blue',
                  content: (
                    <div data-testid="timeline-talk">
                      <div>
                        <strong>{formatDateTime(talk.startsAt, timeZone, language)}</strong>{' '}
                        <Tag>{labels.stage(talk.stage)}</Tag>
                        <NotAtHqMarker table={CRM_TABLES.tradeTalks} id={talk.id} />
                      </div>
                      <div lang={firm(talk.smeFirmId).lang}>{firm(talk.smeFirmId).text}</div>
                      {talk.negotiated ? (
                        <div>
                          <span className="bh-crm-muted">{t('fields.negotiated')}: </span>
                          <AmountView amount={talk.negotiated} language={language} />
                        </div>
                      ) : null}
                      {talk.contract ? (
                        <div>
                          <span className="bh-crm-muted">{t('fields.contract')}: </span>
                          <AmountView amount={talk.contract} language={language} />
                        </div>
                      ) : null}
                      <TalkFollowUps talk={talk} />
                      {talk.notes ? <div className="bh-crm-muted">{talk.notes}</div> : null}
                      {editable ? (
                        <Button
                          size="small"
                          type="link"
                          className="bh-crm-timeline-edit"
                          icon={<EditOutlined aria-hidden />}
                          onClick={() => setEditing(talk)}
                          data-testid="talk-edit"
                        >
                          {t('talks.edit')}
                        </Button>
                      ) : null}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      {/* One form for logging and editing (it renders hidden: one instance, not two). */}
      <TalkFormModal
        open={logging || editing !== null}
        onClose={() => {
          setLogging(false);
          setEditing(null);
        }}
        buyerId={buyer.id}
        talk={editing ?? undefined}
      />
      <MergeDialog
        open={merging}
        onClose={() => {
          setMerging(false);
          if (mergeWith)
            setParams(
              (prev) => {
                const next = new URLSearchParams(prev);
                next.delete('merge');
                return next;
              },
              { replace: true },
            );
        }}
        buyer={buyer}
        initialOtherId={mergeWith}
      />
    </section>
  );
}
