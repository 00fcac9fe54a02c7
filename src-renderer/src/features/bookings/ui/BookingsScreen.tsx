import { BellOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { App, Badge, Button, DatePicker, Radio, Select, Space, Switch, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { displayName, type Booking, type ResourceRef } from '@shared/bookings';
import { formatDate, formatUtcOffset } from '@shared/format';
import { ScreenHeader } from '../../../ui/ScreenHeader';
import { HqOwnDataNotice } from './HqOwnDataNotice';
import { useSettings } from '../../../state/settings-context';
import { TABLES, type SaveRefusal } from '../data/repository';
import { usePendingIds } from '../../sync-ui';
import { groupByPair, useConflicts } from '../model/conflicts';
import { rowLabel } from '../model/describe';
import { dateRangeLabel, languagePairLabel } from '../model/labels';
import { zoneName } from '../../../ui/zone-names';
import { ZOOM_LEVELS, type ZoomLevel } from '../model/block-layout';
import { filterRows, PAIR_PREFIX, parseOnly } from '../model/row-filter';
import { downloadText, resourceCalendar } from '../model/ics-export';
import { useRecordedOutput } from '../../audit';
import { defaultStart, rangeOf, shiftDate, todayIn, type ViewMode } from '../model/time-axis';
import { needsNotificationPermission } from '../model/notify';
import { occurrencesIn } from '../model/occurrences';
import { useBookings } from '../model/use-bookings';
import { useSmeFirms } from '../model/use-sme-firms';
import { AgendaList } from './AgendaList';
import { BookingDrawer, type DrawerTarget } from './BookingDrawer';
import { ConflictInbox } from './ConflictInbox';
import { RefusalAlert } from './RefusalAlert';
import { ResourcesPanel } from './ResourcesPanel';
import { Timeline, type TimelineItem, type TimelineRow } from './Timeline';
import { UtilizationTable } from './UtilizationTable';
import '../bookings.css';
import { useDatePickerFormat } from '../../../ui/use-date-format';

type Tab = 'timeline' | 'agenda' | 'conflicts' | 'utilization' | 'resources';
const TABS: readonly Tab[] = ['timeline', 'agenda', 'conflicts', 'utilization', 'resources'];

/** Interpreters or vehicles: timeline, agenda, conflict inbox, utilization, resources. */
export function BookingsScreen({ kind }: { kind: 'interpreter' | 'vehicle' }) {
  const screen = kind === 'vehicle' ? 'vehicles' : 'interpreters';
  const { t } = useTranslation('bookings');
  const dateFormat = useDatePickerFormat();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const language = useSettings((s) => s.language);
  const ctx = useBookings();
  const firms = useSmeFirms();
  const { data, repo, viewZone, officeZone } = ctx;
  const [params, setParams] = useSearchParams();
  const [now] = useState(() => Date.now());
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '')
    ? params.get('date')!
    : todayIn(viewZone, now);
  const mode: ViewMode = params.get('view') === 'week' ? 'week' : 'day';
  const zoom: ZoomLevel = (ZOOM_LEVELS as readonly string[]).includes(params.get('zoom') ?? '')
    ? (params.get('zoom') as ZoomLevel)
    : 'fit';
  const only = parseOnly(params.get('only'));
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'timeline';
  const [showCancelled, setShowCancelled] = useState(false);
  const [drawer, setDrawerTarget] = useState<DrawerTarget | null>(null);
  // A fresh drawer (state and form) for every booking opened.
  const [drawerKey, setDrawerKey] = useState(0);
  const setDrawer = useCallback((target: DrawerTarget | null) => {
    if (target) setDrawerKey((k) => k + 1);
    setDrawerTarget(target);
  }, []);
  const [refusal, setRefusal] = useState<{
    error: SaveRefusal;
    item: TimelineItem;
    rowId: string;
  } | null>(null);
  const { conflicts, inConflict } = useConflicts(data);
  // Once per change of the outbox, not per block (the week timeline draws thousands).
  const notAtHq = usePendingIds(
    kind === 'vehicle' ? TABLES.vehicleTrips : TABLES.interpreterBookings,
  );

  // `?open=<bookingId>` (e.g. from a change HQ refused, on the sync screen): opened once,
  // as soon as the booking is loaded (state adjusted while rendering, not in an effect).
  const openId = params.get('open');
  const [openedFromLink, setOpenedFromLink] = useState<string | null>(null);
  if (openId && openId !== openedFromLink && data.loaded && data.byId.has(openId)) {
    setOpenedFromLink(openId);
    setDrawer({ mode: 'edit', bookingId: openId });
  }

  const setParam = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    // An "add" request is taken when the resources tab opens with it.
    next.delete('add');
    for (const [k, v] of Object.entries(patch)) next.set(k, v);
    setParams(next, { replace: true });
  };

  const range = useMemo(() => rangeOf(date, viewZone, mode), [date, viewZone, mode]);
  const rangeTitle =
    mode === 'day'
      ? formatDate(range.from, viewZone, language, 'full')
      : dateRangeLabel(range.from, range.to, viewZone, language);

  const rows: TimelineRow[] = useMemo(
    () =>
      kind === 'vehicle'
        ? data.vehicles.map((v) => {
            const driver = v.defaultDriverId
              ? data.index.drivers.get(v.defaultDriverId)
              : undefined;
            return {
              id: v.id,
              title: v.plate,
              subtitle: [
                v.model,
                t('vehicle.seatsShort', { count: v.seats }),
                driver ? displayName(driver.name, language).primary : '',
              ]
                .filter(Boolean)
                .join(' · '),
              inactive: !v.active,
            };
          })
        : data.interpreters.map((p) => {
            const n = displayName(p.name, language);
            return {
              id: p.id,
              title: n.primary,
              titleLang: n.lang,
              subtitle: p.languagePairs.map((pair) => languagePairLabel(pair, language)).join(', '),
              inactive: !p.active,
            };
          }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data.version, kind, language, t],
  );

  const pairsOf = useMemo(() => {
    const map = new Map(data.interpreters.map((p) => [p.id, p.languagePairs]));
    return (id: string) => map.get(id) ?? [];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data.version]);
  const onlyKey = only.join(',');
  const shownRows = useMemo(
    () => filterRows(rows, only, pairsOf),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, onlyKey, pairsOf],
  );
  const filterOptions =
    kind === 'vehicle'
      ? [
          {
            label: t('resources.vehicles'),
            options: rows.map((r) => ({ value: r.id, label: r.title })),
          },
        ]
      : [
          {
            label: t('resources.languagePairs'),
            options: [...new Set(data.interpreters.flatMap((p) => p.languagePairs))]
              .sort()
              .map((pair) => ({
                value: `${PAIR_PREFIX}${pair}`,
                label: languagePairLabel(pair, language),
              })),
          },
          {
            label: t('resources.interpreters'),
            options: rows.map((r) => ({ value: r.id, label: r.title })),
          },
        ];

  const items: TimelineItem[] = useMemo(() => {
    const out: TimelineItem[] = [];
    for (const b of data.bookings) {
      if (b.kind !== kind) continue;
      if (b.status === 'cancelled' && !showCancelled) continue;
      const rowId = b.kind === 'vehicle' ? b.vehicleId : b.interpreterId;
      const bufferMs =
        b.kind === 'vehicle' && b.status !== 'cancelled'
          ? ctx.data.index.bufferMinutes({ kind: 'vehicle', id: b.vehicleId }) * 60_000
          : 0;
      for (const o of occurrencesIn(b, range)) {
        out.push({
          key: `${b.id}@${o.start}`,
          bookingId: b.id,
          rowId,
          start: o.start,
          end: o.end,
          bufferMs,
          status: b.status,
          label: rowLabel(b, data, language, t, firms),
          inConflict: inConflict.has(b.id),
          recurring: Boolean(b.recurrence),
        });
      }
    }
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data.version, kind, range, showCancelled, inConflict, language, t, firms]);

  // Stable callbacks keep the memoised timeline from re-rendering on unrelated state.
  const latest = useRef({ data, repo });
  useEffect(() => {
    latest.current = { data, repo };
  });
  const moveBooking = useCallback(
    async (item: TimelineItem, start: number, end: number, rowId: string = item.rowId) => {
      const { data, repo } = latest.current;
      const booking = data.byId.get(item.bookingId);
      if (!booking) return false;
      const when = { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
      // A drop on another row reassigns the vehicle (the driver stays) or the interpreter.
      const reassigned = rowId !== item.rowId;
      const changes = !reassigned
        ? when
        : booking.kind === 'vehicle'
          ? { ...when, vehicleId: rowId }
          : { ...when, interpreterId: rowId };
      // Same conflict check as every save: refused with the clashing booking and the next free slot.
      const result = booking.recurrence
        ? await repo.editOccurrence(booking.id, item.start, changes, 'this')
        : await repo.saveBooking({ ...booking, ...changes } as Booking);
      if (!result.ok) {
        setRefusal({ error: result.error, item, rowId });
        return false;
      }
      setRefusal(null);
      message.success(t(reassigned ? 'timeline.reassigned' : 'timeline.moved'));
      return true;
    },
    [message, t, setRefusal],
  );
  const openDaySheet = useCallback(
    // The selected day (in week view too), as a local date.
    (rowId: string) =>
      navigate(`/${screen}/day-sheet/${kind}/${encodeURIComponent(rowId)}/${date}`),
    [navigate, screen, kind, date],
  );
  const createAt = useCallback(
    (rowId: string, at: number) =>
      setDrawer({ mode: 'create', kind, resourceId: rowId, start: at, end: at + 3_600_000 }),
    [kind, setDrawer],
  );
  const openItem = useCallback(
    (item: TimelineItem) =>
      setDrawer({
        mode: 'edit',
        bookingId: item.bookingId,
        ...(item.recurring ? { occurrenceStart: item.start } : {}),
      }),
    [setDrawer],
  );

  const agendaOptions = (
    kind === 'vehicle'
      ? [
          ...data.vehicles.map((v) => ({
            value: `vehicle:${v.id}`,
            label: `${t('form.vehicle')}: ${v.plate}`,
          })),
          ...data.drivers.map((d) => ({
            value: `driver:${d.id}`,
            label: `${t('form.driver')}: ${displayName(d.name, language).primary}`,
          })),
        ]
      : data.interpreters.map((p) => ({
          value: `interpreter:${p.id}`,
          label: displayName(p.name, language).primary,
        }))
  ) satisfies { value: string; label: string }[];
  const agendaKey = params.get('resource');
  const agendaRef: ResourceRef | null =
    agendaKey && agendaOptions.some((o) => o.value === agendaKey)
      ? {
          kind: agendaKey.split(':')[0] as ResourceRef['kind'],
          id: agendaKey.slice(agendaKey.indexOf(':') + 1),
        }
      : null;

  // With nobody chosen, the agenda is everyone's: interpreters, or vehicles (a trip
  // would show twice under its van and its driver).
  const agendaEveryone: ResourceRef[] = useMemo(
    () =>
      kind === 'vehicle'
        ? data.vehicles.map((v) => ({ kind: 'vehicle' as const, id: v.id }))
        : data.interpreters.map((p) => ({ kind: 'interpreter' as const, id: p.id })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data.version, kind],
  );

  // An ICS export is on record with its reason (issue 14).
  const recorded = useRecordedOutput();
  const exportIcs = () => {
    if (!agendaRef) return;
    const cal = resourceCalendar(data, agendaRef, officeZone, language, t);
    const subjects = [{ kind: 'booking' as const, ids: cal.bookingIds }];
    void recorded.run(
      { action: 'export', object: 'bookings', format: 'ics', count: null, subjects },
      () => downloadText(cal.filename, cal.text, 'text/calendar;charset=utf-8'),
    );
  };

  const utilizationResources: ResourceRef[] = useMemo(
    () =>
      kind === 'vehicle'
        ? [
            ...data.vehicles.map((v) => ({ kind: 'vehicle' as const, id: v.id })),
            ...data.drivers.map((d) => ({ kind: 'driver' as const, id: d.id })),
          ]
        : data.interpreters.map((p) => ({ kind: 'interpreter' as const, id: p.id })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data.version, kind],
  );

  const openBooking = (bookingId: string, occurrenceStart?: number) =>
    setDrawer({
      mode: 'edit',
      bookingId,
      ...(occurrenceStart !== undefined ? { occurrenceStart } : {}),
    });

  // In Electron reminders are native (no permission); in a browser the user allows them once.
  const [askPermission, setAskPermission] = useState(needsNotificationPermission);

  const mine = (b: Booking) => b.kind === kind;
  const conflictsHere = conflicts.filter((c) =>
    c.bookingIds.some((id) => {
      const b = data.byId.get(id);
      return b ? mine(b) : false;
    }),
  );

  const conflictGroups = groupByPair(conflictsHere).length;

  return (
    <section className="bh-screen bk-screen" data-testid={`screen-${screen}`}>
      <HqOwnDataNotice />
      <ScreenHeader
        title={t(`${screen}.title`)}
        subtitle={t(`${screen}.subtitle`)}
        extra={
          <Space wrap>
            {askPermission && (
              <Button
                icon={<BellOutlined />}
                onClick={() =>
                  void Notification.requestPermission().then(() =>
                    setAskPermission(needsNotificationPermission()),
                  )
                }
              >
                {t('reminders.enable')}
              </Button>
            )}
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="new-booking"
              onClick={() => {
                const start = defaultStart(rangeOf(date, officeZone, 'day'), officeZone, now);
                setDrawer({ mode: 'create', kind, start, end: start + 3_600_000 });
              }}
            >
              {t(kind === 'vehicle' ? 'form.newTrip' : 'form.newBooking')}
            </Button>
          </Space>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParam({ tab: key })}
        items={[
          { key: 'timeline', label: t('tabs.timeline') },
          { key: 'agenda', label: t('tabs.agenda') },
          {
            key: 'conflicts',
            label: (
              <span data-testid="conflicts-tab">
                {t('tabs.conflicts')}{' '}
                <Badge
                  count={conflictGroups}
                  showZero={false}
                  aria-label={t('conflict.count', { count: conflictGroups })}
                />
              </span>
            ),
          },
          { key: 'utilization', label: t('tabs.utilization') },
          {
            key: 'resources',
            label: t(kind === 'vehicle' ? 'tabs.vehiclesDrivers' : 'tabs.interpreters'),
          },
        ]}
      />
      {tab === 'timeline' && (
        <>
          <div className="bk-toolbar">
            {/* Radio buttons, not Segmented: its sliding thumb forces a layout of the whole timeline. */}
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              value={mode}
              onChange={(e) => setParam({ view: String(e.target.value) })}
              options={[
                { value: 'day', label: t('timeline.day') },
                { value: 'week', label: t('timeline.week') },
              ]}
              data-testid="view-mode"
            />
            <Space.Compact>
              <Button
                icon={<LeftOutlined />}
                aria-label={t('timeline.previous')}
                onClick={() => setParam({ date: shiftDate(date, viewZone, mode, -1) })}
              />
              <Button onClick={() => setParam({ date: todayIn(viewZone) })}>
                {t('timeline.today')}
              </Button>
              <Button
                icon={<RightOutlined />}
                aria-label={t('timeline.next')}
                onClick={() => setParam({ date: shiftDate(date, viewZone, mode, 1) })}
              />
            </Space.Compact>
            <DatePicker
              aria-label={t('timeline.pickDate')}
              value={dayjs(date, 'YYYY-MM-DD')}
              format={dateFormat}
              allowClear={false}
              onChange={(d) => d && setParam({ date: d.format('YYYY-MM-DD') })}
            />
            <span className="bk-toolbar-date" data-testid="timeline-date">
              {rangeTitle}
            </span>
            <span className="bk-muted" data-testid="timeline-zone">
              {t('timeline.zone', {
                zone: zoneName(viewZone, language, range.from),
                offset: formatUtcOffset(viewZone, range.from),
              })}
            </span>
            <Radio.Group
              optionType="button"
              value={zoom}
              onChange={(e) => setParam({ zoom: String(e.target.value) })}
              aria-label={t('timeline.zoom')}
              data-testid="view-zoom"
              options={[
                { value: 'fit', label: t('timeline.zoomFit') },
                { value: 'hour', label: t('timeline.zoomHour') },
                { value: 'half', label: t('timeline.zoomHalf') },
              ]}
            />
            <Select
              mode="multiple"
              allowClear
              className="bk-filter"
              aria-label={t('timeline.filter')}
              placeholder={t(
                kind === 'vehicle' ? 'timeline.allVehicles' : 'timeline.allInterpreters',
              )}
              data-testid="timeline-filter"
              value={only}
              options={filterOptions}
              maxTagCount="responsive"
              showSearch={{ optionFilterProp: 'label' }}
              onChange={(values: string[]) => setParam({ only: values.join(',') })}
            />
            <span className="bk-spacer" />
            <label className="bk-switch">
              <Switch size="small" checked={showCancelled} onChange={setShowCancelled} />
              <span>{t('timeline.showCancelled')}</span>
            </label>
          </div>
          {refusal && (
            <RefusalAlert
              error={refusal.error}
              data={data}
              zone={viewZone}
              language={language}
              testId="move-refusal"
              onClose={() => setRefusal(null)}
              onUseSlot={(slot) => {
                const { item, rowId } = refusal;
                setRefusal(null);
                void moveBooking(item, Date.parse(slot.start), Date.parse(slot.end), rowId);
              }}
            />
          )}
          {rows.length === 0 ? (
            <div className="bk-empty" data-testid="timeline-empty">
              <p>{t(kind === 'vehicle' ? 'timeline.noVehicles' : 'timeline.noInterpreters')}</p>
              <Button
                data-testid="timeline-empty-add"
                onClick={() => setParam({ tab: 'resources', add: kind })}
              >
                {t(kind === 'vehicle' ? 'resources.addVehicle' : 'resources.addInterpreter')}
              </Button>
            </div>
          ) : (
            <Timeline
              rows={shownRows}
              items={items}
              range={range}
              mode={mode}
              zoom={zoom}
              zone={viewZone}
              language={language}
              now={now}
              onCreate={createAt}
              onOpen={openItem}
              onChange={moveBooking}
              onDaySheet={openDaySheet}
              notAtHq={notAtHq}
            />
          )}
          <div className="bk-legend" aria-hidden>
            <span className="bk-legend-item bk-status-confirmed">{t('status.confirmed')}</span>
            <span className="bk-legend-item bk-status-tentative">{t('status.tentative')}</span>
            <span className="bk-legend-item bk-in-conflict">{t('conflict.marker')}</span>
            <span className="bk-legend-item bk-legend-hq">{t('sync:marker.notAtHq')}</span>
            {kind === 'vehicle' && (
              <span className="bk-legend-item bk-legend-buffer">{t('timeline.buffer')}</span>
            )}
          </div>
        </>
      )}
      {recorded.prompt}
      {tab === 'agenda' && (
        <AgendaList
          ctx={ctx}
          resource={agendaRef}
          everyone={agendaEveryone}
          options={agendaOptions}
          onResourceChange={(key) => setParam({ resource: key })}
          date={date}
          language={language}
          inConflict={inConflict}
          firms={firms}
          onOpen={(id, start) => openBooking(id, data.byId.get(id)?.recurrence ? start : undefined)}
          onDaySheet={(ref, day) =>
            navigate(`/${screen}/day-sheet/${ref.kind}/${encodeURIComponent(ref.id)}/${day}`)
          }
          onExport={exportIcs}
        />
      )}
      {tab === 'conflicts' && (
        <ConflictInbox
          ctx={ctx}
          conflicts={conflictsHere}
          language={language}
          onOpen={(id) => openBooking(id)}
        />
      )}
      {tab === 'utilization' && (
        <UtilizationTable
          ctx={ctx}
          resources={utilizationResources}
          date={date}
          language={language}
        />
      )}
      {tab === 'resources' && (
        <ResourcesPanel
          ctx={ctx}
          kind={kind}
          language={language}
          addOnOpen={params.get('add') === kind ? kind : null}
        />
      )}
      <BookingDrawer
        key={drawerKey}
        target={drawer}
        ctx={ctx}
        language={language}
        onClose={() => setDrawer(null)}
      />
    </section>
  );
}
