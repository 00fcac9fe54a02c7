import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Switch,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  displayName,
  MESSENGER_KINDS,
  NAME_SCRIPTS,
  type Driver,
  type Interpreter,
  type Vehicle,
} from '@shared/bookings';
import { messengerName } from '@shared/contact/messengers';
import type { Language } from '@shared/i18n/languages';
import type { SaveRefusal } from '../data/repository';
import type { BookingsContext } from '../model/use-bookings';
import {
  languagePairChoices,
  languagePairLabel,
  officeLanguagePair,
  officeScript,
} from '../model/labels';
import { displayPhone, normalizePhone, scriptOfName } from '../model/person-form';
import { findOffice } from '../../../state/settings-store';

type EditKind = 'vehicle' | 'driver' | 'interpreter';

interface PersonFields {
  nativeName?: string;
  latinName?: string;
  script?: (typeof NAME_SCRIPTS)[number];
  phone?: string;
  messengerKind?: (typeof MESSENGER_KINDS)[number];
  messengerHandle?: string;
  languagePairs?: string[];
  active?: boolean;
}

interface VehicleFields {
  plate?: string;
  model?: string;
  seats?: number;
  defaultDriverId?: string;
  turnaroundBufferMinutes?: number;
  active?: boolean;
}

/** Vehicles and drivers (or interpreters): list, add, edit. */
export function ResourcesPanel({
  ctx,
  kind,
  language,
  addOnOpen,
}: {
  ctx: BookingsContext;
  kind: 'vehicle' | 'interpreter';
  language: Language;
  /** Open this "add" form at once (the empty timeline's "Add interpreter" / "Add vehicle"). */
  addOnOpen?: EditKind | null;
}) {
  const { t } = useTranslation('bookings');
  const { data, repo, officeId } = ctx;
  const office = findOffice(officeId);
  const [error, setError] = useState<SaveRefusal | null>(null);
  const [form] = Form.useForm<PersonFields & VehicleFields>();

  /** Form values for a dialog: the record being edited, or a new one's defaults. */
  const initialOf = (
    record: Vehicle | Driver | Interpreter | null,
  ): PersonFields & VehicleFields => {
    if (record && 'plate' in record)
      return { ...record, defaultDriverId: record.defaultDriverId ?? '' };
    if (record) {
      return {
        nativeName: record.name.native,
        latinName: record.name.latin,
        script: record.name.script,
        phone: record.phone ?? '',
        ...(record.messengers[0] ? { messengerKind: record.messengers[0].kind } : {}),
        messengerHandle: record.messengers[0]?.handle ?? '',
        languagePairs: 'languagePairs' in record ? record.languagePairs : [],
        active: record.active,
      };
    }
    return {
      active: true,
      seats: 7,
      turnaroundBufferMinutes: 15,
      // Names are typed in the office's script (Japanese in Tokyo), not Latin.
      script: officeScript(office.localLanguage),
      // The office's language with Korean (Korean ↔ Japanese in Tokyo).
      languagePairs: [officeLanguagePair(office.localLanguage)].filter((p) => p !== null),
      defaultDriverId: '',
    };
  };
  // Opened with an "add" request (the empty timeline's button): the form at once, not just the list.
  const [editing, setEditing] = useState<{ kind: EditKind; id: string | null } | null>(() =>
    addOnOpen ? { kind: addOnOpen, id: null } : null,
  );
  const [initial, setInitial] = useState<PersonFields & VehicleFields>(() => initialOf(null));
  const [editKey, setEditKey] = useState(0);

  // Fresh form values per dialog (the form is created when the dialog opens).
  const open = (k: EditKind, record: Vehicle | Driver | Interpreter | null) => {
    setError(null);
    setInitial(initialOf(record));
    setEditKey((n) => n + 1);
    setEditing({ kind: k, id: record?.id ?? null });
  };

  const save = async () => {
    if (!editing) return;
    // The fields' own rules first: each missing value is named at its field.
    const valid = await form.validateFields().then(
      () => true,
      () => false,
    );
    const v = form.getFieldsValue(true) as PersonFields & VehicleFields;
    // Phones as the buyer form keeps them: E.164, read with the office's country.
    const phone = normalizePhone(v.phone, office.country);
    if (editing.kind !== 'vehicle' && !phone.ok)
      form.setFields([{ name: 'phone', errors: [t('errors:crm.invalid_phone')] }]);
    if (!valid || (editing.kind !== 'vehicle' && !phone.ok)) return;
    const id = editing.id ?? crypto.randomUUID();
    let result;
    if (editing.kind === 'vehicle') {
      result = await repo.saveVehicle({
        id,
        officeId,
        plate: v.plate ?? '',
        model: v.model ?? '',
        seats: v.seats ?? 0,
        ...(v.defaultDriverId ? { defaultDriverId: v.defaultDriverId } : {}),
        turnaroundBufferMinutes: v.turnaroundBufferMinutes ?? 0,
        active: v.active ?? true,
      });
    } else {
      const person = {
        id,
        officeId,
        name: {
          native: v.nativeName ?? '',
          latin: v.latinName || v.nativeName || '',
          script: v.script ?? officeScript(office.localLanguage),
        },
        ...(phone.ok && phone.value ? { phone: phone.value } : {}),
        messengers:
          v.messengerKind && v.messengerHandle
            ? [{ kind: v.messengerKind, handle: v.messengerHandle }]
            : [],
        active: v.active ?? true,
      };
      result =
        editing.kind === 'driver'
          ? await repo.saveDriver(person)
          : await repo.saveInterpreter({ ...person, languagePairs: v.languagePairs ?? [] });
    }
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setEditing(null);
  };

  const personColumns = [
    {
      title: t('resources.name'),
      key: 'name',
      render: (_: unknown, p: Driver | Interpreter) => {
        const n = displayName(p.name, language);
        return (
          <span>
            <span lang={n.lang}>{n.primary}</span>
            {n.secondary && <span className="bk-muted"> · {n.secondary}</span>}
          </span>
        );
      },
    },
    {
      title: t('resources.phone'),
      key: 'phone',
      render: (_: unknown, p: Driver | Interpreter) => (p.phone ? displayPhone(p.phone) : ''),
    },
    {
      title: t('resources.messenger'),
      key: 'messenger',
      render: (_: unknown, p: Driver | Interpreter) =>
        p.messengers.map((m) => `${messengerName(m.kind, language)}: ${m.handle}`).join(', '),
    },
    {
      title: t('resources.active'),
      key: 'active',
      render: (_: unknown, p: Driver | Interpreter) =>
        p.active ? t('resources.yes') : t('resources.no'),
    },
  ];

  const editButton = (k: EditKind, record: Vehicle | Driver | Interpreter) => (
    <Button
      size="small"
      icon={<EditOutlined />}
      aria-label={t('resources.edit')}
      onClick={() => open(k, record)}
    />
  );

  return (
    <div className="bk-resources" data-testid="resources">
      {kind === 'vehicle' ? (
        <>
          <div className="bk-section-head">
            <h2 className="bk-h2">{t('resources.vehicles')}</h2>
            <Button
              icon={<PlusOutlined />}
              onClick={() => open('vehicle', null)}
              data-testid="add-vehicle"
            >
              {t('resources.addVehicle')}
            </Button>
          </div>
          <Table<Vehicle>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={[...data.vehicles]}
            columns={[
              { title: t('resources.plate'), dataIndex: 'plate', key: 'plate' },
              { title: t('resources.model'), dataIndex: 'model', key: 'model' },
              { title: t('resources.seats'), dataIndex: 'seats', key: 'seats' },
              {
                title: t('resources.defaultDriver'),
                key: 'driver',
                render: (_, v) => {
                  const d = v.defaultDriverId
                    ? data.index.drivers.get(v.defaultDriverId)
                    : undefined;
                  return d ? displayName(d.name, language).primary : '';
                },
              },
              {
                // The cells say "15 minutes": the heading names no unit (it read "Turnaround
                // time (minutes)" over "15 minutes").
                title: t('resources.bufferColumn'),
                key: 'buffer',
                render: (_, v) => t('resources.minutes', { count: v.turnaroundBufferMinutes }),
              },
              { title: '', key: 'edit', render: (_, v) => editButton('vehicle', v) },
            ]}
          />
          <div className="bk-section-head">
            <h2 className="bk-h2">{t('resources.drivers')}</h2>
            <Button icon={<PlusOutlined />} onClick={() => open('driver', null)}>
              {t('resources.addDriver')}
            </Button>
          </div>
          <Table<Driver>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={[...data.drivers]}
            columns={[
              ...personColumns,
              { title: '', key: 'edit', render: (_, d) => editButton('driver', d) },
            ]}
          />
        </>
      ) : (
        <>
          <div className="bk-section-head">
            <h2 className="bk-h2">{t('resources.interpreters')}</h2>
            <Button
              icon={<PlusOutlined />}
              onClick={() => open('interpreter', null)}
              data-testid="add-interpreter"
            >
              {t('resources.addInterpreter')}
            </Button>
          </div>
          <Table<Interpreter>
            size="small"
            rowKey="id"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={[...data.interpreters]}
            columns={[
              ...personColumns,
              {
                title: t('resources.languagePairs'),
                key: 'pairs',
                render: (_, p) =>
                  p.languagePairs.map((pair) => (
                    <Tag key={pair}>{languagePairLabel(pair, language)}</Tag>
                  )),
              },
              { title: '', key: 'edit', render: (_, p) => editButton('interpreter', p) },
            ]}
          />
        </>
      )}
      <Modal
        open={editing !== null}
        title={editing ? t(`resources.title.${editing.kind}`) : ''}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        okText={t('actions.save')}
        cancelText={t('actions.cancel')}
        destroyOnHidden
      >
        <Form key={editKey} form={form} layout="vertical" initialValues={initial}>
          {editing?.kind === 'vehicle' ? (
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item
                  name="plate"
                  label={t('resources.plate')}
                  rules={[{ required: true, message: t('form.required') }]}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="model" label={t('resources.model')}>
                  <Input />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="seats" label={t('resources.seats')}>
                  <InputNumber min={1} max={100} className="bk-full" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="turnaroundBufferMinutes" label={t('resources.buffer')}>
                  <InputNumber min={0} max={1440} step={5} className="bk-full" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="active" label={t('resources.active')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="defaultDriverId" label={t('resources.defaultDriver')}>
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    options={[
                      { value: '', label: t('form.noDriver') },
                      ...data.drivers.map((d) => ({
                        value: d.id,
                        label: displayName(d.name, language).primary,
                      })),
                    ]}
                  />
                </Form.Item>
              </Col>
            </Row>
          ) : (
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item
                  name="nativeName"
                  label={t('resources.nativeName')}
                  rules={[{ required: true, message: t('form.required') }]}
                >
                  <Input
                    onBlur={(e) => {
                      // The script follows what was typed, unless someone chose it.
                      if (!form.isFieldTouched('script')) {
                        form.setFieldValue(
                          'script',
                          scriptOfName(e.target.value, office.localLanguage),
                        );
                      }
                    }}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="latinName" label={t('resources.latinName')}>
                  <Input />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="script" label={t('resources.script')}>
                  <Select
                    options={NAME_SCRIPTS.map((s) => ({ value: s, label: t(`script.${s}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="phone" label={t('resources.phone')}>
                  <Input
                    data-testid="person-phone"
                    onBlur={(e) => {
                      const phone = normalizePhone(e.target.value, office.country);
                      if (phone.ok && phone.value) form.setFieldValue('phone', phone.value);
                    }}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="messengerKind" label={t('resources.messenger')}>
                  <Select
                    allowClear
                    placeholder={t('resources.messengerPlaceholder')}
                    options={MESSENGER_KINDS.map((m) => ({
                      value: m,
                      label: messengerName(m, language),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="messengerHandle" label={t('resources.messengerHandle')}>
                  <Input />
                </Form.Item>
              </Col>
              {editing?.kind === 'interpreter' && (
                <Col span={24}>
                  <Form.Item
                    name="languagePairs"
                    label={t('resources.languagePairs')}
                    extra={t('resources.languagePairsHint')}
                    // An interpreter needs at least one pair (the schema's rule): said at the
                    // field, not as "Some booking details are missing or not valid."
                    rules={[{ required: true, type: 'array', min: 1, message: t('form.required') }]}
                  >
                    <Select
                      mode="multiple"
                      optionFilterProp="label"
                      options={languagePairChoices(initial.languagePairs).map((p) => ({
                        value: p,
                        label: languagePairLabel(p, language),
                      }))}
                      tagRender={({ value, closable, onClose }) => (
                        <Tag closable={closable} onClose={onClose}>
                          {languagePairLabel(String(value), language)}
                        </Tag>
                      )}
                    />
                  </Form.Item>
                </Col>
              )}
              <Col span={12}>
                <Form.Item name="active" label={t('resources.active')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
            </Row>
          )}
          {error && (
            <Alert
              type="error"
              showIcon
              title={t(`errors:${error.code}`, { ...(error.params ?? {}) })}
            />
          )}
        </Form>
      </Modal>
    </div>
  );
}
