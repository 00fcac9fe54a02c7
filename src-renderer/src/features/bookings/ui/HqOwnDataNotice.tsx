import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useIsHqDevice } from '../../sync-ui';

/**
 * On an HQ laptop, the scheduling screens hold HQ's own interpreters and vehicles only (an
 * office's bookings are the office's to make). Says so, and where each office's are, so an
 * empty list does not read as "nobody has interpreters" while Buyers lists every office.
 */
export function HqOwnDataNotice() {
  const { t } = useTranslation('hq');
  const isHqDevice = useIsHqDevice();
  if (!isHqDevice) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="hq-own-data-notice"
      style={{ marginBottom: 16 }}
      title={t('browse.hqOwnSchedules')}
      description={
        <Link to="/hq-offices" data-testid="hq-own-data-offices">
          {t('browse.seeOffices')}
        </Link>
      }
    />
  );
}
