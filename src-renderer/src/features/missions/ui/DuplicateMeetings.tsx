import { Alert, App, Button, Popconfirm, Space, Tag } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatTime } from '@shared/format';
import type { DuplicateMeetings as Duplicates, Meeting, MissionRecords } from '@shared/missions';
import { useDatabase } from '../../../data/database-context';
import { repositoryFor } from '../../bookings';
import { useOfficeContext } from '../../crm';
import { cancelMeeting } from '../data/accept';

/**
 * Requests with two live meetings (two laptops accepted different plans offline, and sync
 * kept both): shown to staff, who cancel the one that should go; its bookings go with it.
 * A held meeting (outcome recorded) is never offered for cancelling.
 */
export function DuplicateMeetingsAlert({
  duplicates,
  records,
  names,
  describe,
}: {
  duplicates: readonly Duplicates[];
  records: MissionRecords;
  names: { firms: ReadonlyMap<string, string>; buyers: ReadonlyMap<string, string> };
  describe: (requestId: string) => ReactNode;
}) {
  const { t } = useTranslation('missions');
  const { message } = App.useApp();
  const db = useDatabase();
  const { officeId, language, timeZone } = useOfficeContext();
  const [busy, setBusy] = useState<string | null>(null);
  if (duplicates.length === 0) return null;

  const cancel = async (m: Meeting) => {
    setBusy(m.id);
    try {
      const result = await cancelMeeting(db, repositoryFor(db, officeId), records, m.id, names);
      if (result.ok) message.success(t('duplicates.cancelled'));
      else message.error(t(`errors:${result.error.code}`, result.error.params));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Alert
      type="error"
      showIcon
      data-testid="plan-duplicates"
      title={t('duplicates.title', { count: duplicates.length })}
      description={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <span>{t('duplicates.help')}</span>
          <ul className="bh-mission-list">
            {duplicates.map((d) => (
              <li key={d.requestId} data-testid="duplicate-request" data-request-id={d.requestId}>
                <strong>{describe(d.requestId)}</strong>
                <ul>
                  {d.meetings.map((m) => (
                    <li key={m.id} data-testid="duplicate-meeting" data-meeting-id={m.id}>
                      <Space wrap>
                        <span>
                          {formatDate(m.start, timeZone, language)}{' '}
                          {formatTime(m.start, timeZone, language)}–
                          {formatTime(m.end, timeZone, language)}
                        </span>
                        <Tag>{t(`meetingStatus.${m.status}`)}</Tag>
                        {m.status !== 'done' && (
                          <Popconfirm
                            title={t('duplicates.confirm')}
                            okText={t('duplicates.cancel')}
                            cancelText={t('action.cancel')}
                            onConfirm={() => cancel(m)}
                          >
                            <Button
                              size="small"
                              danger
                              loading={busy === m.id}
                              data-testid="duplicate-cancel"
                            >
                              {t('duplicates.cancel')}
                            </Button>
                          </Popconfirm>
                        )}
                      </Space>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </Space>
      }
    />
  );
}
