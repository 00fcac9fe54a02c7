import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  type ButtonProps,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Row,
  Select,
  TimePicker,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useUnsavedEdits } from '../../updates';
import { useTranslation } from 'react-i18next';
import { foldForSearch } from '@shared/crm/fold';
import { nameLang, nativeName } from '@shared/crm/names';
import { productLabel } from '@shared/crm/products';
import type { TalkStage } from '@shared/crm/codes';
import type { Contact, SmeFirm, TradeTalk } from '@shared/crm/schemas';
import {
  CURRENCY_CODES,
  formatDecimalAmount,
  parseDecimalAmount,
  type CurrencyCode,
  type Money,
} from '@shared/money';
import { useDatabase } from '../../../data/database-context';
import { errorMessageKey } from '../../../i18n/error-message';
import { NamedSelect } from '../../../ui/named-options';
import { firmLabel } from '../common/firms';
import { useCrmLabels, useOfficeContext } from '../common/use-labels';
import { CRM_TABLES, CrmError } from '../data/records';
import { createTalk, updateTalk, type TalkLink } from '../data/talk-repository';
import { useCrmIndex } from '../data/use-crm';
import { useLive } from '../../../data/use-live';
import { zoneLabel } from '../../../ui/zone-names';
import { AmountInput } from '../../../ui/AmountInput';
import { SmeFirmModal } from './SmeFirmModal';
import { nowInZone, utcToWall, wallToUtc } from './wall-time';
import { useDatePickerFormat } from '../../../ui/use-date-format';

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
  followUps?: { id?: string; due?: Dayjs | null; text?: string; done?: boolean }[];
  notes?: string;
}

const AMOUNT_KEYS = ['negotiated', 'contract', 'actualExport'] as const;

/** What another screen already knows of a new talk (a mission meeting: who met whom, when). */
export interface TalkPrefill {
  readonly buyerId: string;
  readonly contactId?: string;
  readonly smeFirmId: string;
  readonly interpreterId?: string;
  readonly startsAt: string;
  readonly timeZone: string;
}

/**
 * "Log a talk": the few fields that matter first, defaults for the rest (under
 * 30 seconds). With `talk`, edits that talk: every field, in the zone it was
 * entered in; amounts are re-stamped by the repository when they change.
 * With `prefill` (a mission meeting's outcome), only the amounts, stage and
 * follow-ups are left to type; `link` is written in the talk's transaction.
 */
export function TalkFormModal({
  open,
  onClose,
  buyerId,
  talk,
  prefill,
  link,
}: {
  open: boolean;
  onClose: () => void;
  buyerId?: string;
  talk?: TradeTalk;
  prefill?: TalkPrefill;
  link?: TalkLink;
}) {
  const { t } = useTranslation('crm');
  const dateFormat = useDatePickerFormat();
  const { message } = App.useApp();
  const db = useDatabase();
  const labels = useCrmLabels();
  const { office, officeId, timeZone: officeZone, language } = useOfficeContext();
  // An edited talk keeps the zone it was entered in; a meeting's outcome, the mission's.
  const timeZone = talk?.timeZone ?? prefill?.timeZone ?? officeZone;
  const { index, version } = useCrmIndex();
  const [form] = Form.useForm<TalkFormValues>();
  const [buyerQuery, setBuyerQuery] = useState('');
  const [saving, setSaving] = useState(false);
  const [firmModal, setFirmModal] = useState(false);
  // Edits typed but not saved: the app does not restart to update meanwhile.
  const [dirty, setDirty] = useState(false);
  useUnsavedEdits(open && dirty);
  const chosenBuyer = Form.useWatch('buyerId', form);
  // The zone under the date field, named with its offset on the chosen day (DST in Los Angeles).
  const chosenDate = Form.useWatch('date', form) as Dayjs | undefined;
  const [openedAt] = useState(() => Date.now());
  const zoneAt = chosenDate?.isValid() ? chosenDate.valueOf() : openedAt;

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

  // Fill the form when it opens, and again on a change behind it (another prefill, a sync's
  // change to the talk, the office's currency or zone arriving late) only while the user has
  // typed nothing: callers pass a new, equal `prefill` on every render and live queries
  // re-render them, and each re-fill wiped what was typed (a mission outcome's amount, typed
  // quickly, was saved empty).
  const opening = open
    ? JSON.stringify([talk ?? null, prefill ?? null, buyerId ?? null, timeZone, office.currency])
    : null;
  const filledFor = useRef<string | null>(null);
  useEffect(() => {
    if (opening === null) {
      filledFor.current = null;
      return;
    }
    if (filledFor.current === opening || (filledFor.current !== null && dirty)) return;
    filledFor.current = opening;
    form.resetFields();
    if (talk) {
      const wall = utcToWall(talk.startsAt, talk.timeZone);
      const amount = (a: TradeTalk['negotiated']) =>
        a
          ? { value: formatDecimalAmount(a.amount), currency: a.amount.currency }
          : { currency: talk.negotiated?.amount.currency ?? office.currency };
      form.setFieldsValue({
        buyerId: talk.buyerId,
        contactId: talk.contactId,
        smeFirmId: talk.smeFirmId,
        interpreterId: talk.interpreterId,
        date: wall,
        time: wall,
        stage: talk.stage,
        negotiated: amount(talk.negotiated),
        contract: amount(talk.contract),
        actualExport: amount(talk.actualExport),
        products: talk.products.map((p) => p.name),
        followUps: talk.followUps.map((f) => ({
          id: f.id,
          due: dayjs(f.due),
          text: f.text,
          done: f.done,
        })),
        notes: talk.notes,
      });
      return;
    }
    const when = prefill ? utcToWall(prefill.startsAt, timeZone) : nowInZone(timeZone);
    form.setFieldsValue({
      buyerId: prefill?.buyerId ?? buyerId,
      ...(prefill
        ? {
            smeFirmId: prefill.smeFirmId,
            contactId: prefill.contactId,
            interpreterId: prefill.interpreterId,
          }
        : {}),
      date: when,
      time: when,
      stage: 'inquiry',
      negotiated: { currency: office.currency },
      contract: { currency: office.currency },
      actualExport: { currency: office.currency },
      followUps: [{}],
    });
    // `talk` and `prefill` are read through `opening` (their identity changes every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opening, form, dirty]);

  useEffect(() => {
    if (open && contacts.length && !form.getFieldValue('contactId'))
      form.setFieldValue('contactId', contacts[0]!.id);
  }, [open, contacts, form]);

  const buyerNamed = useMemo(() => {
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
        text: r.nameNative,
        lang: nameLang(r.nameScript),
        muted: r.nameLatin || undefined,
      }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [index, version, buyerQuery, language, chosenBuyer]);

  const firmNamed = firms.map((f) => {
    const l = firmLabel(f, language);
    return {
      value: f.id,
      text: l.text,
      lang: l.lang,
      search: foldForSearch(`${f.nameKo} ${f.nameEn} ${f.businessRegistrationNumber}`),
    };
  });

  const submit = async (values: TalkFormValues) => {
    const wall = wallToUtc(values.date, values.time, timeZone);
    if (!wall.ok) {
      // A time the clocks skip that night is the time's fault; anything else the date's.
      form.setFields(
        wall.error.code === 'bookings.wall_time_nonexistent'
          ? [
              {
                name: 'time',
                errors: [t('errors:bookings.wall_time_nonexistent', wall.error.params)],
              },
            ]
          : [{ name: 'date', errors: [t('errors:crm.invalid_date')] }],
      );
      return;
    }
    const startsAt = wall.value;
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
    // A follow-up needs both its date and its text; an empty row is ignored.
    const followUps: NonNullable<Parameters<typeof createTalk>[2]['followUps']> = [];
    (values.followUps ?? []).forEach((f, i) => {
      const text = f.text?.trim() ?? '';
      if (!f.due && !text) return;
      if (!f.due) bad.push({ name: ['followUps', i, 'due'], errors: [t('errors:crm.required')] });
      else if (!text)
        bad.push({ name: ['followUps', i, 'text'], errors: [t('errors:crm.required')] });
      else
        followUps.push({
          ...(f.id ? { id: f.id } : {}),
          due: f.due.format('YYYY-MM-DD'),
          text,
          done: Boolean(f.done),
        });
    });
    if (bad.length) return form.setFields(bad as never);
    // Products keep their HS code when their name is unchanged.
    const products = (values.products ?? []).map(
      (name) => talk?.products.find((p) => p.name === name) ?? { name },
    );
    setSaving(true);
    try {
      const draft = {
        startsAt,
        timeZone,
        buyerId: values.buyerId!,
        ...(values.contactId ? { contactId: values.contactId } : {}),
        smeFirmId: values.smeFirmId!,
        ...(values.interpreterId ? { interpreterId: values.interpreterId } : {}),
        stage: values.stage,
        ...amounts,
        products,
        followUps,
        notes: values.notes ?? '',
      };
      if (talk) {
        await updateTalk(db, talk.id, draft);
        message.success(t('talks.updated'));
      } else {
        await createTalk(db, officeId, draft, link);
        message.success(t('talks.logged'));
      }
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
    setDirty(false);
    onClose();
  };

  const amountRow = (key: (typeof AMOUNT_KEYS)[number]) => (
    <Form.Item label={t(`fields.${key}`)} key={key}>
      <div className="bh-crm-inline-row">
        <Form.Item name={[key, 'value']} noStyle>
          <AmountInput
            language={language}
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
        title={talk ? t('talks.editTitle') : t('talks.logTitle')}
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
          onValuesChange={() => setDirty(true)}
          data-testid="talk-form"
        >
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item
                label={t('fields.buyer')}
                name="buyerId"
                rules={[{ required: true, message: t('errors:crm.required') }]}
              >
                <NamedSelect
                  showSearch={{ filterOption: false, onSearch: setBuyerQuery }}
                  placeholder={t('talks.buyerSearch')}
                  named={buyerNamed}
                  notFoundContent={buyerQuery ? t('buyers.noMatch') : t('talks.typeToSearch')}
                  onChange={() => form.setFieldValue('contactId', undefined)}
                  data-testid="talk-buyer"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('fields.contact')} name="contactId">
                <NamedSelect
                  allowClear
                  placeholder={t('fields.contactPlaceholder')}
                  named={contacts.map((c) => ({
                    value: c.id,
                    text: nativeName(c) || `${c.latinGiven} ${c.latinFamily}`,
                    lang: nameLang(c.nameScript),
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
                    <NamedSelect
                      style={{ flex: 1, minWidth: 160 }}
                      aria-label={t('fields.smeFirm')}
                      placeholder={t('fields.smeFirmPlaceholder')}
                      showSearch={{
                        filterOption: (input, option) =>
                          Boolean(option?.search?.includes(foldForSearch(input))),
                      }}
                      named={firmNamed}
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
                extra={zoneLabel(timeZone, language, zoneAt)}
              >
                <DatePicker style={{ width: '100%' }} format={dateFormat} allowClear={false} />
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
                <NamedSelect
                  allowClear
                  placeholder={t('fields.interpreterPlaceholder')}
                  showSearch={{ optionFilterProp: 'search' }}
                  named={interpreters
                    .filter((i) => i.active !== false)
                    .map((i) => ({
                      value: i.id,
                      text: i.name?.native || i.name?.latin || '',
                      lang: INTERPRETER_LANG[i.name?.script ?? 'latin'] ?? 'en',
                      muted: i.name?.native ? i.name?.latin || undefined : undefined,
                      search: `${i.name?.native ?? ''} ${i.name?.latin ?? ''}`,
                    }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('fields.products')} name="products">
                <Select
                  mode="tags"
                  tokenSeparators={[',']}
                  open={false}
                  suffixIcon={null}
                  // The stored name stays the value; a catalog product reads in the reader's language.
                  labelRender={({ value }) =>
                    productLabel(
                      talk?.products.find((p) => p.name === value) ?? { name: String(value) },
                      language,
                    )
                  }
                />
              </Form.Item>
            </Col>
            {/* Two per row: the labels ("Giá trị xuất khẩu thực tế (Tùy chọn)") fit on one line. */}
            {AMOUNT_KEYS.map((key) => (
              <Col xs={24} md={12} key={key}>
                {amountRow(key)}
              </Col>
            ))}
            <Col xs={24}>
              <Form.List name="followUps">
                {(rows, { add, remove }) => (
                  <Form.Item label={t('followUps.title')} className="bh-crm-followup-list">
                    {rows.map((row, i) => (
                      <div className="bh-crm-inline-row" key={row.key} data-testid="talk-followup">
                        <Form.Item name={[row.name, 'id']} hidden>
                          <Input />
                        </Form.Item>
                        <Form.Item name={[row.name, 'due']} style={{ flex: '0 1 160px' }}>
                          <DatePicker
                            style={{ width: '100%' }}
                            format={dateFormat}
                            aria-label={t('fields.followUpDue')}
                            placeholder={t('fields.followUpDue')}
                            data-testid={`talk-followup-${i}-due`}
                          />
                        </Form.Item>
                        <Form.Item name={[row.name, 'text']} style={{ flex: '1 1 220px' }}>
                          <Input
                            aria-label={t('fields.followUp')}
                            placeholder={t('fields.followUp')}
                            data-testid={`talk-followup-${i}-text`}
                          />
                        </Form.Item>
                        <Form.Item name={[row.name, 'done']} valuePropName="checked">
                          <Checkbox data-testid={`talk-followup-${i}-done`}>
                            {t('followUps.done')}
                          </Checkbox>
                        </Form.Item>
                        <Button
                          type="text"
                          icon={<DeleteOutlined aria-hidden />}
                          aria-label={t('actions.remove')}
                          onClick={() => remove(row.name)}
                        />
                      </div>
                    ))}
                    <Button
                      type="dashed"
                      icon={<PlusOutlined aria-hidden />}
                      onClick={() => add({})}
                      data-testid="talk-followup-add"
                    >
                      {t('followUps.add')}
                    </Button>
                  </Form.Item>
                )}
              </Form.List>
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
