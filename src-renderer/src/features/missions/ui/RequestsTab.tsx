import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Modal, Select, Space, Table, Tag, TimePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from 'luxon';
import { formatDateTime, formatTime } from '@shared/format';
import { nameLang } from '@shared/crm/names';
import {
  MEETING_VENUES,
  PRIORITIES,
  type MeetingRequest,
  type MeetingVenue,
  type Priority,
} from '@shared/missions';
import { useDatabase } from '../../../data/database-context';
import { firmLabel } from '../../crm';
import { useOfficeContext } from '../../crm';
import { ensureBuyerPlace, missionPlaceId } from '../data/places';
import { deleteRequest, saveRequest } from '../data/repository';
import type { MissionView } from '../model/use-mission';
import { LANGUAGE_CODES } from './labels';
import { useDatePickerFormat } from '../../../ui/use-date-format';

interface RequestValues {
  participantId: string;
  buyerId: string;
  priority: Priority;
  durationMinutes: number;
  venue: MeetingVenue;
  language?: string;
  windows?: { date: Dayjs; time: [Dayjs, Dayjs] }[];
}

/** Meeting requests: which firm wants to meet which buyer, how much, where, when the buyer can. */
export function RequestsTab({ view }: { view: MissionView }) {
  const { t } = useTranslation('missions');
  const db = useDatabase();
  const { language, timeZone } = useOfficeContext();
  const [adding, setAdding] = useState(false);
  const records = view.records!;
  const participants = new Map(records.participants.map((p) => [p.id, p]));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button
        icon={<PlusOutlined aria-hidden />}
        onClick={() => setAdding(true)}
        disabled={records.participants.length === 0}
        data-testid="add-request"
      >
        {t('requests.add')}
      </Button>
      <Table<MeetingRequest>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={records.requests}
        locale={{ emptyText: <span className="bh-mission-empty">{t('requests.empty')}</span> }}
        scroll={{ x: 'max-content' }}
        data-testid="requests-table"
        columns={[
          {
            key: 'firm',
            title: t('participants.firm'),
            render: (_, r) => {
              const p = participants.get(r.participantId);
              const label = firmLabel(p ? view.firms.get(p.smeFirmId) : undefined, language);
              return <span lang={label.lang}>{label.text}</span>;
            },
          },
          {
            key: 'buyer',
            title: t('requests.buyer'),
            render: (_, r) => {
              const b = view.buyers.get(r.buyerId);
              return b ? <span lang={nameLang(b.nameScript)}>{b.nameNative}</span> : null;
            },
          },
          {
            key: 'priority',
            title: t('requests.priority'),
            render: (_, r) => (
              <Tag color={r.priority === 'must' ? 'red' : undefined}>
                {t(`priority.${r.priority}`)}
              </Tag>
            ),
          },
          {
            key: 'duration',
            title: t('requests.duration'),
            render: (_, r) => t('requests.minutes', { count: r.durationMinutes }),
          },
          { key: 'venue', title: t('requests.venue'), render: (_, r) => t(`venue.${r.venue}`) },
          {
            key: 'language',
            title: t('requests.language'),
            render: (_, r) =>
              r.language ? t(`language.${r.language}`) : t('requests.noInterpreter'),
          },
          {
            key: 'windows',
            title: t('requests.windows'),
            render: (_, r) =>
              r.windows.length === 0
                ? t('requests.anyTime')
                : r.windows.map((w) => (
                    <div key={w.start}>
                      {formatDateTime(w.start, timeZone, language)} –{' '}
                      {formatTime(w.end, timeZone, language)}
                    </div>
                  )),
          },
          {
            key: 'actions',
            title: t('action.actions'),
            render: (_, r) => (
              <Button size="small" danger onClick={() => void deleteRequest(db, r.id)}>
                {t('action.delete')}
              </Button>
            ),
          },
        ]}
      />
      <RequestModal open={adding} onClose={() => setAdding(false)} view={view} />
    </Space>
  );
}

function RequestModal({
  open,
  onClose,
  view,
}: {
  open: boolean;
  onClose: () => void;
  view: MissionView;
}) {
  const { t } = useTranslation('missions');
  const dateFormat = useDatePickerFormat();
  const { message } = App.useApp();
  const db = useDatabase();
  const { officeId, language } = useOfficeContext();
  const [form] = Form.useForm<RequestValues>();
  const records = view.records!;
  const { mission } = records;

  const submit = async (v: RequestValues) => {
    const buyer = view.buyers.get(v.buyerId);
    if (!buyer) return;
    const placeId =
      v.venue === 'buyer'
        ? (await ensureBuyerPlace(db, officeId, buyer)).id
        : missionPlaceId(mission, v.venue);
    if (!placeId) {
      message.error(t('requests.placeMissing', { venue: t(`venue.${v.venue}`) }));
      return;
    }
    const windows = (v.windows ?? []).map((w) => {
      const date = w.date.format('YYYY-MM-DD');
      const at = (time: Dayjs) =>
        DateTime.fromISO(`${date}T${time.format('HH:mm')}`, { zone: mission.timeZone })
          .toUTC()
          .toISO()!;
      return { start: at(w.time[0]), end: at(w.time[1]) };
    });
    const result = await saveRequest(db, officeId, {
      id: crypto.randomUUID(),
      officeId,
      missionId: mission.id,
      participantId: v.participantId,
      buyerId: v.buyerId,
      priority: v.priority,
      durationMinutes: v.durationMinutes,
      venue: v.venue,
      placeId,
      windows,
      ...(v.language ? { language: v.language } : {}),
    });
    if (!result.ok) {
      message.error(t(`errors:${result.error.code}`));
      return;
    }
    form.resetFields();
    onClose();
  };

  const required = [{ required: true, message: t('form.required') }];
  return (
    <Modal
      open={open}
      title={t('requests.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      destroyOnHidden
      width={640}
    >
      <Form<RequestValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ priority: 'want', durationMinutes: 60, venue: 'buyer' }}
        data-testid="request-form"
      >
        <Form.Item name="participantId" label={t('participants.firm')} rules={required}>
          <Select
            options={records.participants.map((p) => ({
              value: p.id,
              label: firmLabel(view.firms.get(p.smeFirmId), language).text,
            }))}
          />
        </Form.Item>
        <Form.Item name="buyerId" label={t('requests.buyer')} rules={required}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={[...view.buyers.values()].map((b) => ({
              value: b.id,
              label: b.nameLatin ? `${b.nameNative} / ${b.nameLatin}` : b.nameNative,
            }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="priority" label={t('requests.priority')}>
            <Select
              style={{ minWidth: 140 }}
              options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
            />
          </Form.Item>
          <Form.Item name="durationMinutes" label={t('requests.duration')}>
            <Select
              style={{ minWidth: 120 }}
              options={[30, 45, 60, 90, 120].map((m) => ({
                value: m,
                label: t('requests.minutes', { count: m }),
              }))}
            />
          </Form.Item>
          <Form.Item name="venue" label={t('requests.venue')}>
            <Select
              style={{ minWidth: 160 }}
              options={MEETING_VENUES.map((v) => ({ value: v, label: t(`venue.${v}`) }))}
            />
          </Form.Item>
          <Form.Item name="language" label={t('requests.language')}>
            <Select
              allowClear
              placeholder={t('requests.noInterpreter')}
              style={{ minWidth: 160 }}
              options={LANGUAGE_CODES.filter((c) => c !== 'ko').map((c) => ({
                value: c,
                label: t(`language.${c}`),
              }))}
            />
          </Form.Item>
        </Space>
        <Form.List name="windows">
          {(fields, { add, remove }) => (
            <>
              <div className="bh-mission-label">{t('requests.windows')}</div>
              {fields.map((field) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item name={[field.name, 'date']} rules={required}>
                    <DatePicker format={dateFormat} aria-label={t('requests.windowDate')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'time']} rules={required}>
                    <TimePicker.RangePicker format="HH:mm" minuteStep={15} />
                  </Form.Item>
                  <Button
                    type="text"
                    aria-label={t('requests.removeWindow')}
                    icon={<MinusCircleOutlined aria-hidden />}
                    onClick={() => remove(field.name)}
                  />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined aria-hidden />}>
                {t('requests.addWindow')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
