import { ArrowLeftOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Empty, Radio, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { buildDaySheet, directoryOf, type ResourceKind, type SheetPerson } from '@shared/bookings';
import { messengerName } from '@shared/contact/messengers';
import { formatDate } from '@shared/format';
import type { Language } from '@shared/i18n/languages';
import { findOffice } from '../../../state/settings-store';
import { useSettings } from '../../../state/settings-context';
import { getBridge } from '../../../platform/bridge';
import { useBookings } from '../model/use-bookings';
import { zoneLabel } from '../../../ui/zone-names';
import { requesterName } from '../model/requester-name';
import { useSmeFirms } from '../model/use-sme-firms';
import { displayPhone } from '../model/person-form';
import {
  PAPER_SIZES,
  defaultPaper,
  loadPaper,
  pageRule,
  savePaper,
  type PaperSize,
} from '../model/paper';
import { useRecordedOutput } from '../../audit';
import '../bookings.css';

const KINDS: readonly ResourceKind[] = ['vehicle', 'driver', 'interpreter'];

function Person({ person, language }: { person: SheetPerson; language: Language }) {
  const { t } = useTranslation('bookings');
  return (
    <span className="bk-sheet-person">
      <span lang={person.name.lang} className="bk-sheet-name">
        {person.name.primary}
      </span>
      {person.name.secondary && (
        <span className="bk-sheet-secondary"> ({person.name.secondary})</span>
      )}
      {person.phone && (
        <span className="bk-sheet-contact">
          {' · '}
          {t('daySheet.phone')} {displayPhone(person.phone)}
        </span>
      )}
      {person.messengers.map((m) => (
        <span key={`${m.kind}:${m.handle}`} className="bk-sheet-contact">
          {' · '}
          {messengerName(m.kind, language)} {m.handle}
        </span>
      ))}
    </span>
  );
}

/** A printable day for one vehicle, driver or interpreter, in the office zone. */
export function DaySheetScreen() {
  const { t } = useTranslation('bookings');
  const navigate = useNavigate();
  const params = useParams();
  const language = useSettings((s) => s.language);
  const officeId = useSettings((s) => s.officeId);
  const { data, officeZone } = useBookings();
  const firms = useSmeFirms();
  const kind = (KINDS as readonly string[]).includes(params.kind ?? '')
    ? (params.kind as ResourceKind)
    : 'vehicle';
  const id = params.id ?? '';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.date ?? '') ? params.date! : '';
  const office = findOffice(officeId);
  const localLang = office.localLanguage;
  const { message } = App.useApp();
  const bridge = getBridge();
  const [paper, setPaper] = useState<PaperSize>(() =>
    loadPaper(defaultPaper(office.country, navigator.language)),
  );
  const [saving, setSaving] = useState(false);
  // Printing a day sheet is on record with its reason (issue 14).
  const recorded = useRecordedOutput();
  const sheet = useMemo(
    () =>
      date
        ? buildDaySheet(
            date,
            officeZone,
            { kind, id },
            data.bookings,
            directoryOf({
              interpreters: data.interpreters,
              drivers: data.drivers,
              vehicles: data.vehicles,
            }),
            language,
          )
        : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data.version, date, officeZone, kind, id, language],
  );
  const dateLabel = date ? formatDate(`${date}T12:00:00Z`, 'UTC', language, 'full') : '';
  const back = kind === 'interpreter' ? '/interpreters' : '/vehicles';
  const subject = sheet?.vehicle
    ? `${sheet.vehicle.plate}${sheet.vehicle.model ? ` · ${sheet.vehicle.model}` : ''}`
    : (sheet?.person?.name.primary ?? id);

  const printRequest = (format: 'pdf' | 'paper') => ({
    action: 'print' as const,
    object: 'day_sheet' as const,
    format,
    count: null,
    subjects: [{ kind: 'booking' as const, ids: sheet ? sheet.rows.map((r) => r.bookingId) : [] }],
  });

  return (
    <section className="bk-day-sheet" data-testid="day-sheet">
      <div className="bk-no-print bk-sheet-actions">
        <Space>
          <Button
            icon={<ArrowLeftOutlined />}
            onClick={() =>
              navigate(`${back}?tab=agenda&resource=${kind}:${encodeURIComponent(id)}&date=${date}`)
            }
          >
            {t('daySheet.back')}
          </Button>
          <Radio.Group
            optionType="button"
            aria-label={t('daySheet.paper')}
            data-testid="paper-size"
            value={paper}
            onChange={(e) => {
              const next = e.target.value as PaperSize;
              setPaper(next);
              savePaper(next);
            }}
            options={PAPER_SIZES.map((size) => ({
              value: size,
              label: t(`daySheet.paperSize.${size}`),
            }))}
          />
          {bridge && (
            <Button
              type="primary"
              icon={<FilePdfOutlined />}
              data-testid="save-pdf"
              loading={saving}
              onClick={() => {
                void recorded.run(printRequest('pdf'), () => {
                  setSaving(true);
                  return bridge
                    .printToPdf({
                      pageSize: paper,
                      fileName: `${t('daySheet.open')} ${date} ${subject}`,
                      dialogTitle: t('daySheet.savePdf'),
                    })
                    .then((saved) => {
                      if (saved) void message.success(t('daySheet.pdfSaved'));
                    })
                    .catch(() => void message.error(t('daySheet.pdfFailed')))
                    .finally(() => setSaving(false));
                });
              }}
            >
              {t('daySheet.savePdf')}
            </Button>
          )}
          <Button
            type={bridge ? 'default' : 'primary'}
            icon={<PrinterOutlined />}
            data-testid="print"
            onClick={() => void recorded.run(printRequest('paper'), () => window.print())}
          >
            {t('daySheet.print')}
          </Button>
        </Space>
        <p className="bk-muted">{t('daySheet.paperHint')}</p>
        {recorded.prompt}
      </div>
      {/* The chosen paper, for the browser's print and Electron's printToPDF alike. */}
      <style data-testid="page-rule">{pageRule(paper)}</style>
      <header className="bk-sheet-header">
        <h1 className="bk-sheet-title">{t(`daySheet.title.${kind}`, { name: subject })}</h1>
        {sheet && (
          <p className="bk-sheet-date">
            {dateLabel}
            {' · '}
            {zoneLabel(officeZone, language, Date.parse(`${date}T12:00:00Z`))}
          </p>
        )}
        {sheet?.person && <Person person={sheet.person} language={language} />}
        {sheet && sheet.dayLengthHours !== 24 && (
          <p className="bk-sheet-dst" role="note">
            {t('daySheet.dstNote', { hours: sheet.dayLengthHours })}
          </p>
        )}
      </header>
      {!sheet || sheet.rows.length === 0 ? (
        <Empty description={t('daySheet.empty')} />
      ) : (
        <table className="bk-sheet-table" data-testid="day-sheet-table">
          <thead>
            <tr>
              <th scope="col">{t('daySheet.time')}</th>
              <th scope="col">{t('daySheet.what')}</th>
              {kind === 'interpreter' ? (
                <th scope="col">{t('form.location')}</th>
              ) : (
                <>
                  <th scope="col">{t('form.pickUp')}</th>
                  <th scope="col">{t('form.dropOff')}</th>
                  <th scope="col">{t('form.passengers')}</th>
                  <th scope="col">{kind === 'driver' ? t('form.vehicle') : t('form.driver')}</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {sheet.rows.map((row) => (
              <tr
                key={`${row.bookingId}@${row.startInstant}`}
                className={`bk-status-${row.status}`}
                data-testid="day-sheet-row"
              >
                <td className="bk-sheet-time">
                  {row.start}
                  {row.startOffset ? ` (${row.startOffset})` : ''}–{row.end}
                  {row.endOffset ? ` (${row.endOffset})` : ''}
                  {row.endsAfterDay ? ` ${t('daySheet.nextDay')}` : ''}
                  {row.status !== 'confirmed' && (
                    <div className="bk-sheet-status">{t(`status.${row.status}`)}</div>
                  )}
                </td>
                <td>
                  <div>{t(`purpose.${row.purpose}`)}</div>
                  {row.requester && requesterName(row.requester, language, firms) && (
                    <div className="bk-muted">
                      {requesterName(row.requester, language, firms)!.text}
                    </div>
                  )}
                  {row.notes && <div className="bk-sheet-notes">{row.notes}</div>}
                </td>
                {kind === 'interpreter' ? (
                  <td lang={localLang}>{row.location ?? ''}</td>
                ) : (
                  <>
                    <td lang={localLang}>
                      {row.pickUp?.label && <div className="bk-muted">{row.pickUp.label}</div>}
                      {row.pickUp?.address}
                    </td>
                    <td lang={localLang}>
                      {row.dropOff?.label && <div className="bk-muted">{row.dropOff.label}</div>}
                      {row.dropOff?.address}
                    </td>
                    <td>
                      <div>{row.passengers ?? ''}</div>
                      {row.passengerNames.length > 0 && (
                        <div className="bk-muted">{row.passengerNames.join(', ')}</div>
                      )}
                    </td>
                    <td>
                      {kind === 'driver'
                        ? row.vehicle && `${row.vehicle.plate} · ${row.vehicle.model}`
                        : row.driver && <Person person={row.driver} language={language} />}
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
