import {
  CheckCircleOutlined,
  CloudSyncOutlined,
  DisconnectOutlined,
  ExclamationCircleOutlined,
  LinkOutlined,
} from '@ant-design/icons';
import { Badge, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSettings } from '../../state/settings-context';
import { formatRelativeTime, formatSince } from '../../ui/relative-time';
import { effectiveTimeZone } from '../../state/settings-store';
import { describeSync } from './sync-phase';
import { useSyncState } from './use-sync';

const ICONS = {
  notYet: CloudSyncOutlined,
  upToDate: CheckCircleOutlined,
  syncing: CloudSyncOutlined,
  offline: DisconnectOutlined,
  unreachable: DisconnectOutlined,
  error: ExclamationCircleOutlined,
  blocked: ExclamationCircleOutlined,
} as const;

const COLORS = {
  notYet: '#5b6472',
  upToDate: '#237804',
  syncing: '#1f5fa8',
  offline: '#874d00', // gold-8: the words are text, AA on white (#ad6800 is 4.4:1)
  unreachable: '#874d00',
  error: '#a8071a',
  blocked: '#a8071a',
} as const;

/** Re-renders every 30 s so "synced 3 minutes ago" stays true. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * Compact sync state for the header, in words: the state, then either the changes waiting
 * ("3 changes waiting") or when it last synced ("synced 5 minutes ago"), and changes HQ
 * refused while any are listed; links to #/sync.
 */
export function SyncStatusBadge() {
  const { t } = useTranslation('sync');
  const enrolled = useSyncState((s) => s.enrollment !== null);
  const status = useSyncState((s) => s.status);
  const pending = useSyncState((s) => s.pending);
  const refused = useSyncState((s) => s.rejected.length);
  const lastSuccessAt = useSyncState((s) => s.lastSuccessAt);
  const failingSince = useSyncState((s) => s.failingSince);
  const language = useSettings((s) => s.language);
  const officeId = useSettings((s) => s.officeId);
  const timeZoneOverride = useSettings((s) => s.timeZoneOverride);
  const timeZone = effectiveTimeZone({ officeId, timeZoneOverride });
  const now = useMinuteClock();
  if (!enrolled) {
    return (
      <Link to="/sync" data-testid="sync-badge" style={{ color: COLORS.notYet }}>
        <LinkOutlined aria-hidden /> {t('badge.notLinked')}
      </Link>
    );
  }
  const { kind } = describeSync(status);
  const Icon = ICONS[kind];
  const since =
    kind === 'unreachable' && failingSince !== null
      ? t('badge.since', { since: formatSince(failingSince, now, timeZone, language) })
      : null;
  const detail =
    pending > 0
      ? t('badge.pending', { count: pending })
      : lastSuccessAt
        ? t('badge.lastSynced', {
            relative: formatRelativeTime(lastSuccessAt, Math.max(now, lastSuccessAt), language),
          })
        : null;
  return (
    <Tooltip title={t(`phase.${kind}.title`)}>
      <Link to="/sync" data-testid="sync-badge" style={{ color: COLORS[kind] }}>
        <Badge
          count={pending}
          size="small"
          overflowCount={999}
          title={t('badge.pending', { count: pending })}
        >
          <Icon aria-hidden style={{ color: COLORS[kind], fontSize: 16 }} />
        </Badge>{' '}
        {t(`badge.${kind}`)}
        {since && <span data-testid="sync-badge-since"> {since}</span>}
        {detail && <span data-testid="sync-badge-detail"> · {detail}</span>}
        {refused > 0 && (
          // Sync itself went on; what HQ refused needs a person (listed on the sync screen).
          <span
            data-testid="sync-badge-refused"
            style={{ color: COLORS.error }}
            title={t('attention.rejectedTitle', { count: refused })}
          >
            {' · '}
            {t('badge.refused', { count: refused })}
          </span>
        )}
      </Link>
    </Tooltip>
  );
}
