import { CalendarOutlined, PrinterOutlined, WarningFilled } from '@ant-design/icons';
import { Button, Empty, Select, Space, Tag } from 'antd';
import { DateTime } from 'luxon';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { resourceKey, type Booking, type ResourceRef } from '@shared/bookings';
import type { SmeFirm } from '@shared/crm/schemas';
import { formatDate } from '@shared/format';
import type { Language } from '@shared/i18n/languages';
import { buildAgenda } from '../model/agenda';
import { resourceName, timeRange } from '../model/describe';
import { requesterOrPurpose } from '../model/requester-name';
import type { BookingsContext } from '../model/use-bookings';
import { NotAtHqMarker } from '../../sync-ui';
import { tableOf } from '../data/repository';

/** Days shown for one chosen resource, and for everyone (no choice). */
const ONE_DAYS = 14;
const ALL_DAYS = 7;

/**
 * A row's text without the resource its group is headed by: the other
 * resources of the booking (the driver of a van's trip, the van of a driver's),
 * who asked for it (or its purpose) and where.
 */
function entryText(
  booking: Booking,
  heading: ResourceRef,
  ctx: BookingsContext,
  language: Language,
  t: ReturnType<typeof useTranslation>['t'],
  firms: ReadonlyMap<string, SmeFirm>,
): string {
  const parts: string[] = [];
  if (booking.kind === 'vehicle') {
    if (heading.kind !== 'vehicle') {
      parts.push(resourceName(ctx.data, { kind: 'vehicle', id: booking.vehicleId }, language));
    }
    if (heading.kind !== 'driver' && booking.driverId) {
      parts.push(resourceName(ctx.data, { kind: 'driver', id: booking.driverId }, language));
    }
  }
  parts.push(requesterOrPurpose(booking, language, t, firms).text);
  if (booking.kind === 'interpreter' && booking.location) parts.push(booking.location);
  if (booking.kind === 'vehicle' && booking.pickUp.address) parts.push(booking.pickUp.address);
  return parts.join(' · ');
}

/**
 * The agenda: one interpreter, vehicle or driver for the next 14 days; with
 * nobody chosen, everyone's next 7 days. Grouped by local day, then by
 * person or vehicle (the name once, as a heading).
 */
export function AgendaList({
  ctx,
  resource,
  everyone,
  options,
  onResourceChange,
  date,
  language,
  inConflict,
  firms,
  onOpen,
  onDaySheet,
  onExport,
}: {
  ctx: BookingsContext;
  resource: ResourceRef | null;
  /** Whose agenda shows when nobody is chosen (every interpreter, or every vehicle). */
  everyone: readonly ResourceRef[];
  options: { value: string; label: string }[];
  onResourceChange: (key: string) => void;
  date: string;
  language: Language;
  inConflict: ReadonlySet<string>;
  firms: ReadonlyMap<string, SmeFirm>;
  onOpen: (bookingId: string, occurrenceStart: number) => void;
  onDaySheet: (resource: ResourceRef, date: string) => void;
  onExport: () => void;
}) {
  const { t } = useTranslation('bookings');
  const { data, viewZone } = ctx;
  const resources = useMemo(() => (resource ? [resource] : everyone), [resource, everyone]);
  const days = useMemo(() => {
    const from = DateTime.fromISO(date, { zone: viewZone }).startOf('day');
    const to = from.plus({ days: resource ? ONE_DAYS : ALL_DAYS });
    return buildAgenda(
      data.bookings,
      resources,
      { from: from.toMillis(), to: to.toMillis() },
      viewZone,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data.version, resources, date, viewZone]);
  const dayTitle = (day: string) =>
    formatDate(
      DateTime.fromISO(day, { zone: viewZone }).set({ hour: 12 }).toMillis(),
      viewZone,
      language,
      'full',
    );
  const allLabel = t(
    everyone[0]?.kind === 'vehicle' ? 'timeline.allVehicles' : 'timeline.allInterpreters',
  );

  return (
    <div className="bk-agenda" data-testid="agenda">
      <Space wrap className="bk-agenda-toolbar">
        <Select
          className="bk-agenda-select"
          aria-label={t('agenda.choose')}
          placeholder={allLabel}
          allowClear
          data-testid="agenda-resource"
          value={resource ? `${resource.kind}:${resource.id}` : undefined}
          options={options}
          onChange={(key: string | undefined) => onResourceChange(key ?? '')}
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
      {days.length === 0 ? (
        <Empty description={t('agenda.empty')} />
      ) : (
        days.map(({ day, groups }) => (
          <section key={day} className="bk-agenda-day" data-testid="agenda-day">
            <div className="bk-agenda-day-head">
              <h2 className="bk-h2">{dayTitle(day)}</h2>
              {resource && (
                <Button
                  size="small"
                  icon={<PrinterOutlined />}
                  onClick={() => onDaySheet(resource, day)}
                >
                  {t('daySheet.open')}
                </Button>
              )}
            </div>
            {groups.map((group) => {
              const name = resourceName(data, group.resource, language);
              return (
                <div
                  key={resourceKey(group.resource)}
                  className="bk-agenda-group"
                  data-testid="agenda-group"
                >
                  {!resource && (
                    <div className="bk-agenda-group-head">
                      <h3 className="bk-h3">{name}</h3>
                      <Button
                        size="small"
                        type="text"
                        icon={<PrinterOutlined />}
                        aria-label={t('timeline.daySheetFor', { name })}
                        title={t('timeline.daySheetFor', { name })}
                        onClick={() => onDaySheet(group.resource, day)}
                      />
                    </div>
                  )}
                  <ul className="bk-agenda-list">
                    {group.entries.map((entry) => {
                      const booking = data.byId.get(entry.bookingId)!;
                      return (
                        <li
                          key={entry.key}
                          className={`bk-agenda-item bk-status-${booking.status}`}
                          data-testid="agenda-item"
                        >
                          <span className="bk-agenda-time">
                            {timeRange(entry.start, entry.end, viewZone, language)}
                          </span>
                          <span className="bk-agenda-label">
                            {entryText(booking, group.resource, ctx, language, t, firms)}
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
                </div>
              );
            })}
          </section>
        ))
      )}
    </div>
  );
}
