import { App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndustryCode } from '@shared/crm/codes';
import type { SmeFirm } from '@shared/crm/schemas';
import { toE164 } from '@shared/crm/validators';
import { useDatabase } from '../../../data/database-context';
import { errorMessageKey } from '../../../i18n/error-message';
import { useCrmLabels } from '../common/use-labels';
import { CrmError } from '../data/records';
import { saveSmeFirm } from '../data/talk-repository';

interface FirmFormValues {
  nameKo: string;
  nameEn?: string;
  businessRegistrationNumber: string;
  industry: IndustryCode;
  products?: string[];
  contactPerson?: string;
  phone?: string;
  email?: string;
}

/** Create an SME exporter firm (province-wide, shared by every office). Firms are Korean: phones default to KR. */
export function SmeFirmModal({
  open,
  onClose,
}: {
  open: boolean;
  onClose: (firm?: SmeFirm) => void;
}) {
  const { t } = useTranslation('crm');
  const { message } = App.useApp();
  const db = useDatabase();
  const labels = useCrmLabels();
  const [form] = Form.useForm<FirmFormValues>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const submit = async (v: FirmFormValues) => {
    const phone = v.phone?.trim() ? toE164(v.phone, 'KR') : '';
    if (phone === null)
      return form.setFields([{ name: 'phone', errors: [t('errors:crm.invalid_phone')] }]);
    setSaving(true);
    try {
      const firm = await saveSmeFirm(db, {
        nameKo: v.nameKo,
        nameEn: v.nameEn ?? '',
        businessRegistrationNumber: v.businessRegistrationNumber,
        industry: v.industry,
        products: (v.products ?? []).map((name) => ({ name })),
        contactPerson: v.contactPerson ?? '',
        phone,
        email: v.email?.trim() ?? '',
      });
      message.success(t('firms.created'));
      onClose(firm);
    } catch (error) {
      if (error instanceof CrmError && error.fieldErrors.length) {
        form.setFields(
          error.fieldErrors.map((e) => ({
            name: (e.path.split('.')[1] ?? 'nameKo') as keyof FirmFormValues,
            errors: [t(`errors:${e.code}`)],
          })),
        );
      } else message.error(t(errorMessageKey(error)));
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, whitespace: true, message: t('errors:crm.required') }];
  return (
    <Modal
      open={open}
      title={t('firms.create')}
      onCancel={() => onClose()}
      okText={t('actions.save')}
      cancelText={t('actions.cancel')}
      onOk={() => form.submit()}
      confirmLoading={saving}
      forceRender
    >
      <Form<FirmFormValues> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item label={t('firms.nameKo')} name="nameKo" rules={required}>
              <Input lang="ko" data-testid="firm-name-ko" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('firms.nameEn')} name="nameEn">
              <Input lang="en" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('firms.brn')}
              name="businessRegistrationNumber"
              rules={required}
              extra={t('firms.brnHelp')}
            >
              <Input inputMode="numeric" data-testid="firm-brn" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('fields.industries')}
              name="industry"
              rules={[{ required: true, message: t('errors:crm.required') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={labels.industryOptions}
                data-testid="firm-industry"
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label={t('fields.products')} name="products">
              <Select mode="tags" tokenSeparators={[',']} open={false} suffixIcon={null} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('firms.contactPerson')} name="contactPerson">
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item label={t('fields.phoneNumber')} name="phone">
              <Input inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item label={t('fields.emails')} name="email">
              <Input inputMode="email" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
