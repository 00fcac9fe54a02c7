import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { BOOKING_PURPOSES, BOOKING_STATUSES } from '@shared/bookings';
import type { FieldValues, Option } from './form-values';

/** What for and for whom: purpose, status, the trade talk, the SME or delegation. */
export function RequesterFields({
  watched,
  talks,
  smes,
  offerSme,
}: {
  watched: FieldValues | undefined;
  talks: readonly Option[];
  smes: readonly Option[];
  /** SMEs to choose from, or the booking already names one. */
  offerSme: boolean;
}) {
  const { t } = useTranslation('bookings');
  return (
    <>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="purpose" label={t('form.purpose')} htmlFor="booking-purpose">
            <Select
              id="booking-purpose"
              data-testid="booking-purpose"
              options={BOOKING_PURPOSES.map((p) => ({ value: p, label: t(`purpose.${p}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="status" label={t('form.status')} htmlFor="booking-status">
            <Select
              id="booking-status"
              data-testid="booking-status"
              options={BOOKING_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            />
          </Form.Item>
        </Col>
      </Row>
      {talks.length > 0 && (
        <Form.Item name="tradeTalkId" label={t('form.tradeTalk')} htmlFor="booking-talk">
          <Select
            id="booking-talk"
            allowClear
            placeholder={t('form.tradeTalkPlaceholder')}
            showSearch={{ optionFilterProp: 'label' }}
            options={[...talks]}
          />
        </Form.Item>
      )}
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item name="requesterKind" label={t('form.requester')} htmlFor="booking-requester">
            <Select
              id="booking-requester"
              options={[
                { value: 'none', label: t('form.requesterNone') },
                ...(offerSme ? [{ value: 'sme', label: t('form.requesterSme') }] : []),
                { value: 'delegation', label: t('form.requesterDelegation') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={14}>
          {watched?.requesterKind === 'sme' && (
            <Form.Item name="smeId" label={t('form.sme')} htmlFor="booking-sme">
              <Select
                id="booking-sme"
                placeholder={t('form.smePlaceholder')}
                showSearch={{ optionFilterProp: 'label' }}
                options={[...smes]}
              />
            </Form.Item>
          )}
          {watched?.requesterKind === 'delegation' && (
            <Form.Item name="requesterLabel" label={t('form.delegationName')}>
              <Input data-testid="booking-delegation" />
            </Form.Item>
          )}
        </Col>
      </Row>
    </>
  );
}
