import { App, Button, Card, Form, Input, InputNumber, Select, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { TravelMatrix, type Place } from '@shared/missions';
import { useDatabase } from '../../../data/database-context';
import { useOfficeContext } from '../../crm';
import { missionPlaceId, saveMissionPlace, type MissionPlaceKind } from '../data/places';
import { savePlace, saveTravelOverride } from '../data/repository';
import type { MissionView } from '../model/use-mission';

const KINDS: MissionPlaceKind[] = ['hotel', 'office', 'hall'];

/** The mission's hotel, office and hall, the buyers' premises, and travel times staff know better. */
export function PlacesTab({ view }: { view: MissionView }) {
  const { t } = useTranslation('missions');
  const records = view.records!;
  const { mission } = records;
  const used = new Set([
    ...records.requests.map((r) => r.placeId),
    ...KINDS.map((k) => missionPlaceId(mission, k)).filter((id): id is string => Boolean(id)),
  ]);
  const places = records.places.filter((p) => used.has(p.id));
  const travel = new TravelMatrix(
    places,
    { citySpeedKmh: mission.citySpeedKmh, bufferMinutes: mission.travelBufferMinutes },
    records.overrides,
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap align="start">
        {KINDS.map((kind) => (
          <MissionPlaceCard key={kind} view={view} kind={kind} />
        ))}
      </Space>
      <Card title={t('places.allTitle')} size="small">
        <Table<Place>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={places}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'name', title: t('places.name'), render: (_, p) => p.name },
            { key: 'kind', title: t('places.kind'), render: (_, p) => t(`placeKind.${p.kind}`) },
            { key: 'address', title: t('places.address'), render: (_, p) => p.address },
            {
              key: 'coords',
              title: t('places.coordinates'),
              render: (_, p) => <CoordinatesEditor place={p} />,
            },
          ]}
        />
      </Card>
      <OverrideCard places={places} travel={travel} />
    </Space>
  );
}

function MissionPlaceCard({ view, kind }: { view: MissionView; kind: MissionPlaceKind }) {
  const { t } = useTranslation('missions');
  const { message } = App.useApp();
  const db = useDatabase();
  const records = view.records!;
  const id = missionPlaceId(records.mission, kind);
  const place = records.places.find((p) => p.id === id);
  const [form] = Form.useForm<{ name: string; address: string }>();
  return (
    <Card
      title={t(`placeKind.${kind}`)}
      size="small"
      style={{ minWidth: 280 }}
      data-testid={`place-${kind}`}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: place?.name ?? '', address: place?.address ?? '' }}
        onFinish={async (v) => {
          const result = await saveMissionPlace(db, records.mission, kind, {
            ...v,
            lat: place?.lat ?? null,
            lng: place?.lng ?? null,
          });
          if (!result.ok) message.error(t(`errors:${result.error.code}`));
          else message.success(t('places.saved'));
        }}
      >
        <Form.Item
          name="name"
          label={t('places.name')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('places.address')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Button htmlType="submit">{t('action.save')}</Button>
      </Form>
    </Card>
  );
}

function CoordinatesEditor({ place }: { place: Place }) {
  const { t } = useTranslation('missions');
  const { message } = App.useApp();
  const db = useDatabase();
  const { officeId } = useOfficeContext();
  return (
    <Form
      layout="inline"
      initialValues={{ lat: place.lat, lng: place.lng }}
      onFinish={async (v: { lat?: number | null; lng?: number | null }) => {
        const { lat: _lat, lng: _lng, ...rest } = place;
        const result = await savePlace(db, officeId, {
          ...rest,
          ...(v.lat != null && v.lng != null ? { lat: v.lat, lng: v.lng } : {}),
        });
        if (!result.ok) message.error(t(`errors:${result.error.code}`));
      }}
    >
      <Form.Item name="lat">
        <InputNumber
          aria-label={t('places.lat')}
          placeholder={t('places.lat')}
          min={-90}
          max={90}
          step={0.0001}
        />
      </Form.Item>
      <Form.Item name="lng">
        <InputNumber
          aria-label={t('places.lng')}
          placeholder={t('places.lng')}
          min={-180}
          max={180}
          step={0.0001}
        />
      </Form.Item>
      <Button size="small" htmlType="submit">
        {t('action.save')}
      </Button>
    </Form>
  );
}

function OverrideCard({ places, travel }: { places: readonly Place[]; travel: TravelMatrix }) {
  const { t } = useTranslation('missions');
  const { message } = App.useApp();
  const db = useDatabase();
  const { officeId } = useOfficeContext();
  const [form] = Form.useForm<{ a: string; b: string; minutes: number }>();
  const a = Form.useWatch('a', form);
  const b = Form.useWatch('b', form);
  const options = places.map((p) => ({ value: p.id, label: p.name }));
  const estimate = a && b && a !== b ? travel.minutes(a, b) : null;
  return (
    <Card title={t('places.travelTitle')} size="small">
      <Form
        form={form}
        layout="inline"
        onFinish={async (v) => {
          const result = await saveTravelOverride(db, officeId, {
            placeIds: [v.a, v.b],
            minutes: v.minutes,
          });
          if (!result.ok) message.error(t(`errors:${result.error.code}`));
          else message.success(t('places.saved'));
        }}
      >
        <Form.Item name="a" rules={[{ required: true, message: t('form.required') }]}>
          <Select
            aria-label={t('places.from')}
            placeholder={t('places.from')}
            style={{ minWidth: 180 }}
            options={options}
          />
        </Form.Item>
        <Form.Item name="b" rules={[{ required: true, message: t('form.required') }]}>
          <Select
            aria-label={t('places.to')}
            placeholder={t('places.to')}
            style={{ minWidth: 180 }}
            options={options}
          />
        </Form.Item>
        <Form.Item name="minutes" rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber
            aria-label={t('places.minutes')}
            placeholder={t('places.minutes')}
            min={0}
            max={1440}
          />
        </Form.Item>
        <Button htmlType="submit">{t('action.save')}</Button>
      </Form>
      {estimate !== null && (
        <p className="bh-mission-hint">
          {t(`places.source.${travel.source(a!, b!)}`, { minutes: estimate })}
        </p>
      )}
    </Card>
  );
}
