import { CheckCircleOutlined } from '@ant-design/icons';
import { Card, Tag } from 'antd';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlannedScreenId } from './registry';
import { ScreenHeader } from '../ui/ScreenHeader';

/**
 * A screen whose issue is still to come: its title, what it is for and what
 * it will do, so a person opening it today knows what to expect.
 */
export function ComingSoonScreen({ id, icon: Icon }: { id: PlannedScreenId; icon: ComponentType }) {
  const { t } = useTranslation(['screens', 'common']);
  const raw: unknown = t(`${id}.points`, { returnObjects: true });
  const points = raw !== null && typeof raw === 'object' ? (raw as Record<string, string>) : {};

  return (
    <section className="bh-screen" data-testid={`screen-${id}`}>
      <ScreenHeader
        title={t(`${id}.title`)}
        subtitle={t(`${id}.subtitle`)}
        extra={
          <Tag color="blue" className="bh-status-tag">
            {t('common:inPreparation')}
          </Tag>
        }
      />
      <Card className="bh-coming">
        <div className="bh-coming-body">
          <div className="bh-coming-icon" aria-hidden>
            <Icon />
          </div>
          <div>
            <p className="bh-coming-title">{t('comingTitle')}</p>
            <p className="bh-coming-lead">{t('comingLead')}</p>
            <ul className="bh-coming-points">
              {Object.entries(points).map(([key, text]) => (
                <li key={key}>
                  <CheckCircleOutlined aria-hidden className="bh-coming-check" />
                  <span>{text}</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </Card>
    </section>
  );
}
