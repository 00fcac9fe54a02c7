import { LockOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLockService, useLockState } from './use-lock';

/** The header's "Lock" button (only while there is something to lock). */
export function LockButton() {
  const { t } = useTranslation('lock');
  const service = useLockService();
  const phase = useLockState((s) => s.phase);
  if (phase !== 'unlocked') return null;
  return (
    <Tooltip title={t('button.tooltip')}>
      <Button
        icon={<LockOutlined aria-hidden />}
        onClick={() => service.lock('manual')}
        data-testid="app-lock-button"
      >
        {t('button.label')}
      </Button>
    </Tooltip>
  );
}
