import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DateTime } from 'luxon';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BOOKING_PURPOSES,
  BOOKING_STATUSES,
  displayName,
  WEEKDAYS,
  type Booking,
  type FreeSlot,
  type OccurrenceChanges,
} from '@shared/bookings';
import type { Language } from '@shared/i18n/languages';
import { useDatabase } from '../../../data/database-context';
import type { SaveRefusal } from '../data/repository';
import {
  buildCandidate,
  QUARTER_HOURS,
  valuesOf,
  type BookingFormValues,
} from '../model/candidate';
import { timeRange } from '../model/describe';
import { languagePairLabel, zoneLabel } from '../model/labels';
import { requesterName } from '../model/requesterName';
import { firmLabel } from '../../crm/common/firms';
import type { SmeFirm } from '@shared/crm/schemas';
import type { BookingsContext } from '../model/useBookings';
import { RefusalAlert } from './RefusalAlert';

export type DrawerTarget =
  | { mode: 'create'; kind: Booking['kind']; resourceId?: string; start?: number; end?: number }
  | { mode: 'edit'; bookingId: string; occurrenceStart?: number };

type Scope = 'this' | 'following' | 'all';

interface Option {
  value: string;
  label: string;
}

/** Form values with the antd date fields as dayjs objects. */
type FieldValues = Omit<BookingFormValues, 'date' | 'until'> & {
  date?: Dayjs;
  until?: Dayjs;
  scope?: Scope;
};

const toDay = (s?: string) => (s ? dayjs(s, 'YYYY-MM-DD') : undefined);
const fromDay = (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined);

function plainValues(values: FieldValues): BookingFormValues {
  return { ...values, date: fromDay(values.date), until: fromDay(values.until) };
}

/** Form values for a new drawer: the booking being edited, or a prefilled new one. */
function initialValuesOf(target: DrawerTarget | null, ctx: BookingsContext): FieldValues {
  const { data, officeZone } = ctx;
  if (target?.mode === 'edit') {
    const booking = data.byId.get(target.bookingId);
    if (booking) {
      const v = valuesOf(booking, officeZone, target.occurrenceStart);
      return {
        ...v,
        date: toDay(v.date),
        until: toDay(v.until),
        ...(booking.recurrence ? { scope: 'this' as const } : {}),
      };
    }
  }
  const create = target?.mode === 'create' ? target : undefined;
  const start = create?.start ?? Date.now();
  const end = create?.end ?? start + 3_600_000;
  const s = DateTime.fromMillis(start, { zone: officeZone });
  const e = DateTime.fromMillis(end, { zone: officeZone });
  const vehicle = create?.resourceId ? data.index.vehicles.get(create.resourceId) : undefined;
  return {
    resourceId: create?.resourceId,
    driverId: vehicle?.defaultDriverId ?? '',
    date: toDay(s.toFormat('yyyy-MM-dd')),
    startTime: s.toFormat('HH:mm'),
    endTime: e.toFormat('HH:mm'),
    endsNextDay: e.toFormat('yyyy-MM-dd') !== s.toFormat('yyyy-MM-dd'),
    purpose: 'trade-talk',
    status: 'confirmed',
    requesterKind: 'none',
    passengers: 1,
    passengerNames: [],
    repeat: 'none',
    interval: 1,
    repeatEnd: 'count',
    count: 4,
    weekdays: [],
  };
}

export function BookingDrawer({
  target,
  ctx,
  language,
  onClose,
}: {
  target: DrawerTarget | null;
  ctx: BookingsContext;
  language: Language;
  onClose: () => void;
}) {
  const { t } = useTranslation('bookings');
  const { message } = App.useApp();
  const db = useDatabase();
  const [form] = Form.useForm<FieldValues>();
  const { data, repo, officeId, officeZone } = ctx;
  const existing = target?.mode === 'edit' ? data.byId.get(target.bookingId) : undefined;
  const kind: Booking['kind'] =
    target?.mode === 'create' ? target.kind : (existing?.kind ?? 'vehicle');
  const isSeriesOccurrence = Boolean(existing?.recurrence) && target?.mode === 'edit';
  const [newId] = useState(() => crypto.randomUUID());
  // The zone's name and offset as of opening (a DST change mid-edit changes nothing here).
  const [openedAt] = useState(() => Date.now());
  const [initialValues] = useState(() => initialValuesOf(target, ctx));
  const [saveError, setSaveError] = useState<SaveRefusal | null>(null);
  const [saving, setSaving] = useState(false);
  const [talks, setTalks] = useState<Option[]>([]);
  const [smes, setSmes] = useState<Option[]>([]);
  const [firms, setFirms] = useState<ReadonlyMap<string, SmeFirm>>(new Map());
  const watched = Form.useWatch([], form) as FieldValues | undefined;

  // Trade talks and SMEs to link, when the CRM tables hold any.
  useEffect(() => {
    if (!target) return;
    let alive = true;
    void (async () => {
      const [talkRows, smeRows] = await Promise.all([
        db.table('tradeTalks').where('officeId').equals(officeId).limit(500).toArray(),
        db.table('smeFirms').limit(2000).toArray(),
      ]);
      if (!alive) return;
      // Names as the CRM shows them to this reader (Korean for ko, else the English name).
      const firmById = new Map((smeRows as SmeFirm[]).map((f) => [f.id, f]));
      setFirms(firmById);
      const smeName = new Map<string, string>();
      for (const firm of firmById.values()) smeName.set(firm.id, firmLabel(firm, language).text);
      // The booking's own SME even when the CRM does not hold it (yet): by its stored name.
      const own = existing?.requester?.kind === 'sme' ? existing.requester : undefined;
      if (own && !smeName.has(own.smeId)) {
        smeName.set(own.smeId, requesterName(own, language)?.text || t('form.unknownSme'));
      }
      setSmes([...smeName].map(([value, label]) => ({ value, label })));
      setTalks(
        (talkRows as Array<{ id: string; startsAt?: string; smeFirmId?: string }>).map((row) => ({
          value: row.id,
          label:
            [
              row.startsAt
                ? DateTime.fromISO(row.startsAt, { zone: 'utc' })
                    .setZone(officeZone)
                    .toFormat('yyyy-MM-dd HH:mm')
                : '',
              row.smeFirmId ? (smeName.get(row.smeFirmId) ?? '') : '',
            ]
              .filter(Boolean)
              .join(' · ') || row.id,
        })),
      );
    })().catch(() => {
      // Without the CRM tables the link is simply not offered.
    });
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target, db, officeId, officeZone, language]);

  const ignoreIds = useMemo(() => (existing ? [existing.id] : []), [existing]);
  const candidateId = existing && !isSeriesOccurrence ? existing.id : (existing?.id ?? newId);

  // Live availability while choosing: the same check the save runs.
  const live = useMemo(() => {
    if (!target || !watched) return { availability: null, needsAmbiguity: false };
    const built = buildCandidate(plainValues(watched), {
      kind,
      id: candidateId,
      officeId,
      zone: officeZone,
    });
    if (!built.ok) {
      return {
        needsAmbiguity: Boolean(built.needsAmbiguity),
        availability:
          built.error.code === 'bookings.unknown_resource'
            ? null
            : { state: 'refused' as const, error: built.error as SaveRefusal },
      };
    }
    const record =
      existing?.recurrence && watched.scope !== 'all'
        ? { ...built.booking, recurrence: undefined }
        : built.booking;
    const checked = repo.check(record, ignoreIds);
    return {
      needsAmbiguity: false,
      availability: checked.ok
        ? { state: 'free' as const }
        : { state: 'refused' as const, error: checked.error },
    };
    // data.version: the index changes in place when another laptop's booking arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    watched,
    target,
    kind,
    candidateId,
    officeId,
    officeZone,
    repo,
    ignoreIds,
    existing,
    data.version,
  ]);
  const availability = live.availability;
  const needsAmbiguity = live.needsAmbiguity || Boolean(watched?.ambiguity);

  const resourceOptions: Option[] =
    kind === 'vehicle'
      ? data.vehicles
          .filter((v) => v.active || v.id === watched?.resourceId)
          .map((v) => ({
            value: v.id,
            label: `${v.plate} · ${v.model} · ${t('vehicle.seatsShort', { count: v.seats })}`,
          }))
      : data.interpreters
          .filter((p) => p.active || p.id === watched?.resourceId)
          .map((p) => ({
            value: p.id,
            label: `${displayName(p.name, language).primary} · ${p.languagePairs
              .map((pair) => languagePairLabel(pair, language))
              .join(', ')}`,
          }));
  const driverOptions: Option[] = [
    { value: '', label: t('form.noDriver') },
    ...data.drivers
      .filter((d) => d.active)
      .map((d) => ({ value: d.id, label: displayName(d.name, language).primary })),
  ];
  const timeOptions = QUARTER_HOURS.map((q) => ({ value: q, label: q }));
  const seats =
    kind === 'vehicle' && watched?.resourceId
      ? data.index.vehicles.get(watched.resourceId)?.seats
      : undefined;

  // That day's busy times of the chosen resource, in the office zone.
  const busy = useMemo(() => {
    if (!watched?.resourceId || !watched.date) return [];
    const day = DateTime.fromISO(fromDay(watched.date)!, { zone: officeZone }).startOf('day');
    const from = day.toMillis();
    const to = day.plus({ days: 1 }).startOf('day').toMillis();
    return data.index
      .overlapping({ kind, id: watched.resourceId }, from, to)
      .filter((it) => !ignoreIds.includes(it.bookingId))
      .map((it) => ({
        key: `${it.bookingId}@${it.occurrenceStart}`,
        start: it.occurrenceStart,
        end: it.occurrenceEnd,
      }))
      .sort((a, b) => a.start - b.start);
    // data.version: the index mutates in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [watched?.resourceId, watched?.date, kind, officeZone, ignoreIds, data.version]);

  const useSlot = (slot: FreeSlot) => {
    const s = DateTime.fromISO(slot.start, { zone: officeZone });
    const e = DateTime.fromISO(slot.end, { zone: officeZone });
    form.setFieldsValue({
      date: toDay(s.toFormat('yyyy-MM-dd')),
      startTime: s.toFormat('HH:mm'),
      endTime: e.toFormat('HH:mm'),
      endsNextDay: e.toFormat('yyyy-MM-dd') !== s.toFormat('yyyy-MM-dd'),
    });
    setSaveError(null);
  };

  const save = async () => {
    const values = plainValues(form.getFieldsValue(true) as FieldValues);
    // An SME is stored with its names as the CRM has them now (both scripts).
    const firm =
      values.requesterKind === 'sme' && values.smeId ? firms.get(values.smeId) : undefined;
    if (firm) {
      values.requesterLabel = firm.nameKo;
      values.requesterLabelLatin = firm.nameEn;
    }
    const scope = (form.getFieldValue('scope') as Scope | undefined) ?? 'this';
    let built = buildCandidate(values, { kind, id: candidateId, officeId, zone: officeZone });
    if (existing?.recurrence && scope === 'all' && built.ok) {
      // "All": keep the series' first date, take the new wall times.
      const first = DateTime.fromISO(existing.start, { zone: officeZone }).toFormat('yyyy-MM-dd');
      built = buildCandidate(
        { ...values, date: first },
        { kind, id: existing.id, officeId, zone: officeZone },
      );
    }
    if (!built.ok) {
      setSaveError(built.error);
      return;
    }
    setSaving(true);
    try {
      let result;
      if (existing?.recurrence && target?.mode === 'edit' && scope !== 'all') {
        const occurrenceStart = target.occurrenceStart ?? Date.parse(existing.start);
        const { id: _id, officeId: _o, kind: _k, recurrence: _r, ...changes } = built.booking;
        result = await repo.editOccurrence(
          existing.id,
          occurrenceStart,
          changes as OccurrenceChanges<Booking>,
          scope,
        );
      } else {
        result = await repo.saveBooking(built.booking);
      }
      if (!result.ok) {
        setSaveError(result.error);
        return;
      }
      message.success(t('form.saved'));
      onClose();
    } finally {
      setSaving(false);
    }
  };

  const cancelBooking = async () => {
    if (!existing) return;
    const result =
      existing.recurrence && target?.mode === 'edit'
        ? await repo.editOccurrence(
            existing.id,
            target.occurrenceStart ?? Date.parse(existing.start),
            { status: 'cancelled' },
            (form.getFieldValue('scope') as Scope | undefined) === 'following'
              ? 'following'
              : 'this',
          )
        : await repo.cancelBooking(existing.id);
    if (!result.ok) {
      setSaveError(result.error);
      return;
    }
    message.success(t('form.cancelled'));
    onClose();
  };

  const title =
    target?.mode === 'edit'
      ? t(kind === 'vehicle' ? 'form.editTrip' : 'form.editBooking')
      : t(kind === 'vehicle' ? 'form.newTrip' : 'form.newBooking');

  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      title={title}
      size={560}
      destroyOnHidden
      data-testid="booking-drawer"
      closable={{ 'aria-label': t('actions.close') }}
      footer={
        <div className="bk-drawer-footer">
          {existing && existing.status !== 'cancelled' && (
            <Button danger data-testid="booking-cancel" onClick={() => void cancelBooking()}>
              {t('form.cancelBooking')}
            </Button>
          )}
          <span className="bk-spacer" />
          <Button onClick={onClose}>{t('actions.close')}</Button>
          <Button
            type="primary"
            loading={saving}
            data-testid="booking-save"
            onClick={() => void save()}
          >
            {t('actions.save')}
          </Button>
        </div>
      }
    >
      <Form<FieldValues>
        form={form}
        layout="vertical"
        className="bk-form"
        initialValues={initialValues}
      >
        <p className="bk-form-zone">
          {t('form.zoneNote', { zone: zoneLabel(officeZone, language, openedAt) })}
        </p>
        {isSeriesOccurrence && (
          <Form.Item name="scope" label={t('form.scope')}>
            <Radio.Group data-testid="booking-scope">
              <Radio value="this">{t('form.scopeThis')}</Radio>
              <Radio value="following">{t('form.scopeFollowing')}</Radio>
              <Radio value="all">{t('form.scopeAll')}</Radio>
            </Radio.Group>
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col span={kind === 'vehicle' ? 14 : 24}>
            <Form.Item
              name="resourceId"
              label={t(kind === 'vehicle' ? 'form.vehicle' : 'form.interpreter')}
              htmlFor="booking-resource"
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select
                id="booking-resource"
                data-testid="booking-resource"
                options={resourceOptions}
                showSearch={{ optionFilterProp: 'label' }}
                onChange={(id: string) => {
                  if (kind === 'vehicle') {
                    const v = data.index.vehicles.get(id);
                    if (v?.defaultDriverId) form.setFieldValue('driverId', v.defaultDriverId);
                  }
                }}
              />
            </Form.Item>
          </Col>
          {kind === 'vehicle' && (
            <Col span={10}>
              <Form.Item name="driverId" label={t('form.driver')} htmlFor="booking-driver">
                <Select id="booking-driver" data-testid="booking-driver" options={driverOptions} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item name="date" label={t('form.date')} htmlFor="booking-date">
              <DatePicker
                id="booking-date"
                data-testid="booking-date"
                format="YYYY-MM-DD"
                allowClear={false}
                className="bk-full"
              />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="startTime" label={t('form.start')} htmlFor="booking-start">
              <Select
                id="booking-start"
                data-testid="booking-start"
                options={timeOptions}
                showSearch
                onChange={(value: string) => {
                  // Keep the length when the start moves.
                  const prevStart = watched?.startTime;
                  const prevEnd = watched?.endTime;
                  if (!prevStart || !prevEnd) return;
                  const len = QUARTER_HOURS.indexOf(prevEnd) - QUARTER_HOURS.indexOf(prevStart);
                  const next = QUARTER_HOURS[QUARTER_HOURS.indexOf(value) + len];
                  if (len > 0 && next) form.setFieldValue('endTime', next);
                }}
              />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="endTime" label={t('form.end')} htmlFor="booking-end">
              <Select id="booking-end" data-testid="booking-end" options={timeOptions} showSearch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="endsNextDay" valuePropName="checked" className="bk-tight">
          <Checkbox data-testid="booking-next-day">{t('form.endsNextDay')}</Checkbox>
        </Form.Item>
        {needsAmbiguity && (
          <Form.Item name="ambiguity" label={t('form.ambiguity')}>
            <Radio.Group data-testid="booking-ambiguity">
              <Radio value="earlier">{t('form.ambiguityEarlier')}</Radio>
              <Radio value="later">{t('form.ambiguityLater')}</Radio>
            </Radio.Group>
          </Form.Item>
        )}
        <div className="bk-availability" aria-live="polite" data-testid="booking-availability">
          {availability?.state === 'free' && (
            <Alert type="success" showIcon title={t('form.available')} />
          )}
          {availability?.state === 'refused' && (
            <RefusalAlert
              error={availability.error}
              data={data}
              zone={officeZone}
              language={language}
              onUseSlot={useSlot}
              testId="availability"
            />
          )}
          {busy.length > 0 && (
            <div className="bk-busy">
              <span className="bk-busy-label">{t('form.busyThatDay')}</span>
              {busy.map((b) => (
                <Tag key={b.key}>{timeRange(b.start, b.end, officeZone, language)}</Tag>
              ))}
            </div>
          )}
        </div>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="purpose" label={t('form.purpose')} htmlFor="booking-purpose">
              <Select
                id="booking-purpose"
                data-testid="booking-purpose"
                options={BOOKING_PURPOSES.map((p) => ({ value: p, label: t(`purpose.${p}`) }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="status" label={t('form.status')} htmlFor="booking-status">
              <Select
                id="booking-status"
                data-testid="booking-status"
                options={BOOKING_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        {talks.length > 0 && (
          <Form.Item name="tradeTalkId" label={t('form.tradeTalk')} htmlFor="booking-talk">
            <Select
              id="booking-talk"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={talks}
            />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item name="requesterKind" label={t('form.requester')} htmlFor="booking-requester">
              <Select
                id="booking-requester"
                options={[
                  { value: 'none', label: t('form.requesterNone') },
                  ...(smes.length > 0 || existing?.requester?.kind === 'sme'
                    ? [{ value: 'sme', label: t('form.requesterSme') }]
                    : []),
                  { value: 'delegation', label: t('form.requesterDelegation') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={14}>
            {watched?.requesterKind === 'sme' && (
              <Form.Item name="smeId" label={t('form.sme')} htmlFor="booking-sme">
                <Select
                  id="booking-sme"
                  showSearch={{ optionFilterProp: 'label' }}
                  options={smes}
                />
              </Form.Item>
            )}
            {watched?.requesterKind === 'delegation' && (
              <Form.Item name="requesterLabel" label={t('form.delegationName')}>
                <Input data-testid="booking-delegation" />
              </Form.Item>
            )}
          </Col>
        </Row>
        {kind === 'interpreter' ? (
          <Form.Item name="location" label={t('form.location')} extra={t('form.localScriptHint')}>
            <Input data-testid="booking-location" />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="pickUp" label={t('form.pickUp')} extra={t('form.localScriptHint')}>
              <Input data-testid="booking-pickup" />
            </Form.Item>
            <Form.Item name="dropOff" label={t('form.dropOff')}>
              <Input data-testid="booking-dropoff" />
            </Form.Item>
            <Row gutter={12}>
              <Col span={8}>
                <Form.Item
                  name="passengers"
                  label={t('form.passengers')}
                  htmlFor="booking-passengers"
                  extra={seats !== undefined ? t('form.seatsHint', { count: seats }) : undefined}
                >
                  <InputNumber
                    id="booking-passengers"
                    data-testid="booking-passengers"
                    min={0}
                    max={100}
                    className="bk-full"
                  />
                </Form.Item>
              </Col>
              <Col span={16}>
                <Form.Item
                  name="passengerNames"
                  label={t('form.passengerNames')}
                  htmlFor="booking-passenger-names"
                >
                  <Select id="booking-passenger-names" mode="tags" open={false} suffixIcon={null} />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
        <Form.Item name="notes" label={t('form.notes')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {(!existing || !existing.recurrence || watched?.scope !== 'this') && (
          <fieldset className="bk-fieldset">
            <legend>{t('form.repeat')}</legend>
            <Space wrap align="start">
              <Form.Item name="repeat" noStyle>
                <Select
                  aria-label={t('form.repeat')}
                  data-testid="booking-repeat"
                  className="bk-repeat-select"
                  options={[
                    { value: 'none', label: t('form.repeatNone') },
                    { value: 'daily', label: t('form.repeatDaily') },
                    { value: 'weekly', label: t('form.repeatWeekly') },
                  ]}
                />
              </Form.Item>
              {watched?.repeat && watched.repeat !== 'none' && (
                <>
                  <Form.Item name="interval" noStyle>
                    <InputNumber
                      min={1}
                      max={99}
                      aria-label={t('form.interval')}
                      addonBefore={t('form.every')}
                    />
                  </Form.Item>
                  <Form.Item name="repeatEnd" noStyle>
                    <Radio.Group>
                      <Radio value="count">{t('form.repeatCount')}</Radio>
                      <Radio value="until">{t('form.repeatUntil')}</Radio>
                    </Radio.Group>
                  </Form.Item>
                  {watched.repeatEnd === 'until' ? (
                    <Form.Item name="until" noStyle>
                      <DatePicker format="YYYY-MM-DD" aria-label={t('form.repeatUntil')} />
                    </Form.Item>
                  ) : (
                    <Form.Item name="count" noStyle>
                      <InputNumber min={1} max={1000} aria-label={t('form.repeatCount')} />
                    </Form.Item>
                  )}
                </>
              )}
            </Space>
            {watched?.repeat === 'weekly' && (
              <Form.Item name="weekdays" className="bk-weekdays">
                <Checkbox.Group
                  options={WEEKDAYS.map((d) => ({ value: d, label: t(`weekday.${d}`) }))}
                />
              </Form.Item>
            )}
          </fieldset>
        )}
        {saveError && (
          <RefusalAlert
            error={saveError}
            data={data}
            zone={officeZone}
            language={language}
            onUseSlot={useSlot}
            onClose={() => setSaveError(null)}
            testId="save-refusal"
          />
        )}
      </Form>
    </Drawer>
  );
}
