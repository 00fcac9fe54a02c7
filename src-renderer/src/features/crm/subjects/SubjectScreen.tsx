import { DownloadOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Descriptions, Empty, Space, Spin, Table, Tag } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { buildSubjectCopy, type SubjectRecord } from '@shared/privacy/subject';
import { formatDate, formatDateTime } from '@shared/format';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { useDatabase } from '../../../data/database-context';
import { useLive } from '../../../data/use-live';
import { datedName, downloadBlob } from '../../../ui/download';
import { ScreenHeader } from '../../../ui/ScreenHeader';
import { useAccessLog, useRecordedOutput } from '../../audit';
import { PersonNameView, latinPersonName } from '../common/names';
import { useCrmLabels, useOfficeContext } from '../common/use-labels';
import { findSubjectData } from '../data/subject-data';
import '../crm.css';

/** What the composition root hands in: HQ's "erase everywhere" (only on an HQ laptop). */
export type SubjectEraseSlot = (props: { contactId: string; onErased: () => void }) => ReactNode;

/** A field value as text for the readable copy. */
function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(valueText).filter(Boolean).join(', ');
  if (typeof v === 'object') {
    return Object.values(v as Record<string, unknown>)
      .map(valueText)
      .filter(Boolean)
      .join(' ');
  }
  return String(v);
}

/**
 * Everything this laptop holds about one contact person (issue 14, item 6), as a page that
 * prints as the person's copy; the JSON copy is the same data, machine-readable. Both ask
 * for a reason and are on record, like every export and print.
 */
export function SubjectScreen({ erase }: { erase?: SubjectEraseSlot | undefined }) {
  const { t } = useTranslation('crm');
  const { id = '', contactId = '' } = useParams();
  const db = useDatabase();
  const navigate = useNavigate();
  const labels = useCrmLabels();
  const { message } = AntApp.useApp();
  const { language, timeZone } = useOfficeContext();
  const recorded = useRecordedOutput();
  const accessLog = useAccessLog();
  const [saving, setSaving] = useState(false);
  const data = useLive(() => findSubjectData(db, contactId), [db, contactId]);
  const bridge = (
    window as {
      bridgehead?: {
        printToPdf?: (o: {
          pageSize: string;
          fileName: string;
          dialogTitle: string;
        }) => Promise<boolean>;
      };
    }
  ).bridgehead;

  // Opening a person's data is on record (issue 14).
  const found = data?.contact.id ?? null;
  useEffect(() => {
    if (!found) return;
    accessLog
      .record({ action: 'view', object: 'contact', subjects: [{ kind: 'contact', ids: [found] }] })
      .catch((error: unknown) => console.error('[audit] view not recorded', error));
  }, [accessLog, found]);

  if (data === undefined) return <Spin />;
  const back = `/buyers/${id}`;
  if (data === null) {
    return (
      <section className="bh-screen" data-testid="screen-subject">
        <ScreenHeader title={t('subject.notFound')} subtitle={t('subject.notFoundHelp')} />
        <Link to={back}>{t('detail.back')}</Link>
      </section>
    );
  }
  const { contact, records } = data;
  const subjects = [{ kind: 'contact' as const, ids: [contact.id] }];
  const fileBase = datedName(`personal-data-${contact.id.slice(0, 8)}`, timeZone);
  const json = () =>
    downloadBlob(
      JSON.stringify(buildSubjectCopy(contact, records, new Date()), null, 2),
      `${fileBase}.json`,
      'application/json',
    );
  const request = (action: 'export' | 'print', format: 'json' | 'pdf' | 'paper') => ({
    action,
    object: 'subject_copy' as const,
    format,
    count: 1,
    subjects,
  });
  const recordLabel = (r: SubjectRecord) => t(`subject.table.${r.tbl}`, { defaultValue: r.tbl });
  const recordWhen = (r: SubjectRecord) => {
    const at = r.data.startsAt ?? r.data.start ?? r.data.arrival;
    return typeof at === 'string' && at.length >= 10
      ? at.length === 10
        ? formatDate(`${at}T12:00:00Z`, 'UTC', language)
        : formatDateTime(at, timeZone, language)
      : '';
  };

  return (
    <section className="bh-screen bh-subject" data-testid="screen-subject">
      <ScreenHeader
        title={t('subject.title')}
        subtitle={t('subject.subtitle')}
        extra={
          <Space wrap className="bh-subject-no-print">
            <Button onClick={() => navigate(back)}>{t('detail.back')}</Button>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              data-testid="subject-json"
              onClick={() => void recorded.run(request('export', 'json'), json)}
            >
              {t('subject.downloadJson')}
            </Button>
            {bridge?.printToPdf ? (
              <Button
                icon={<FilePdfOutlined aria-hidden />}
                loading={saving}
                data-testid="subject-pdf"
                onClick={() =>
                  void recorded.run(request('print', 'pdf'), () => {
                    setSaving(true);
                    return bridge.printToPdf!({
                      pageSize: 'A4',
                      fileName: fileBase,
                      dialogTitle: t('subject.savePdf'),
                    })
                      .then((saved) => {
                        if (saved) void message.success(t('subject.pdfSaved'));
                      })
                      .catch(() => void message.error(t('subject.pdfFailed')))
                      .finally(() => setSaving(false));
                  })
                }
              >
                {t('subject.savePdf')}
              </Button>
            ) : null}
            <Button
              type="primary"
              icon={<PrinterOutlined aria-hidden />}
              data-testid="subject-print"
              onClick={() => void recorded.run(request('print', 'paper'), () => window.print())}
            >
              {t('subject.print')}
            </Button>
            {erase ? erase({ contactId: contact.id, onErased: () => navigate(back) }) : null}
          </Space>
        }
      />
      {recorded.prompt}
      <div className="bh-subject-sheet" data-testid="subject-sheet">
        <h2 className="bh-subject-name">
          <PersonNameView name={contact} inline />
        </h2>
        <p className="bh-crm-muted">
          {t('subject.generated', {
            when: formatDateTime(new Date().toISOString(), timeZone, language),
          })}
        </p>
        <Descriptions
          bordered
          size="small"
          column={1}
          title={t('subject.details')}
          items={[
            {
              key: 'native',
              label: t('subject.field.name'),
              children: [contact.familyName, contact.givenName].filter(Boolean).join(' '),
            },
            {
              key: 'latin',
              label: t('subject.field.latinName'),
              children: latinPersonName(contact),
            },
            { key: 'reading', label: t('fields.reading'), children: contact.reading },
            { key: 'title', label: t('fields.title'), children: contact.title },
            { key: 'emails', label: t('fields.emails'), children: contact.emails.join(', ') },
            {
              key: 'phones',
              label: t('fields.phones'),
              // As on the buyer's page ("+81 90 8731 5660"), not the stored "+819087315660".
              children: contact.phones
                .map((p) => parsePhoneNumberFromString(p.e164)?.formatInternational() ?? p.e164)
                .join(', '),
            },
            {
              key: 'messengers',
              label: t('fields.messengers'),
              children: contact.messengers
                .map((m) => `${labels.channel(m.channel)}: ${m.handle}`)
                .join(', '),
            },
            {
              key: 'consent',
              label: t('fields.consentGiven'),
              children: contact.consent
                ? `${formatDate(`${contact.consent.date}T12:00:00Z`, 'UTC', language)} · ${contact.consent.scope.map((s) => t(`consent.${s}`)).join(', ')}`
                : t('contacts.noConsent'),
            },
            {
              key: 'source',
              label: t('fields.dataSource'),
              children: contact.dataSource ? (
                t(`dataSource.${contact.dataSource}`)
              ) : (
                <Tag color="warning">{t('subject.basisMissing')}</Tag>
              ),
            },
            {
              key: 'basis',
              label: t('fields.legalBasis'),
              children: contact.legalBasis ? (
                t(`legalBasis.${contact.legalBasis}`)
              ) : (
                <Tag color="warning">{t('subject.basisMissing')}</Tag>
              ),
            },
            { key: 'basisNote', label: t('fields.basisNote'), children: contact.basisNote ?? '' },
            {
              key: 'notes',
              label: t('fields.notes'),
              children: <span style={{ whiteSpace: 'pre-wrap' }}>{contact.notes}</span>,
            },
          ]}
        />
        <h3 className="bh-subject-section">{t('subject.appearsIn', { count: records.length })}</h3>
        {records.length === 0 ? (
          <Empty description={t('subject.appearsNowhere')} />
        ) : (
          <Table<SubjectRecord>
            size="small"
            pagination={false}
            rowKey={(r) => `${r.tbl}/${r.id}`}
            dataSource={records}
            data-testid="subject-records"
            columns={[
              { key: 'kind', title: t('subject.column.kind'), render: (_, r) => recordLabel(r) },
              { key: 'when', title: t('subject.column.when'), render: (_, r) => recordWhen(r) },
              {
                key: 'why',
                title: t('subject.column.why'),
                render: (_, r) => t(`subject.why.${r.why}`),
              },
              {
                key: 'what',
                title: t('subject.column.what'),
                render: (_, r) => (
                  <span style={{ whiteSpace: 'pre-wrap' }}>
                    {r.fields
                      .filter((f) => f !== 'contactId')
                      .map((f) => valueText(r.data[f]))
                      .join('\n')}
                  </span>
                ),
              },
            ]}
          />
        )}
      </div>
    </section>
  );
}
