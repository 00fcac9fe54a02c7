import { Card, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@shared/format';
import type { HeadlineResponse } from '@shared/reports/api';
import { formatRelativeTime } from '../../../ui/relative-time';
import { useView } from '../common';
import { isBehind, isFieldOffice } from './report-model';

export function Freshness({
  headline,
  now,
  nameOf,
}: {
  headline: HeadlineResponse;
  now: number;
  nameOf: (id: string) => string;
}) {
  const { t } = useTranslation('hq');
  const { language, timeZone } = useView();
  return (
    <Card size="small" title={t('dashboard.freshnessTitle')} data-testid="hq-freshness">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('dashboard.freshnessBody')}
      </Typography.Paragraph>
      <Space wrap size={[8, 8]}>
        {headline.freshness
          .filter((f) => isFieldOffice(f.officeId))
          .map((f) => {
            const behind = isBehind(f.lastPushAt, now);
            return (
              <Tooltip
                key={f.officeId}
                title={
                  f.lastPushAt === null
                    ? undefined
                    : formatDateTime(f.lastPushAt, timeZone, language)
                }
              >
                <Tag
                  className={behind ? 'bh-hq-tag-warning' : 'bh-hq-tag-ok'}
                  data-testid={`hq-fresh-${f.officeId}`}
                >
                  {nameOf(f.officeId)}:{' '}
                  {f.lastPushAt === null
                    ? t('dashboard.neverSynced')
                    : t('dashboard.syncedAgo', {
                        when: formatRelativeTime(f.lastPushAt, now, language),
                      })}
                </Tag>
              </Tooltip>
            );
          })}
      </Space>
    </Card>
  );
}
