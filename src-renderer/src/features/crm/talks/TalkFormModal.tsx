import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  type ButtonProps,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Row,
  Select,
  TimePicker,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { foldForSearch } from '@shared/crm/fold';
import { nameLang, nativeName } from '@shared/crm/names';
import type { TalkStage } from '@shared/crm/codes';
import type { Contact, SmeFirm } from '@shared/crm/schemas';
import { CURRENCY_CODES, parseDecimalAmount, type CurrencyCode, type Money } from '@shared/money';
import { useDatabase } from '../../../data/database-context';
import { errorMessageKey } from '../../../i18n/error-message';
import { firmLabel } from '../common/firms';
import { useCrmLabels, useOfficeContext } from '../common/use-labels';
import { CRM_TABLES, CrmError } from '../data/records';
import { createTalk } from '../data/talk-repository';
import { useCrmIndex, useLive } from '../data/use-crm';
import { SmeFirmModal } from './SmeFirmModal';
import { nowInZone, wallToUtc } from './wall-time';

interface AmountValue {
  value?: string;
  currency?: CurrencyCode;
}

/** What the talk form reads of the scheduling engineer's interpreters (optional link). */
interface InterpreterRow {
  id: string;
  name?: { native?: string; latin?: string; script?: string };
  active?: boolean;
}
const INTERPRETER_LANG: Record<string, string> = {
  hangul: 'ko',
  japanese: 'ja',
  chinese: 'zh-CN',
  latin: 'en',
};

interface TalkFormValues {
  interpreterId?: string;
  buyerId?: string;
  contactId?: string;
  smeFirmId?: string;
  date: Dayjs;
  time: Dayjs;
  stage: TalkStage;
  negotiated?: AmountValue;
  contract?: AmountValue;
  actualExport?: AmountValue;
  products?: string[];
  followUpDue?: Dayjs | null;
  followUpText?: string;
  notes?: string;
}

const AMOUNT_KEYS = ['negotiated', 'contract', 'actualExport'] as const;

/** "Log a talk": the few fields that matter first, defaults for the rest (under 30 seconds). */
export function TalkFormModal({
  open,
  onClose,
  buyerId,
}: {
  open: boolean;
  onClose: () => void;
  buyerId?: string;
}) {
  const { t } = useTranslation('crm');
  const { message } = App.useApp();
  const db = useDatabase();
  const labels = useCrmLabels();
  const { office, officeId, timeZone, language } = useOfficeContext();
  const { index, version } = useCrmIndex();
  const [form] = Form.useForm<TalkFormValues>();
  const [buyerQuery, setBuyerQuery] = useState('');
  const [saving, setSaving] = useState(false);
  const [firmModal, setFirmModal] = useState(false);
  const chosenBuyer = Form.useWatch('buyerId', form);

  const interpreters =
    useLive(
      () => db.table<InterpreterRow>('interpreters').where('officeId').equals(officeId).toArray(),
      [db, officeId],
    ) ?? [];
  const firms = useLive(() => db.table<SmeFirm>(CRM_TABLES.smeFirms).toArray(), [db]) ?? [];
  const contactList = useLive(
    async () =>
      chosenBuyer
        ? db.table<Contact>(CRM_TABLES.contacts).where('buyerId').equals(chosenBuyer).toArray()
        : [],
    [db, chosenBuyer],
  );
  const contacts = useMemo(() => contactList ?? [], [contactList]);

  useEffect(() => {
    if (!open) return;
    const now = nowInZone(timeZone);
    form.resetFields();
    form.setFieldsValue({
      buyerId,
      date: now,
      time: now,
      stage: 'inquiry',
      negotiated: { currency: office.currency },
      contract: { currency: office.currency },
      actualExport: { currency: office.currency },
    });
  }, [open, buyerId, form, timeZone, office.currency]);

  useEffect(() => {
    if (open && contacts.length && !form.getFieldValue('contactId'))
      form.setFieldValue('contactId', contacts[0]!.id);
  }, [open, contacts, form]);

  const buyerOptions = useMemo(() => {
    const ids = buyerQuery.trim()
      ? index
          .query({ text: buyerQuery, filters: {}, sort: 'name', collation: language })
          .ids.slice(0, 30)
      : [];
    const selected = form.getFieldValue('buyerId') as string | undefined;
    if (selected && !ids.includes(selected)) ids.unshift(selected);
    return ids
      .map((id) => index.rows.get(id))
      .filter((r) => r !== undefined)
      .map((r) => ({
        value: r.id,
        label: (
          <span>
            <span lang={nameLang(r.nameScript)}>{r.nameNative}</span>
            {r.nameLatin ? <span className="bh-crm-muted"> · {r.nameLatin}</span> : null}
          </span>
        ),
      }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [index, version, buyerQuery, language, chosenBuyer]);

  const firmOptions = firms.map((f) => {
    const l = firmLabel(f, language);
    return {
      value: f.id,
      search: foldForSearch(`${f.nameKo} ${f.nameEn} ${f.businessRegistrationNumber}`),
      label: <span lang={l.lang}>{l.text}</span>,
    };
  });

  const submit = async (values: TalkFormValues) => {
    const startsAt = wallToUtc(values.date, values.time, timeZone);
    if (!startsAt) {
      form.setFields([{ name: 'date', errors: [t('errors:crm.invalid_date')] }]);
      return;
    }
    const amounts: Partial<Record<(typeof AMOUNT_KEYS)[number], Money>> = {};
    const bad: { name: (string | number)[]; errors: string[] }[] = [];
    for (const key of AMOUNT_KEYS) {
      const v = values[key];
      if (!v?.value?.trim()) continue;
      const parsed = parseDecimalAmount(v.value, v.currency ?? office.currency);
      if (!parsed || parsed.amountMinor < 0)
        bad.push({ name: [key, 'value'], errors: [t('errors:crm.invalid_amount')] });
      else amounts[key] = parsed;
    }
    if (bad.length) return form.setFields(bad as never);
    setSaving(true);
    try {
      await createTalk(db, officeId, {
        startsAt,
        timeZone,
        buyerId: values.buyerId!,
        ...(values.contactId ? { contactId: values.contactId } : {}),
        smeFirmId: values.smeFirmId!,
        ...(values.interpreterId ? { interpreterId: values.interpreterId } : {}),
        stage: values.stage,
        ...amounts,
        products: (values.products ?? []).map((name) => ({ name })),
        followUps:
          values.followUpDue && values.followUpText?.trim()
            ? [
                {
                  due: values.followUpDue.format('YYYY-MM-DD'),
                  text: values.followUpText.trim(),
                  done: false,
                },
              ]
            : [],
        notes: values.notes ?? '',
      });
      message.success(t('talks.logged'));
      close();
    } catch (error) {
      if (error instanceof CrmError && error.fieldErrors.length) {
        message.error(error.fieldErrors.map((e) => t(`errors:${e.code}`)).join(' '));
      } else message.error(t(errorMessageKey(error)));
    } finally {
      setSaving(false);
    }
  };

  const close = () => {
    setBuyerQuery('');
    onClose();
  };

  const amountRow = (key: (typeof AMOUNT_KEYS)[number]) => (
    <Form.Item label={t(`fields.${key}`)} key={key}>
      <div className="bh-crm-inline-row">
        <Form.Item name={[key, 'value']} noStyle>
          <Input
            inputMode="decimal"
            style={{ flex: 1, minWidth: 120 }}
            aria-label={t(`fields.${key}`)}
            data-testid={`talk-${key}`}
          />
        </Form.Item>
        <Form.Item name={[key, 'currency']} noStyle>
          <Select
            aria-label={t('fields.currency')}
            style={{ width: 90 }}
            options={CURRENCY_CODES.map((c) => ({ value: c, label: c }))}
          />
        </Form.Item>
      </div>
    </Form.Item>
  );

  return (
    <>
      <Modal
        open={open}
        title={t('talks.logTitle')}
        onCancel={close}
        width={760}
        okText={t('actions.save')}
        cancelText={t('actions.cancel')}
        onOk={() => form.submit()}
        confirmLoading={saving}
        okButtonProps={{ 'data-testid': 'talk-save' } as ButtonProps}
        forceRender
      >
        <Form<TalkFormValues>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          requiredMark="optional"
          data-testid="talk-form"
        >
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item
                label={t('fields.buyer')}
                name="buyerId"
                rules={[{ required: true, message: t('errors:crm.required') }]}
              >
                <Select
                  showSearch={{ filterOption: false, onSearch: setBuyerQuery }}
                  placeholder={t('talks.buyerSearch')}
                  options={buyerOptions}
                  notFoundContent={buyerQuery ? t('buyers.noMatch') : t('talks.typeToSearch')}
                  onChange={() => form.setFieldValue('contactId', undefined)}
                  data-testid="talk-buyer"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('fields.contact')} name="contactId">
                <Select
                  allowClear
                  options={contacts.map((c) => ({
                    value: c.id,
                    label: (
                      <span lang={nameLang(c.nameScript)}>
                        {nativeName(c) || `${c.latinGiven} ${c.latinFamily}`}
                      </span>
                    ),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('fields.smeFirm')} required>
                <div className="bh-crm-inline-row">
                  <Form.Item
                    name="smeFirmId"
                    noStyle
                    rules={[{ required: true, message: t('errors:crm.required') }]}
                  >
                    <Select
                      style={{ flex: 1, minWidth: 160 }}
                      aria-label={t('fields.smeFirm')}
                      showSearch={{
                        filterOption: (input, option) =>
                          Boolean(option?.search.includes(foldForSearch(input))),
                      }}
                      options={firmOptions}
                      notFoundContent={t('firms.none')}
                      data-testid="talk-firm"
                    />
                  </Form.Item>
                  <Button
                    icon={<PlusOutlined aria-hidden />}
                    onClick={() => setFirmModal(true)}
                    aria-label={t('firms.create')}
                  />
                </div>
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                label={t('fields.date')}
                name="date"
                rules={[{ required: true, message: t('errors:crm.required') }]}
                extra={timeZone}
              >
                <DatePicker style={{ width: '100%' }} allowClear={false} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                label={t('fields.time')}
                name="time"
                rules={[{ required: true, message: t('errors:crm.required') }]}
              >
                <TimePicker
                  style={{ width: '100%' }}
                  format="HH:mm"
                  minuteStep={5}
                  allowClear={false}
                  needConfirm={false}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('fields.stage')} name="stage">
                <Select options={labels.stageOptions} data-testid="talk-stage" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('fields.interpreter')} name="interpreterId">
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'search' }}
                  options={interpreters
                    .filter((i) => i.active !== false)
                    .map((i) => ({
                      value: i.id,
                      search: `${i.name?.native ?? ''} ${i.name?.latin ?? ''}`,
                      label: (
                        <span>
                          <span lang={INTERPRETER_LANG[i.name?.script ?? 'latin'] ?? 'en'}>
                            {i.name?.native ?? i.id}
                          </span>
                          {i.name?.latin ? (
                            <span className="bh-crm-muted"> · {i.name.latin}</span>
                          ) : null}
                        </span>
                      ),
                    }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('fields.products')} name="products">
                <Select mode="tags" tokenSeparators={[',']} open={false} suffixIcon={null} />
              </Form.Item>
            </Col>
            {AMOUNT_KEYS.map((key) => (
              <Col xs={24} md={8} key={key}>
                {amountRow(key)}
              </Col>
            ))}
            <Col xs={24} md={8}>
              <Form.Item label={t('fields.followUpDue')} name="followUpDue">
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item label={t('fields.followUp')} name="followUpText">
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item label={t('fields.notes')} name="notes">
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
              </Form.Item>
            </Col>
          </Row>
          <p className="bh-card-help">{t('talks.usdHelp')}</p>
        </Form>
      </Modal>
      <SmeFirmModal
        open={firmModal}
        onClose={(firm) => {
          setFirmModal(false);
          if (firm) form.setFieldValue('smeFirmId', firm.id);
        }}
      />
    </>
  );
}
