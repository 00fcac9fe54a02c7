import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Booking } from '@shared/bookings';

/** Where: the place of an interpretation, or a trip's pick-up, drop-off and passengers; notes. */
export function PlaceFields({ kind, seats }: { kind: Booking['kind']; seats: number | undefined }) {
  const { t } = useTranslation('bookings');
  return (
    <>
      {kind === 'interpreter' ? (
        <Form.Item
          name="location"
          label={t('form.location')}
          extra={t('form.localScriptHintPlace')}
        >
          <Input data-testid="booking-location" />
        </Form.Item>
      ) : (
        <>
          <Form.Item name="pickUp" label={t('form.pickUp')} extra={t('form.localScriptHint')}>
            <Input data-testid="booking-pickup" />
          </Form.Item>
          <Form.Item name="dropOff" label={t('form.dropOff')}>
            <Input data-testid="booking-dropoff" />
          </Form.Item>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item
                name="passengers"
                label={t('form.passengers')}
                htmlFor="booking-passengers"
                extra={seats !== undefined ? t('form.seatsHint', { count: seats }) : undefined}
              >
                <InputNumber
                  id="booking-passengers"
                  data-testid="booking-passengers"
                  min={0}
                  max={100}
                  className="bk-full"
                />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item
                name="passengerNames"
                label={t('form.passengerNames')}
                htmlFor="booking-passenger-names"
              >
                <Select id="booking-passenger-names" mode="tags" open={false} suffixIcon={null} />
              </Form.Item>
            </Col>
          </Row>
        </>
      )}
      <Form.Item name="notes" label={t('form.notes')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}
