import { App, Button, Col, Drawer, Form, Radio, Row, Select } from 'antd';
import { DateTime } from 'luxon';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName, type Booking, type FreeSlot, type OccurrenceChanges } from '@shared/bookings';
import type { Language } from '@shared/i18n/languages';
import type { SaveRefusal } from '../data/repository';
import { buildCandidate } from '../model/candidate';
import { languagePairLabel } from '../model/labels';
import { zoneLabel } from '../../../ui/zone-names';
import type { BookingsContext } from '../model/use-bookings';
import { RefusalAlert } from './RefusalAlert';
import {
  fromDay,
  initialValuesOf,
  plainValues,
  toDay,
  type DrawerTarget,
  type FieldValues,
  type Option,
  type Scope,
} from './drawer/form-values';
import { PlaceFields } from './drawer/PlaceFields';
import { RepeatFields } from './drawer/RepeatFields';
import { RequesterFields } from './drawer/RequesterFields';
import { useLinkOptions } from './drawer/use-link-options';
import { WhenFields } from './drawer/WhenFields';

/**
 * A booking or trip, new or edited: the resource (and driver), then the form's
 * sections (drawer/: when, what for and for whom, where, repeat), live
 * availability, save with the conflict check, cancel. One occurrence of a
 * series is edited as "this one", "this and the following" or "all".
 */
export type { DrawerTarget } from './drawer/form-values';

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
  const watched = Form.useWatch([], form) as FieldValues | undefined;

  // Trade talks and SMEs to link, when the CRM tables hold any.
  const { talks, smes, firms } = useLinkOptions(
    target !== null,
    officeId,
    officeZone,
    language,
    existing,
  );

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

  // The zone's offset on the booking's day (a March booking in Los Angeles is UTC-07:00
  // even when it is edited in December).
  const chosenDay = watched?.date ? fromDay(watched.date) : undefined;
  const zoneAt = chosenDay
    ? DateTime.fromISO(chosenDay, { zone: officeZone }).set({ hour: 12 }).toMillis()
    : openedAt;

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
          <Button onClick={onClose}>{t('actions.cancel')}</Button>
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
          {t('form.zoneNote', { zone: zoneLabel(officeZone, language, zoneAt) })}
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
                placeholder={t(
                  kind === 'vehicle' ? 'form.vehiclePlaceholder' : 'form.interpreterPlaceholder',
                )}
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
                <Select
                  id="booking-driver"
                  data-testid="booking-driver"
                  options={driverOptions}
                  placeholder={t('form.driverPlaceholder')}
                />
              </Form.Item>
            </Col>
          )}
        </Row>
        <WhenFields
          form={form}
          watched={watched}
          needsAmbiguity={needsAmbiguity}
          ambiguitySaved={Boolean(initialValues.ambiguity) && target?.mode === 'edit'}
          availability={availability}
          busy={busy}
          data={data}
          officeZone={officeZone}
          language={language}
          useSlot={useSlot}
        />
        <RequesterFields
          watched={watched}
          talks={talks}
          smes={smes}
          offerSme={smes.length > 0 || existing?.requester?.kind === 'sme'}
        />
        <PlaceFields kind={kind} seats={seats} />
        {(!existing || !existing.recurrence || watched?.scope !== 'this') && (
          <RepeatFields watched={watched} />
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
