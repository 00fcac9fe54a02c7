import { CloudUploadOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useMemo } from 'react';
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

/**
 * Ids of the records of `tables` with changes not yet at HQ, recomputed only when the
 * pending set changes (not per render, not per row): for screens that draw many records
 * at once, such as the bookings timeline (one `has` per block).
 */
export function usePendingIds(...tables: string[]): ReadonlySet<string> {
  const store = getSyncService(useDatabase()).store;
  const keys = useStore(store, (s) => s.pendingRecords);
  const wanted = tables.join('\u0000');
  return useMemo(() => {
    const names = new Set(wanted.split('\u0000'));
    const ids = new Set<string>();
    for (const key of keys) {
      const at = key.indexOf('\u0000');
      if (names.has(key.slice(0, at))) ids.add(key.slice(at + 1));
    }
    return ids;
  }, [keys, wanted]);
}

/**
 * "Not yet at HQ" tag for a record whose changes are still waiting on this laptop.
 * `compact`: the cloud icon alone (the words for screen readers and on hover), for narrow
 * list cells where the words would be cut to "…".
 */
export function NotAtHqMarker({
  table,
  id,
  compact = false,
}: {
  table: string;
  id: string;
  compact?: boolean;
}) {
  const { t } = useTranslation('sync');
  const pending = useNotYetAtHq(table, id);
  if (!pending) return null;
  return (
    <Tooltip title={t('marker.notAtHqHelp')}>
      <Tag
        icon={<CloudUploadOutlined aria-hidden />}
        className={compact ? 'not-at-hq-tag not-at-hq-compact' : 'not-at-hq-tag'}
        data-testid="not-at-hq"
        aria-label={t('marker.notAtHqHelp')}
      >
        {compact ? <span className="sr-only">{t('marker.notAtHq')}</span> : t('marker.notAtHq')}
      </Tag>
    </Tooltip>
  );
}
