import { ArrowLeftOutlined, CalendarOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Radio, Space, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { displayName } from '@shared/bookings';
import type { SmeFirm } from '@shared/crm/schemas';
import { nameLang } from '@shared/crm/names';
import { formatDate, formatTime } from '@shared/format';
import type { Language } from '@shared/i18n/languages';
import {
  itineraryDays,
  itineraryIcs,
  missionOverview,
  type ItineraryStop,
  type MissionRecords,
} from '@shared/missions';
import { findOffice } from '../../../state/settings-store';
import { downloadBlob } from '../../../ui/download';
import { useRecordedOutput } from '../../audit';
import {
  PAPER_SIZES,
  defaultPaper,
  displayPhone,
  loadPaper,
  pageRule,
  savePaper,
  type PaperSize,
} from '../../bookings';
import { useOfficeContext } from '../../crm';
import { buyerLanguage, useMission, type MissionView } from '../model/use-mission';
// The day sheets' print rules (bk-day-sheet, bk-sheet-table) come with the bookings feature.
import '../missions.css';

type Kind = 'sme' | 'buyer' | 'overview';

/**
 * A printable, exportable itinerary: an SME's in Korean (the delegation's
 * language, whatever the screen's), a buyer's in the buyer's language, and
 * the mission overview (days × firms) in the reader's. Printed through the
 * browser's print / Electron's printToPDF with the day sheets' paper rule.
 */
export function ItineraryScreen() {
  const params = useParams();
  const { officeId } = useOfficeContext();
  const view = useMission(officeId, params.id ?? '');
  if (view.records === undefined) return <Spin />;
  if (view.records === null) return <Empty />;
  return <Itinerary view={view} records={view.records} />;
}

function Itinerary({ view, records }: { view: MissionView; records: MissionRecords }) {
  const params = useParams();
  const navigate = useNavigate();
  const { officeId, language: uiLanguage } = useOfficeContext();
  const kind: Kind = params.kind === 'sme' || params.kind === 'buyer' ? params.kind : 'overview';
  const subject = params.subject ?? '';
  const buyer = kind === 'buyer' ? view.buyers.get(subject) : undefined;
  // The sheet's language is the reader's, not the screen's.
  const office = findOffice(officeId);
  const language: Language =
    kind === 'sme'
      ? 'ko'
      : kind === 'buyer'
        ? buyerLanguage(view, subject, office.localLanguage)
        : uiLanguage;
  const { t } = useTranslation('missions', { lng: language });
  const localLang = office.localLanguage;
  const zone = records.mission.timeZone;
  const [paper, setPaper] = useState<PaperSize>(() =>
    loadPaper(defaultPaper(office.country, navigator.language)),
  );

  const places = new Map(records.places.map((p) => [p.id, p]));
  const interpreters = new Map(records.interpreters.map((i) => [i.id, i]));
  const vehicles = new Map(records.vehicles.map((v) => [v.id, v]));
  const drivers = new Map(records.drivers.map((d) => [d.id, d]));
  const participant =
    kind === 'sme' ? records.participants.find((p) => p.id === subject) : undefined;
  const firm = (id: string): SmeFirm | undefined => view.firms.get(id);
  const days = itineraryDays(
    records,
    kind === 'sme'
      ? { kind: 'sme', participantId: subject }
      : kind === 'buyer'
        ? { kind: 'buyer', buyerId: subject }
        : { kind: 'all' },
  );

  // Printing or exporting an itinerary is on record with its reason (issue 14).
  const recorded = useRecordedOutput();
  const stops = days.flatMap((d) => d.stops);
  const subjects = [
    { kind: 'buyer' as const, ids: [...new Set(stops.map((s) => s.request.buyerId))] },
    { kind: 'participant' as const, ids: [...new Set(stops.map((s) => s.participant.id))] },
  ];
  const recordedOutput = (format: 'ics' | 'paper', output: () => unknown) =>
    void recorded.run(
      {
        action: format === 'ics' ? 'export' : 'print',
        object: 'itinerary',
        format,
        count: null,
        subjects,
      },
      output,
    );

  const time = (iso: string) => formatTime(iso, zone, language);
  const dayTitle = (date: string) => formatDate(`${date}T12:00:00Z`, 'UTC', language, 'full');
  const buyerOf = (s: ItineraryStop) => view.buyers.get(s.request.buyerId);
  const firmName = (s: ItineraryStop) => firm(s.participant.smeFirmId)?.nameKo ?? '';
  const interpreterOf = (s: ItineraryStop) =>
    s.meeting.interpreterId ? interpreters.get(s.meeting.interpreterId) : undefined;
  const placeName = (id: string) => places.get(id)?.name ?? '';

  const title =
    kind === 'sme'
      ? t('itinerary.smeTitle', {
          name: participant ? (firm(participant.smeFirmId)?.nameKo ?? '') : '',
        })
      : kind === 'buyer'
        ? t('itinerary.buyerTitle', { name: buyer?.nameNative ?? '' })
        : t('itinerary.overviewTitle', { name: records.mission.name });

  const exportIcs = () => recordedOutput('ics', writeIcs);
  const writeIcs = () => {
    const text = itineraryIcs(days, {
      zone,
      calendarName: title,
      language: language.toUpperCase(),
      summary: (s) =>
        kind === 'buyer'
          ? t('itinerary.icsBuyerSummary', { firm: firmName(s) })
          : t('itinerary.icsSmeSummary', { buyer: buyerOf(s)?.nameNative ?? '' }),
      location: (s) => places.get(s.meeting.placeId)?.address ?? null,
      description: (s) => {
        const i = interpreterOf(s);
        return i ? t('itinerary.interpreterLine', { name: i.name.native }) : null;
      },
    });
    const safe = title.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'itinerary';
    downloadBlob(text, `${safe}.ics`, 'text/calendar;charset=utf-8');
  };

  const legText = (s: ItineraryStop) =>
    s.legs.map((l) => {
      const van = vehicles.get(l.vehicleId);
      const driver = l.driverId ? drivers.get(l.driverId) : undefined;
      return (
        <div key={l.kind} className="bh-itinerary-leg" data-testid="itinerary-leg">
          {t(l.kind === 'in' ? 'itinerary.legIn' : 'itinerary.legOut', {
            from: placeName(l.fromPlaceId),
            to: placeName(l.toPlaceId),
            start: time(l.start),
            end: time(l.end),
          })}
          {van && (
            <div className="bk-muted">
              {t('itinerary.van', { plate: van.plate })}
              {driver &&
                ` · ${t('itinerary.driver', { name: displayName(driver.name, language).primary })}`}
              {driver?.phone && ` · ${t('itinerary.phone')} ${displayPhone(driver.phone)}`}
            </div>
          )}
        </div>
      );
    });

  return (
    <section className="bk-day-sheet bh-itinerary" data-testid="itinerary" lang={language}>
      <ItineraryActions
        back={() => navigate(`/missions/${records.mission.id}?tab=itineraries`)}
        paper={paper}
        setPaper={setPaper}
        exportIcs={kind !== 'overview' && days.length > 0 ? exportIcs : null}
        print={() => recordedOutput('paper', () => window.print())}
        sheetLanguage={language}
      />
      {recorded.prompt}
      <style>{pageRule(paper)}</style>
      <header className="bk-sheet-header">
        <h1 className="bk-sheet-title" data-testid="itinerary-title">
          {title}
        </h1>
        <p className="bk-sheet-date">
          {records.mission.name} ·{' '}
          {t('itinerary.dates', {
            from: formatDate(`${records.mission.arrival}T12:00:00Z`, 'UTC', language),
            to: formatDate(`${records.mission.departure}T12:00:00Z`, 'UTC', language),
          })}
        </p>
        {participant && (
          <p>
            {participant.people
              .map((p) => `${p.nameKo}${p.nameLatin ? ` (${p.nameLatin})` : ''}`)
              .join(', ')}
          </p>
        )}
      </header>
      {kind === 'overview' ? (
        <Overview records={records} view={view} language={language} t={t} />
      ) : days.length === 0 ? (
        <Empty description={t('itinerary.empty')} />
      ) : (
        days.map((day) => (
          <div key={day.date} className="bh-itinerary-day">
            <h2>{dayTitle(day.date)}</h2>
            <table className="bk-sheet-table" data-testid="itinerary-table">
              <thead>
                <tr>
                  <th scope="col">{t('itinerary.time')}</th>
                  <th scope="col">{kind === 'sme' ? t('itinerary.buyer') : t('itinerary.firm')}</th>
                  <th scope="col">{t('itinerary.place')}</th>
                  <th scope="col">{t('itinerary.interpreter')}</th>
                  {kind === 'sme' && <th scope="col">{t('itinerary.travel')}</th>}
                </tr>
              </thead>
              <tbody>
                {day.stops.map((s) => {
                  const b = buyerOf(s);
                  const f = firm(s.participant.smeFirmId);
                  const i = interpreterOf(s);
                  const place = places.get(s.meeting.placeId);
                  return (
                    <tr key={s.meeting.id} data-testid="itinerary-row">
                      <td className="bk-sheet-time">
                        {time(s.meeting.start)}–{time(s.meeting.end)}
                      </td>
                      <td>
                        {kind === 'sme' ? (
                          <>
                            <div lang={b ? nameLang(b.nameScript) : undefined}>
                              {b?.nameNative ?? ''}
                            </div>
                            {b?.nameLatin && <div className="bk-muted">{b.nameLatin}</div>}
                          </>
                        ) : (
                          <>
                            <div lang="ko">{f?.nameKo ?? ''}</div>
                            {f?.nameEn && <div className="bk-muted">{f.nameEn}</div>}
                            <div className="bk-muted">
                              {s.participant.people.map((p) => p.nameLatin || p.nameKo).join(', ')}
                            </div>
                          </>
                        )}
                      </td>
                      <td>
                        <div>{place?.name ?? ''}</div>
                        {/* In the local script: what the driver and the taxi read. */}
                        <div lang={localLang} className="bk-muted">
                          {place?.address ?? ''}
                        </div>
                      </td>
                      <td>
                        {i ? (
                          <>
                            <span lang={displayName(i.name, language).lang}>
                              {displayName(i.name, language).primary}
                            </span>
                            {i.phone && (
                              <div className="bk-muted">
                                {t('itinerary.phone')} {displayPhone(i.phone)}
                              </div>
                            )}
                          </>
                        ) : (
                          t('itinerary.noInterpreter')
                        )}
                      </td>
                      {kind === 'sme' && (
                        <td>{s.participant.needsTransport ? legText(s) : t('itinerary.ownWay')}</td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))
      )}
    </section>
  );
}

function Overview({
  records,
  view,
  language,
  t,
}: {
  records: MissionRecords;
  view: MissionView;
  language: Language;
  t: (key: string, options?: Record<string, unknown>) => string;
}) {
  const { dates, rows } = missionOverview(records);
  const zone = records.mission.timeZone;
  return (
    <table className="bk-sheet-table bh-itinerary-grid" data-testid="itinerary-overview">
      <thead>
        <tr>
          <th scope="col">{t('itinerary.firm')}</th>
          {dates.map((d) => (
            <th scope="col" key={d}>
              {formatDate(`${d}T12:00:00Z`, 'UTC', language)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ participant, cells }) => {
          const firm = view.firms.get(participant.smeFirmId);
          return (
            <tr key={participant.id}>
              <th scope="row" lang="ko">
                {firm?.nameKo ?? participant.smeFirmId}
              </th>
              {dates.map((d) => (
                <td key={d}>
                  {(cells.get(d) ?? []).map((s) => {
                    const b = view.buyers.get(s.request.buyerId);
                    return (
                      <div key={s.meeting.id}>
                        {formatTime(s.meeting.start, zone, language)}{' '}
                        <span lang={b ? nameLang(b.nameScript) : undefined}>
                          {b?.nameNative ?? ''}
                        </span>
                      </div>
                    );
                  })}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function ItineraryActions({
  back,
  paper,
  setPaper,
  exportIcs,
  print,
  sheetLanguage,
}: {
  back: () => void;
  print: () => void;
  paper: PaperSize;
  setPaper: (paper: PaperSize) => void;
  exportIcs: (() => void) | null;
  sheetLanguage: Language;
}) {
  // The buttons speak the reader's language; the sheet below speaks its reader's.
  const { t } = useTranslation('missions');
  const { language } = useOfficeContext();
  return (
    <div className="bk-no-print bk-sheet-actions">
      <Space wrap>
        <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={back}>
          {t('itinerary.back')}
        </Button>
        <Radio.Group
          optionType="button"
          aria-label={t('itinerary.paper')}
          value={paper}
          onChange={(e) => {
            const next = e.target.value as PaperSize;
            setPaper(next);
            savePaper(next);
          }}
          options={PAPER_SIZES.map((size) => ({ value: size, label: size }))}
        />
        <Button
          type="primary"
          icon={<PrinterOutlined aria-hidden />}
          onClick={print}
          data-testid="itinerary-print"
        >
          {t('itinerary.print')}
        </Button>
        {exportIcs && (
          <Button
            icon={<CalendarOutlined aria-hidden />}
            onClick={exportIcs}
            data-testid="itinerary-ics"
          >
            {t('itinerary.ics')}
          </Button>
        )}
      </Space>
      {sheetLanguage !== language && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 8 }}
          title={t('itinerary.printedIn', { language: t(`itinerary.lang.${sheetLanguage}`) })}
        />
      )}
    </div>
  );
}
