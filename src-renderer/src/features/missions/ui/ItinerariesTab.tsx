import { Card, List, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { nameLang } from '@shared/crm/names';
import { findOffice } from '../../../state/settings-store';
import { firmLabel, useOfficeContext } from '../../crm';
import { buyerLanguage, type MissionView } from '../model/use-mission';

/** Links to every itinerary of the mission: the overview, one per firm (Korean), one per buyer (theirs). */
export function ItinerariesTab({ view }: { view: MissionView }) {
  const { t } = useTranslation('missions');
  const { language, officeId } = useOfficeContext();
  const officeLanguage = findOffice(officeId).localLanguage;
  const records = view.records!;
  const base = `/missions/${records.mission.id}/itinerary`;
  const buyerIds = [...new Set(records.requests.map((r) => r.buyerId))];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="itineraries-tab">
      <Link to={`${base}/overview`} data-testid="itinerary-overview-link">
        {t('itinerary.overviewLink')}
      </Link>
      <Card size="small" title={t('itinerary.smes')}>
        <List
          dataSource={records.participants}
          locale={{ emptyText: t('participants.empty') }}
          renderItem={(p) => {
            const firm = firmLabel(view.firms.get(p.smeFirmId), language);
            return (
              <List.Item>
                <Link to={`${base}/sme/${p.id}`} data-testid="itinerary-sme-link">
                  <span lang={firm.lang}>{firm.text}</span>
                </Link>
                <span className="bh-mission-hint">{t('itinerary.lang.ko')}</span>
              </List.Item>
            );
          }}
        />
      </Card>
      <Card size="small" title={t('itinerary.buyers')}>
        <List
          dataSource={buyerIds}
          locale={{ emptyText: t('requests.empty') }}
          renderItem={(id) => {
            const buyer = view.buyers.get(id);
            return (
              <List.Item>
                <Link to={`${base}/buyer/${id}`} data-testid="itinerary-buyer-link">
                  <span lang={buyer ? nameLang(buyer.nameScript) : undefined}>
                    {buyer?.nameNative ?? id}
                  </span>
                </Link>
                <span className="bh-mission-hint">
                  {t(`itinerary.lang.${buyerLanguage(view, id, officeLanguage)}`)}
                </span>
              </List.Item>
            );
          }}
        />
      </Card>
    </Space>
  );
}
