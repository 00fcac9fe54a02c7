import { useTranslation } from 'react-i18next';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { useSyncState } from '../sync-ui';
import { EnrollmentForm } from './EnrollmentForm';
import { SyncStatusCard } from './SyncStatusCard';

export function SyncScreen() {
  const { t } = useTranslation('sync');
  const loaded = useSyncState((s) => s.loaded);
  const enrolled = useSyncState((s) => s.enrollment !== null);
  return (
    <div data-testid="screen-sync" className="bh-screen">
      <ScreenHeader title={t('title')} subtitle={t('subtitle')} />
      {loaded && (enrolled ? <SyncStatusCard /> : <EnrollmentForm />)}
    </div>
  );
}
