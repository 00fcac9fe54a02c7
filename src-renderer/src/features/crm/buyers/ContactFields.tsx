import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  Tag,
  type FormInstance,
} from 'antd';
import { useTranslation } from 'react-i18next';
import {
  CONSENT_SCOPES,
  DATA_SOURCES,
  LEGAL_BASES,
  NAME_SCRIPTS,
  PHONE_KINDS,
  type NameScript,
} from '@shared/crm/codes';
import { detectNameScript, hanScriptFor } from '@shared/crm/names';
import { suggestReadingLazy } from '../common/reading';
import { ReadingSuggestButton } from '../common/ReadingSuggestButton';
import { toE164 } from '@shared/crm/validators';
import { intlLocale } from '@shared/format';
import { useCrmLabels, useOfficeContext } from '../common/use-labels';
import type { BuyerFormValues } from './buyer-form-model';
import { useDatePickerFormat } from '../../../ui/use-date-format';

export const CONTACT_LANGUAGES = ['ja', 'zh-CN', 'ko', 'vi', 'en'] as const;

/** One contact person inside the buyer form (a Form.List item). */
export function ContactFields({
  form,
  field,
  index,
  onRemove,
}: {
  form: FormInstance<BuyerFormValues>;
  field: { key: number; name: number };
  index: number;
  onRemove: () => void;
}) {
  const { t } = useTranslation('crm');
  const dateFormat = useDatePickerFormat();
  const labels = useCrmLabels();
  const { office, language } = useOfficeContext();
  const name = field.name;
  // antd types field paths strictly; these are built at run time.
  const path = (key: string) => ['contacts', name, key] as never;
  const languageNames = new Intl.DisplayNames([intlLocale(language)], { type: 'language' });

  const suggest = () => {
    const c = form.getFieldValue(['contacts', name] as never) as {
      familyName?: string;
      givenName?: string;
      nameScript: NameScript;
    };
    void suggestReadingLazy(
      `${c.familyName ?? ''} ${c.givenName ?? ''}`.trim(),
      c.nameScript,
      'person',
    ).then((reading) => {
      if (reading) form.setFieldValue(path('reading'), reading);
    });
  };

  const detectScript = () => {
    const c = form.getFieldValue(['contacts', name] as never) as {
      id?: string;
      familyName?: string;
      givenName?: string;
    };
    const text = `${c.familyName ?? ''}${c.givenName ?? ''}`;
    // A saved contact keeps the script it was saved with unless someone picks another.
    if (text && !c.id && !form.isFieldTouched(path('nameScript'))) {
      const hanDefault = hanScriptFor({
        companyScript: form.getFieldValue('nameScript') as NameScript | undefined,
        country: form.getFieldValue('country') as string | undefined,
        officeLanguage: office.localLanguage,
      });
      form.setFields([
        { name: path('nameScript'), value: detectNameScript(text, hanDefault), touched: false },
      ]);
    }
    if (!form.getFieldValue(path('reading'))) suggest();
  };

  const normalizePhone = (j: number) => {
    const p = ['contacts', name, 'phones', j, 'number'] as never;
    const raw = form.getFieldValue(p) as string | undefined;
    const country = (form.getFieldValue('country') as string | undefined) ?? office.country;
    const e164 = raw ? toE164(raw, country) : null;
    if (e164) form.setFieldValue(p, e164);
  };

  /** An imported number no country reads, unchanged: saved as typed until someone fixes it. */
  const keptAsTyped = (j: number) => {
    const v = form.getFieldValue(['contacts', name, 'phones', j] as never) as
      { number?: string; asTyped?: string } | undefined;
    return Boolean(v?.asTyped && v.number?.trim() === v.asTyped.trim());
  };

  return (
    <div className="bh-crm-contact" data-testid={`contact-${index}`}>
      <div className="bh-crm-contact-head">
        <span>{t('contacts.numbered', { n: index + 1 })}</span>
        <Button
          type="text"
          danger
          icon={<DeleteOutlined aria-hidden />}
          onClick={onRemove}
          aria-label={t('contacts.remove', { n: index + 1 })}
        />
      </div>
      <Form.Item name={[name, 'id']} hidden>
        <Input />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Form.Item label={t('fields.familyName')} name={[name, 'familyName']}>
            <Input onBlur={detectScript} data-testid={`contact-${index}-family`} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label={t('fields.givenName')} name={[name, 'givenName']}>
            <Input onBlur={detectScript} data-testid={`contact-${index}-given`} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label={t('fields.latinFamily')} name={[name, 'latinFamily']}>
            <Input lang="en" data-testid={`contact-${index}-latin-family`} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label={t('fields.latinGiven')} name={[name, 'latinGiven']}>
            <Input lang="en" data-testid={`contact-${index}-latin-given`} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('fields.reading')} extra={t('fields.readingHelp')}>
            <div className="bh-crm-inline-row">
              <Form.Item name={[name, 'reading']} noStyle>
                <Input style={{ flex: 1 }} aria-label={t('fields.reading')} />
              </Form.Item>
              <ReadingSuggestButton
                form={form}
                nameOf={(v) => {
                  const c = v.contacts?.[name];
                  return `${c?.familyName ?? ''}${c?.givenName ?? ''}`;
                }}
                scriptOf={(v) => v.contacts?.[name]?.nameScript}
                onSuggest={suggest}
                testId={`contact-${index}-reading-suggest`}
              />
            </div>
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item label={t('fields.nameScript')} name={[name, 'nameScript']}>
            <Select options={NAME_SCRIPTS.map((s) => ({ value: s, label: t(`script.${s}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item label={t('fields.title')} name={[name, 'title']}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('fields.emails')}
            name={[name, 'emails']}
            extra={t('fields.emailsHelp')}
          >
            <Input inputMode="email" data-testid={`contact-${index}-emails`} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('fields.preferredLanguage')} name={[name, 'preferredLanguage']}>
            <Select
              allowClear
              options={CONTACT_LANGUAGES.map((l) => ({
                value: l,
                label: languageNames.of(l) ?? l,
              }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.List name={[name, 'phones']}>
        {(phones, { add, remove }) => (
          <Form.Item label={t('fields.phones')} extra={t('fields.phonesHelp')}>
            {phones.map((phone) => (
              <div className="bh-crm-inline-row" key={phone.key}>
                <Form.Item name={[phone.name, 'number']} style={{ flex: '1 1 200px' }}>
                  <Input
                    inputMode="tel"
                    aria-label={t('fields.phoneNumber')}
                    onBlur={() => normalizePhone(phone.name)}
                    data-testid={`contact-${index}-phone-${phone.name}`}
                  />
                </Form.Item>
                <Form.Item name={[phone.name, 'asTyped']} hidden>
                  <Input />
                </Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {() =>
                    keptAsTyped(phone.name) ? (
                      <Tag
                        color="warning"
                        data-testid={`contact-${index}-phone-${phone.name}-as-typed`}
                      >
                        {t('fields.phoneAsTyped')}
                      </Tag>
                    ) : null
                  }
                </Form.Item>
                <Form.Item name={[phone.name, 'kind']}>
                  <Select
                    aria-label={t('fields.phoneKind')}
                    style={{ width: 130 }}
                    options={PHONE_KINDS.map((k) => ({ value: k, label: t(`phoneKind.${k}`) }))}
                  />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t('actions.remove')}
                  onClick={() => remove(phone.name)}
                />
              </div>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => add({ kind: 'mobile' })}
              data-testid={`contact-${index}-add-phone`}
            >
              {t('fields.addPhone')}
            </Button>
          </Form.Item>
        )}
      </Form.List>
      <Form.List name={[name, 'messengers']}>
        {(messengers, { add, remove }) => (
          <Form.Item label={t('fields.messengers')}>
            {messengers.map((m) => (
              <div className="bh-crm-inline-row" key={m.key}>
                <Form.Item
                  name={[m.name, 'channel']}
                  rules={[{ required: true, message: t('errors:crm.required') }]}
                >
                  <Select
                    aria-label={t('fields.channel')}
                    style={{ width: 150 }}
                    options={labels.channelOptions}
                  />
                </Form.Item>
                <Form.Item
                  name={[m.name, 'handle']}
                  style={{ flex: '1 1 180px' }}
                  rules={[{ required: true, message: t('errors:crm.required') }]}
                >
                  <Input aria-label={t('fields.handle')} />
                </Form.Item>
                <Form.Item name={[m.name, 'preferred']} valuePropName="checked">
                  <Checkbox>{t('fields.preferred')}</Checkbox>
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t('actions.remove')}
                  onClick={() => remove(m.name)}
                />
              </div>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => add({ preferred: messengers.length === 0 })}
            >
              {t('fields.addMessenger')}
            </Button>
          </Form.Item>
        )}
      </Form.List>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name={[name, 'consentGiven']} valuePropName="checked">
            <Checkbox>{t('fields.consentGiven')}</Checkbox>
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label={t('fields.consentDate')} name={[name, 'consentDate']}>
            <DatePicker style={{ width: '100%' }} format={dateFormat} />
          </Form.Item>
        </Col>
        <Col xs={12} md={10}>
          <Form.Item label={t('fields.consentScope')} name={[name, 'consentScope']}>
            <Select
              mode="multiple"
              options={CONSENT_SCOPES.map((s) => ({ value: s, label: t(`consent.${s}`) }))}
            />
          </Form.Item>
        </Col>
      </Row>
      {/* Where the data came from and the basis for holding it and sending it to HQ (issue 14). */}
      <Row gutter={12}>
        <Col xs={12} md={8}>
          <Form.Item label={t('fields.dataSource')} name={[name, 'dataSource']}>
            <Select
              allowClear
              data-testid={`contact-${index}-data-source`}
              options={DATA_SOURCES.map((s) => ({ value: s, label: t(`dataSource.${s}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item
            label={t('fields.legalBasis')}
            name={[name, 'legalBasis']}
            tooltip={t('fields.legalBasisHelp')}
          >
            <Select
              allowClear
              data-testid={`contact-${index}-legal-basis`}
              options={LEGAL_BASES.map((b) => ({ value: b, label: t(`legalBasis.${b}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('fields.basisNote')} name={[name, 'basisNote']}>
            <Input maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
    </div>
  );
}
