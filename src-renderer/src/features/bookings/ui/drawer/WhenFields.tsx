import {
  Alert,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Radio,
  Row,
  Select,
  Tag,
  type FormInstance,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { FreeSlot } from '@shared/bookings';
import type { Language } from '@shared/i18n/languages';
import type { BookingsSnapshot, SaveRefusal } from '../../data/repository';
import { QUARTER_HOURS } from '../../model/candidate';
import { timeRange } from '../../model/describe';
import { RefusalAlert } from '../RefusalAlert';
import type { FieldValues } from './form-values';
import { useDatePickerFormat } from '../../../../ui/use-date-format';

export type Availability = { state: 'free' } | { state: 'refused'; error: SaveRefusal } | null;

/**
 * When: date, start and end (quarter hours, in the office zone), "ends the next
 * day", the choice of a repeated DST hour (kept once saved), and live
 * availability with that day's busy times.
 */
export function WhenFields({
  form,
  watched,
  needsAmbiguity,
  ambiguitySaved,
  availability,
  busy,
  data,
  officeZone,
  language,
  useSlot,
}: {
  form: FormInstance<FieldValues>;
  watched: FieldValues | undefined;
  needsAmbiguity: boolean;
  /** The booking was saved with this choice: shown as such, not asked again. */
  ambiguitySaved: boolean;
  availability: Availability;
  busy: readonly { key: string; start: number; end: number }[];
  data: BookingsSnapshot;
  officeZone: string;
  language: Language;
  useSlot: (slot: FreeSlot) => void;
}) {
  const { t } = useTranslation('bookings');
  const dateFormat = useDatePickerFormat();
  const timeOptions = QUARTER_HOURS.map((q) => ({ value: q, label: q }));
  return (
    <>
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item name="date" label={t('form.date')} htmlFor="booking-date">
            <DatePicker
              id="booking-date"
              data-testid="booking-date"
              format={dateFormat}
              allowClear={false}
              className="bk-full"
            />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name="startTime" label={t('form.start')} htmlFor="booking-start">
            <Select
              id="booking-start"
              data-testid="booking-start"
              options={timeOptions}
              showSearch
              onChange={(value: string) => {
                // Keep the length when the start moves.
                const prevStart = watched?.startTime;
                const prevEnd = watched?.endTime;
                if (!prevStart || !prevEnd) return;
                const len = QUARTER_HOURS.indexOf(prevEnd) - QUARTER_HOURS.indexOf(prevStart);
                const next = QUARTER_HOURS[QUARTER_HOURS.indexOf(value) + len];
                if (len > 0 && next) form.setFieldValue('endTime', next);
              }}
            />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name="endTime" label={t('form.end')} htmlFor="booking-end">
            <Select id="booking-end" data-testid="booking-end" options={timeOptions} showSearch />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="endsNextDay" valuePropName="checked" className="bk-tight">
        <Checkbox data-testid="booking-next-day">{t('form.endsNextDay')}</Checkbox>
      </Form.Item>
      {needsAmbiguity && (
        <Form.Item
          name="ambiguity"
          label={t('form.ambiguity')}
          extra={ambiguitySaved ? t('form.ambiguitySaved') : undefined}
        >
          <Radio.Group data-testid="booking-ambiguity">
            <Radio value="earlier">{t('form.ambiguityEarlier')}</Radio>
            <Radio value="later">{t('form.ambiguityLater')}</Radio>
          </Radio.Group>
        </Form.Item>
      )}
      <div className="bk-availability" aria-live="polite" data-testid="booking-availability">
        {availability?.state === 'free' && (
          <Alert type="success" showIcon title={t('form.available')} />
        )}
        {availability?.state === 'refused' && (
          <RefusalAlert
            error={availability.error}
            data={data}
            zone={officeZone}
            language={language}
            onUseSlot={useSlot}
            testId="availability"
          />
        )}
        {busy.length > 0 && (
          <div className="bk-busy">
            <span className="bk-busy-label">{t('form.busyThatDay')}</span>
            {busy.map((b) => (
              <Tag key={b.key}>{timeRange(b.start, b.end, officeZone, language)}</Tag>
            ))}
          </div>
        )}
      </div>
    </>
  );
}
