import { CalendarOutlined, PrinterOutlined, WarningFilled } from '@ant-design/icons';
import { Button, Empty, Select, Space, Tag } from 'antd';
import { DateTime } from 'luxon';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { expandOccurrences, resourcesOf, type ResourceRef } from '@shared/bookings';
import { formatDate } from '@shared/format';
import type { Language } from '@shared/i18n/languages';
import { bookingLabel, timeRange } from '../model/describe';
import type { BookingsContext } from '../model/useBookings';
import { NotAtHqMarker } from '../../sync-ui/NotAtHqMarker';
import { tableOf } from '../data/repository';

export interface AgendaEntry {
  readonly key: string;
  readonly bookingId: string;
  readonly start: number;
  readonly end: number;
}

/** The next 14 days of one interpreter, vehicle or driver, grouped by local day. */
export function AgendaList({
  ctx,
  resource,
  options,
  onResourceChange,
  date,
  language,
  inConflict,
  onOpen,
  onDaySheet,
  onExport,
}: {
  ctx: BookingsContext;
  resource: ResourceRef | null;
  options: { value: string; label: string }[];
  onResourceChange: (key: string) => void;
  date: string;
  language: Language;
  inConflict: ReadonlySet<string>;
  onOpen: (bookingId: string, occurrenceStart: number) => void;
  onDaySheet: (date: string) => void;
  onExport: () => void;
}) {
  const { t } = useTranslation('bookings');
  const { data, viewZone } = ctx;
  const from = DateTime.fromISO(date, { zone: viewZone }).startOf('day');
  const to = from.plus({ days: 14 });
  const entries = useMemo(() => {
    if (!resource) return [];
    const out: AgendaEntry[] = [];
    for (const b of data.bookings) {
      if (!resourcesOf(b).some((r) => r.kind === resource.kind && r.id === resource.id)) continue;
      for (const o of expandOccurrences(b, { from: from.toMillis(), to: to.toMillis() })) {
        out.push({ key: `${b.id}@${o.start}`, bookingId: b.id, start: o.start, end: o.end });
      }
    }
    return out.sort((a, b) => a.start - b.start);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data.version, resource?.kind, resource?.id, date, viewZone]);
  const dayTitle = (at: number) => formatDate(at, viewZone, language, 'full');
  const days = new Map<string, AgendaEntry[]>();
  for (const e of entries) {
    const day = DateTime.fromMillis(e.start, { zone: viewZone }).toFormat('yyyy-MM-dd');
    const list = days.get(day) ?? [];
    list.push(e);
    days.set(day, list);
  }

  return (
    <div className="bk-agenda" data-testid="agenda">
      <Space wrap className="bk-agenda-toolbar">
        <Select
          className="bk-agenda-select"
          aria-label={t('agenda.choose')}
          placeholder={t('agenda.choose')}
          data-testid="agenda-resource"
          value={resource ? `${resource.kind}:${resource.id}` : undefined}
          options={options}
          onChange={onResourceChange}
          showSearch={{ optionFilterProp: 'label' }}
        />
        <Button
          icon={<CalendarOutlined />}
          disabled={!resource}
          onClick={onExport}
          data-testid="ics-export"
        >
          {t('agenda.exportIcs')}
        </Button>
      </Space>
      {!resource || days.size === 0 ? (
        <Empty description={t(resource ? 'agenda.empty' : 'agenda.pick')} />
      ) : (
        [...days].map(([day, list]) => (
          <section key={day} className="bk-agenda-day">
            <div className="bk-agenda-day-head">
              <h2 className="bk-h2">{dayTitle(list[0]!.start)}</h2>
              <Button size="small" icon={<PrinterOutlined />} onClick={() => onDaySheet(day)}>
                {t('daySheet.open')}
              </Button>
            </div>
            <ul className="bk-agenda-list">
              {list.map((entry) => {
                const booking = data.byId.get(entry.bookingId)!;
                return (
                  <li key={entry.key} className={`bk-agenda-item bk-status-${booking.status}`}>
                    <span className="bk-agenda-time">
                      {timeRange(entry.start, entry.end, viewZone, language)}
                    </span>
                    <span className="bk-agenda-label">
                      {bookingLabel(booking, data, language, t)}
                    </span>
                    <Tag>{t(`status.${booking.status}`)}</Tag>
                    <NotAtHqMarker table={tableOf(booking)} id={booking.id} />
                    {inConflict.has(booking.id) && (
                      <Tag color="red" icon={<WarningFilled />}>
                        {t('conflict.marker')}
                      </Tag>
                    )}
                    <Button size="small" onClick={() => onOpen(entry.bookingId, entry.start)}>
                      {t('actions.open')}
                    </Button>
                  </li>
                );
              })}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
