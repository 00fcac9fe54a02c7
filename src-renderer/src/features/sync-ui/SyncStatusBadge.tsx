import {
  CheckCircleOutlined,
  CloudSyncOutlined,
  DisconnectOutlined,
  ExclamationCircleOutlined,
  LinkOutlined,
} from '@ant-design/icons';
import { Badge, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeSync } from './sync-phase';
import { useSyncState } from './use-sync';

const ICONS = {
  notYet: CloudSyncOutlined,
  upToDate: CheckCircleOutlined,
  syncing: CloudSyncOutlined,
  offline: DisconnectOutlined,
  error: ExclamationCircleOutlined,
  blocked: ExclamationCircleOutlined,
} as const;

const COLORS = {
  notYet: '#5b6472',
  upToDate: '#237804',
  syncing: '#1f5fa8',
  offline: '#ad6800',
  error: '#a8071a',
  blocked: '#a8071a',
} as const;

/** Compact sync state for the header: an icon, a short word, waiting changes; links to #/sync. */
export function SyncStatusBadge() {
  const { t } = useTranslation('sync');
  const enrolled = useSyncState((s) => s.enrollment !== null);
  const status = useSyncState((s) => s.status);
  const pending = useSyncState((s) => s.pending);
  if (!enrolled) {
    return (
      <Link to="/sync" data-testid="sync-badge" style={{ color: COLORS.notYet }}>
        <LinkOutlined aria-hidden /> {t('badge.notLinked')}
      </Link>
    );
  }
  const { kind } = describeSync(status);
  const Icon = ICONS[kind];
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
      </Link>
    </Tooltip>
  );
}
