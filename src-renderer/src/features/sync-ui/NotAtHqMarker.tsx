import { CloudUploadOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useDatabase } from '../../data/database-context';
import { getSyncService, recordKey } from './sync-service';
import './sync-ui.css';

/**
 * True while the record has changes HQ has not acknowledged yet. Cheap enough for every
 * row of a list: it reads the service's store only (no effects, no queries).
 */
export function useNotYetAtHq(table: string, id: string): boolean {
  const store = getSyncService(useDatabase()).store;
  return useStore(store, (s) => s.pendingRecords.has(recordKey(table, id)));
}

/** "Not yet at HQ" tag for a record whose changes are still waiting on this laptop. */
export function NotAtHqMarker({ table, id }: { table: string; id: string }) {
  const { t } = useTranslation('sync');
  const pending = useNotYetAtHq(table, id);
  if (!pending) return null;
  return (
    <Tooltip title={t('marker.notAtHqHelp')}>
      <Tag
        icon={<CloudUploadOutlined aria-hidden />}
        className="not-at-hq-tag"
        data-testid="not-at-hq"
        aria-label={t('marker.notAtHqHelp')}
      >
        {t('marker.notAtHq')}
      </Tag>
    </Tooltip>
  );
}
