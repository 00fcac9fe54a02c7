import { Alert, Select, Space, Spin, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { formatDate } from '@shared/format';
import { MISSION_STATUSES, type MissionStatus } from '@shared/missions';
import { useDatabase } from '../../../data/database-context';
import { ScreenHeader } from '../../../ui/ScreenHeader';
import { useOfficeContext } from '../../crm';
import { saveMission } from '../data/repository';
import { useMission } from '../model/use-mission';
import { ParticipantsTab } from './ParticipantsTab';
import { PlacesTab } from './PlacesTab';
import { ItinerariesTab } from './ItinerariesTab';
import { PlanTab } from './PlanTab';
import { RequestsTab } from './RequestsTab';
import '../missions.css';

const TABS = ['participants', 'requests', 'places', 'plan', 'itineraries'] as const;
type Tab = (typeof TABS)[number];

/** One mission: its firms, meeting requests, places, and the plan. */
export function MissionScreen() {
  const { t } = useTranslation('missions');
  const { id = '' } = useParams();
  const db = useDatabase();
  const { officeId, language, timeZone } = useOfficeContext();
  const view = useMission(officeId, id);
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'participants';

  if (view.records === undefined) return <Spin />;
  if (view.records === null)
    return <Alert type="warning" showIcon title={t('errors:missions.unknown_record')} />;
  const { mission } = view.records;
  const setStatus = (status: MissionStatus) => saveMission(db, officeId, { ...mission, status });

  return (
    <section className="bh-screen" data-testid="screen-mission">
      <ScreenHeader
        title={mission.name}
        subtitle={t('list.dateRange', {
          from: formatDate(`${mission.arrival}T12:00:00Z`, timeZone, language),
          to: formatDate(`${mission.departure}T12:00:00Z`, timeZone, language),
        })}
        extra={
          <Space wrap>
            <Tag>{t(`kind.${mission.kind}`)}</Tag>
            <Select<MissionStatus>
              aria-label={t('fields.status')}
              value={mission.status}
              onChange={(s) => void setStatus(s)}
              options={MISSION_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              style={{ minWidth: 140 }}
              data-testid="mission-status"
            />
          </Space>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={TABS.map((key) => ({
          key,
          label: t(`tabs.${key}`),
          children:
            key === 'participants' ? (
              <ParticipantsTab view={view} />
            ) : key === 'requests' ? (
              <RequestsTab view={view} />
            ) : key === 'places' ? (
              <PlacesTab view={view} />
            ) : key === 'plan' ? (
              <PlanTab view={view} />
            ) : (
              <ItinerariesTab view={view} />
            ),
        }))}
      />
    </section>
  );
}
