import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Select, Space, Switch, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Participant } from '@shared/missions';
import { useDatabase } from '../../../data/database-context';
import { firmLabel, SmeFirmModal, useOfficeContext } from '../../crm';
import { saveParticipant } from '../data/repository';
import type { MissionView } from '../model/use-mission';
import { LANGUAGE_CODES } from './labels';

interface PersonValues {
  nameKo: string;
  nameLatin?: string;
  phone?: string;
  languages?: string[];
}
interface ParticipantValues {
  smeFirmId: string;
  people: PersonValues[];
  needsTransport: boolean;
}

/** The mission's SME firms and their people. */
export function ParticipantsTab({ view }: { view: MissionView }) {
  const { t } = useTranslation('missions');
  const { language } = useOfficeContext();
  const [adding, setAdding] = useState(false);
  const records = view.records!;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button
        icon={<PlusOutlined aria-hidden />}
        onClick={() => setAdding(true)}
        data-testid="add-participant"
      >
        {t('participants.add')}
      </Button>
      <Table<Participant>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={records.participants}
        locale={{ emptyText: <span className="bh-mission-empty">{t('participants.empty')}</span> }}
        data-testid="participants-table"
        columns={[
          {
            key: 'firm',
            title: t('participants.firm'),
            render: (_, p) => {
              const label = firmLabel(view.firms.get(p.smeFirmId), language);
              return <span lang={label.lang}>{label.text}</span>;
            },
          },
          {
            key: 'people',
            title: t('participants.people'),
            render: (_, p) =>
              p.people.map((x) => (
                <div key={x.id}>
                  <span lang="ko">{x.nameKo}</span>
                  {x.nameLatin ? ` (${x.nameLatin})` : ''}
                </div>
              )),
          },
          {
            key: 'transport',
            title: t('participants.transport'),
            render: (_, p) =>
              p.needsTransport ? t('participants.ridesVans') : t('participants.ownWay'),
          },
        ]}
      />
      <ParticipantModal open={adding} onClose={() => setAdding(false)} view={view} />
    </Space>
  );
}

function ParticipantModal({
  open,
  onClose,
  view,
}: {
  open: boolean;
  onClose: () => void;
  view: MissionView;
}) {
  const { t } = useTranslation('missions');
  const { message } = App.useApp();
  const db = useDatabase();
  const { officeId, language } = useOfficeContext();
  const [form] = Form.useForm<ParticipantValues>();
  const [firmModal, setFirmModal] = useState(false);
  const records = view.records!;
  const taken = new Set(records.participants.map((p) => p.smeFirmId));
  const required = [{ required: true, whitespace: true, message: t('form.required') }];

  const submit = async (v: ParticipantValues) => {
    const result = await saveParticipant(db, officeId, {
      id: crypto.randomUUID(),
      officeId,
      missionId: records.mission.id,
      smeFirmId: v.smeFirmId,
      people: v.people.map((p) => ({
        id: crypto.randomUUID(),
        nameKo: p.nameKo,
        nameLatin: p.nameLatin ?? '',
        phone: p.phone ?? '',
        languages: p.languages?.length ? p.languages : ['ko'],
      })),
      needsTransport: v.needsTransport,
    });
    if (!result.ok) {
      message.error(t(`errors:${result.error.code}`));
      return;
    }
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('participants.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      destroyOnHidden
    >
      <Form<ParticipantValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ people: [{ nameKo: '', languages: ['ko'] }], needsTransport: true }}
        data-testid="participant-form"
      >
        <Form.Item label={t('participants.firm')} required>
          {/* A firm new to the province's registry is registered here, without leaving the mission. */}
          <div style={{ display: 'flex', gap: 8 }}>
            <Form.Item
              name="smeFirmId"
              noStyle
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select
                style={{ flex: 1, minWidth: 160 }}
                aria-label={t('participants.firm')}
                showSearch={{ optionFilterProp: 'label' }}
                options={[...view.firms.values()]
                  .filter((f) => !taken.has(f.id))
                  .map((f) => ({ value: f.id, label: firmLabel(f, language).text }))}
              />
            </Form.Item>
            <Button
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setFirmModal(true)}
              aria-label={t('crm:firms.create')}
              data-testid="participant-new-firm"
            />
          </div>
        </Form.Item>
        <Form.List name="people">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item
                    name={[field.name, 'nameKo']}
                    label={t('participants.nameKo')}
                    rules={required}
                  >
                    <Input lang="ko" maxLength={100} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'nameLatin']} label={t('participants.nameLatin')}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'phone']} label={t('participants.phone')}>
                    <Input maxLength={40} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'languages']} label={t('participants.languages')}>
                    <Select
                      mode="multiple"
                      style={{ minWidth: 120 }}
                      options={LANGUAGE_CODES.map((code) => ({
                        value: code,
                        label: t(`language.${code}`),
                      }))}
                    />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button
                      type="text"
                      aria-label={t('participants.removePerson')}
                      icon={<MinusCircleOutlined aria-hidden />}
                      onClick={() => remove(field.name)}
                    />
                  )}
                </Space>
              ))}
              <Button
                type="dashed"
                onClick={() => add({ nameKo: '', languages: ['ko'] })}
                icon={<PlusOutlined aria-hidden />}
              >
                {t('participants.addPerson')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item
          name="needsTransport"
          label={t('participants.ridesVans')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
      </Form>
      {/* Inside the participant modal, so antd stacks it above (nested z-index). */}
      <SmeFirmModal
        open={firmModal}
        onClose={(firm) => {
          setFirmModal(false);
          if (firm) form.setFieldValue('smeFirmId', firm.id);
        }}
      />
    </Modal>
  );
}
