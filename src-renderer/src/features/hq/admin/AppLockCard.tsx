import { Alert, App, Button, Card, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHqClient, useHqQuery } from '../api/use-hq';
import { problemKey } from '../common';

/**
 * The app lock's idle time for every laptop (issue 14), as `hq policy:app-lock` sets it:
 * laptops take it with their next sync.
 */
export function AppLockCard() {
  const { t } = useTranslation(['hq', 'errors']);
  const { message } = App.useApp();
  const client = useHqClient();
  const query = useHqQuery('admin/app-lock', (c) => c.appLock());
  const [typed, setTyped] = useState<number | null | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const policy = query.data;
  const value = typed === undefined ? (policy?.idleMinutes ?? null) : typed;
  const valid =
    policy !== null &&
    value !== null &&
    Number.isInteger(value) &&
    value >= policy.minMinutes &&
    value <= policy.maxMinutes;

  const save = async () => {
    if (!client || !valid || value === null) return;
    setSaving(true);
    try {
      const saved = await client.setAppLock(value);
      void message.success(t('appLock.saved', { count: saved.idleMinutes }));
      setTyped(undefined);
      query.reload();
    } catch (error) {
      void message.error(t(problemKey(error)));
    } finally {
      setSaving(false);
    }
  };

  // HQ that cannot answer (or answers from an old copy) is reported once, by the Laptops
  // list above; a server without the policy (an older HQ) has nothing to set here.
  if (query.error && !policy) return null;

  return (
    <Card title={t('appLock.title')} data-testid="hq-app-lock">
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('appLock.body')}
        </Typography.Paragraph>
        <Space wrap align="center">
          <label htmlFor="hq-app-lock-minutes">{t('appLock.minutes')}</label>
          <InputNumber<number>
            id="hq-app-lock-minutes"
            data-testid="hq-app-lock-minutes"
            value={value}
            precision={0}
            disabled={!policy}
            onChange={(v) => setTyped(v)}
            onPressEnter={() => void save()}
          />
          <Button
            type="primary"
            data-testid="hq-app-lock-save"
            loading={saving}
            disabled={!valid || value === policy?.idleMinutes}
            onClick={() => void save()}
          >
            {t('appLock.save')}
          </Button>
        </Space>
        {policy &&
          (value !== null && !valid ? (
            <Alert
              type="error"
              showIcon
              data-testid="hq-app-lock-error"
              title={t('appLock.outOfRange', { min: policy.minMinutes, max: policy.maxMinutes })}
            />
          ) : (
            <Typography.Text type="secondary">
              {t('appLock.range', {
                min: policy.minMinutes,
                max: policy.maxMinutes,
                default: policy.defaultMinutes,
              })}
            </Typography.Text>
          ))}
      </Space>
    </Card>
  );
}
