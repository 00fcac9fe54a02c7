import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FreeSlot } from '@shared/bookings';
import type { Language } from '@shared/i18n/languages';
import type { BookingsSnapshot, SaveRefusal } from '../data/repository';
import { refusalText } from '../model/describe';

/** A refused save: what rule, which booking it clashes with, and the next free slot to take. */
export function RefusalAlert({
  error,
  data,
  zone,
  language,
  onUseSlot,
  onClose,
  testId = 'refusal',
}: {
  error: SaveRefusal;
  data: BookingsSnapshot;
  zone: string;
  language: Language;
  onUseSlot?: (slot: FreeSlot) => void;
  onClose?: () => void;
  testId?: string;
}) {
  const { t } = useTranslation('bookings');
  const text = refusalText(error, data, zone, language, t);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid={testId}
      className="bk-refusal"
      title={text.message}
      closable={onClose ? { onClose, 'aria-label': t('actions.close') } : false}
      description={
        text.clash || text.slotText ? (
          <div className="bk-refusal-body">
            {text.clash && <p data-testid={`${testId}-clash`}>{text.clash}</p>}
            {text.slotText && <p data-testid={`${testId}-slot`}>{text.slotText}</p>}
            {text.slot && onUseSlot && (
              <Button
                size="small"
                type="primary"
                data-testid={`${testId}-use-slot`}
                onClick={() => onUseSlot(text.slot!)}
              >
                {t('refusal.useSlot')}
              </Button>
            )}
          </div>
        ) : undefined
      }
    />
  );
}
