import { Checkbox, DatePicker, Form, InputNumber, Radio, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { WEEKDAYS } from '@shared/bookings';
import type { FieldValues } from './form-values';
import { useDatePickerFormat } from '../../../../ui/use-date-format';

/** Repeat: none, daily or weekly, every N, a count or an end date, weekdays. */
export function RepeatFields({ watched }: { watched: FieldValues | undefined }) {
  const { t } = useTranslation('bookings');
  const dateFormat = useDatePickerFormat();
  return (
    <fieldset className="bk-fieldset">
      <legend>{t('form.repeat')}</legend>
      <Space wrap align="start">
        <Form.Item name="repeat" noStyle>
          <Select
            aria-label={t('form.repeat')}
            data-testid="booking-repeat"
            className="bk-repeat-select"
            options={[
              { value: 'none', label: t('form.repeatNone') },
              { value: 'daily', label: t('form.repeatDaily') },
              { value: 'weekly', label: t('form.repeatWeekly') },
            ]}
          />
        </Form.Item>
        {watched?.repeat && watched.repeat !== 'none' && (
          <>
            <Form.Item name="interval" noStyle>
              <InputNumber
                min={1}
                max={99}
                aria-label={t('form.interval')}
                addonBefore={t('form.every')}
              />
            </Form.Item>
            <Form.Item name="repeatEnd" noStyle>
              <Radio.Group>
                <Radio value="count">{t('form.repeatCount')}</Radio>
                <Radio value="until">{t('form.repeatUntil')}</Radio>
              </Radio.Group>
            </Form.Item>
            {watched.repeatEnd === 'until' ? (
              <Form.Item name="until" noStyle>
                <DatePicker format={dateFormat} aria-label={t('form.repeatUntil')} />
              </Form.Item>
            ) : (
              <Form.Item name="count" noStyle>
                <InputNumber min={1} max={1000} aria-label={t('form.repeatCount')} />
              </Form.Item>
            )}
          </>
        )}
      </Space>
      {watched?.repeat === 'weekly' && (
        <Form.Item name="weekdays" className="bk-weekdays">
          <Checkbox.Group options={WEEKDAYS.map((d) => ({ value: d, label: t(`weekday.${d}`) }))} />
        </Form.Item>
      )}
    </fieldset>
  );
}
