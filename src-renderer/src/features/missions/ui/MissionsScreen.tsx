import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  TimePicker,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDate } from '@shared/format';
import { MISSION_KINDS, type Mission, type MissionKind } from '@shared/missions';
import { useDatabase } from '../../../data/database-context';
import { ScreenHeader } from '../../../ui/ScreenHeader';
import { useOfficeContext } from '../../crm';
import { zoneLabel } from '../../../ui/zone-names';
import { useLive } from '../../../data/use-live';
import { listMissions, saveMission } from '../data/repository';
import '../missions.css';
import { useDatePickerFormat } from '../../../ui/use-date-format';

interface MissionFormValues {
  name: string;
  kind: MissionKind;
  dates: [Dayjs, Dayjs];
  day: [Dayjs, Dayjs];
  lunch?: [Dayjs, Dayjs] | null;
  hqContact?: string;
  notes?: string;
}

/** The office's trade missions, newest first, and a new one. */
export function MissionsScreen() {
  const { t } = useTranslation('missions');
  const db = useDatabase();
  const { officeId, language, timeZone } = useOfficeContext();
  const missions = useLive(() => listMissions(db, officeId), [db, officeId]);
  const [creating, setCreating] = useState(false);

  return (
    <section className="bh-screen" data-testid="screen-missions">
      <ScreenHeader
        title={t('list.title')}
        subtitle={t('list.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setCreating(true)}
            data-testid="mission-new"
          >
            {t('list.new')}
          </Button>
        }
      />
      <Table<Mission>
        rowKey="id"
        size="small"
        loading={missions === undefined}
        dataSource={missions ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <span className="bh-mission-empty">{t('list.empty')}</span> }}
        data-testid="missions-table"
        columns={[
          {
            key: 'name',
            title: t('fields.name'),
            render: (_, m) => <Link to={`/missions/${encodeURIComponent(m.id)}`}>{m.name}</Link>,
          },
          { key: 'kind', title: t('fields.kind'), render: (_, m) => t(`kind.${m.kind}`) },
          {
            key: 'dates',
            title: t('fields.dates'),
            render: (_, m) =>
              t('list.dateRange', {
                from: formatDate(`${m.arrival}T12:00:00Z`, timeZone, language),
                to: formatDate(`${m.departure}T12:00:00Z`, timeZone, language),
              }),
          },
          {
            key: 'status',
            title: t('fields.status'),
            render: (_, m) => <Tag>{t(`status.${m.status}`)}</Tag>,
          },
        ]}
      />
      <MissionFormModal open={creating} onClose={() => setCreating(false)} officeId={officeId} />
    </section>
  );
}

function MissionFormModal({
  open,
  onClose,
  officeId,
}: {
  open: boolean;
  onClose: () => void;
  officeId: string;
}) {
  const { t } = useTranslation('missions');
  const dateFormat = useDatePickerFormat();
  const { message } = App.useApp();
  const db = useDatabase();
  const navigate = useNavigate();
  const { office, language } = useOfficeContext();
  // The instant the zone's name and offset are read at (the form is for days ahead).
  const [openedAt] = useState(() => Date.now());
  const [form] = Form.useForm<MissionFormValues>();
  const [saving, setSaving] = useState(false);

  const submit = async (v: MissionFormValues) => {
    setSaving(true);
    try {
      const id = crypto.randomUUID();
      const result = await saveMission(db, officeId, {
        id,
        officeId,
        name: v.name,
        kind: v.kind,
        status: 'planning',
        arrival: v.dates[0].format('YYYY-MM-DD'),
        departure: v.dates[1].format('YYYY-MM-DD'),
        // Wall times of the office, whatever zone the person views in.
        timeZone: office.timeZone,
        dayStart: v.day[0].format('HH:mm'),
        dayEnd: v.day[1].format('HH:mm'),
        breaks: v.lunch
          ? [{ start: v.lunch[0].format('HH:mm'), end: v.lunch[1].format('HH:mm') }]
          : [],
        hqContact: v.hqContact ?? '',
        notes: v.notes ?? '',
      });
      if (!result.ok) {
        message.error(t(`errors:${result.error.code}`));
        return;
      }
      onClose();
      navigate(`/missions/${encodeURIComponent(id)}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('list.new')}
      onCancel={onClose}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<MissionFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          kind: 'trade-mission',
          day: [dayjs('09:00', 'HH:mm'), dayjs('18:00', 'HH:mm')],
          lunch: [dayjs('12:00', 'HH:mm'), dayjs('13:00', 'HH:mm')],
        }}
        data-testid="mission-form"
      >
        <Form.Item
          name="name"
          label={t('fields.name')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="kind" label={t('fields.kind')}>
          <Select options={MISSION_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="dates"
          label={t('fields.dates')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} format={dateFormat} />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="day"
            label={t('fields.dayWindow')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <TimePicker.RangePicker format="HH:mm" minuteStep={15} />
          </Form.Item>
          <Form.Item name="lunch" label={t('fields.break')}>
            <TimePicker.RangePicker format="HH:mm" minuteStep={15} />
          </Form.Item>
        </Space>
        {/* The office's wall times, named once for both ranges. Not a field's `extra`: that
            describes only a range's first box, and its second would be named by the note alone. */}
        <p className="bh-mission-hint bh-mission-zone-note">
          {t('bookings:form.zoneNote', { zone: zoneLabel(office.timeZone, language, openedAt) })}
        </p>
        <Form.Item name="hqContact" label={t('fields.hqContact')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="notes" label={t('fields.notes')}>
          <Input.TextArea rows={2} maxLength={10_000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
