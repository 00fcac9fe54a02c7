import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '@shared/format';
import { useSettings } from '../../state/settings-context';
import { countDemoRecords, useSyncService, useSyncState } from '../sync-ui';
import { useDatabase } from '../../data/database-context';
import { failureKey } from './sync-screen-common';

interface EnrollValues {
  hqUrl: string;
  code: string;
  deviceName: string;
}

export function EnrollmentForm() {
  const { t } = useTranslation(['sync', 'errors']);
  const language = useSettings((s) => s.language);
  const service = useSyncService();
  const revoked = useSyncState((s) => s.revoked);
  const revokedReason = useSyncState((s) => s.revokedReason);
  const unrevokedLink = useSyncState((s) => s.unrevokedLink);
  const pending = useSyncState((s) => s.pending);
  const [form] = Form.useForm<EnrollValues>();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { message } = App.useApp();
  const db = useDatabase();
  const [demoRecords, setDemoRecords] = useState(0);
  useEffect(() => {
    let alive = true;
    countDemoRecords(db).then(
      (n) => alive && setDemoRecords(n),
      () => {},
    );
    return () => {
      alive = false;
    };
  }, [db]);

  const submit = async (values: EnrollValues) => {
    setSubmitting(true);
    setFailure(null);
    try {
      // Linking removes the demo records first (the warning above said how many).
      const demoBefore = await countDemoRecords(db);
      await service.enrollDevice(values.hqUrl, values.code, values.deviceName);
      if (demoBefore > 0)
        void message.info(
          t('enroll.demoRemoved', {
            count: demoBefore,
            formatted: formatNumber(demoBefore, language),
          }),
        );
    } catch (error) {
      setFailure(failureKey(error));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Card title={t('enroll.title')} data-testid="sync-enroll">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {revoked && (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-testid="sync-revoked"
            title={t(revokedReason === 'unauthorized' ? 'revoked.unknownTitle' : 'revoked.title')}
            description={t(
              revokedReason === 'unauthorized' ? 'revoked.unknownBody' : 'revoked.body',
            )}
          />
        )}
        {unrevokedLink && (
          <Alert
            type="warning"
            showIcon
            role="alert"
            data-testid="sync-unlinked-offline"
            title={t('unlink.offlineTitle')}
            description={t('unlink.offlineBody', { deviceId: unrevokedLink.deviceId })}
          />
        )}
        <Typography.Paragraph>{t('enroll.intro')}</Typography.Paragraph>
        {pending > 0 && (
          <Typography.Paragraph data-testid="sync-pending-unenrolled">
            {t('enroll.pendingBeforeEnroll', {
              count: pending,
              formatted: formatNumber(pending, language),
            })}
          </Typography.Paragraph>
        )}
        {demoRecords > 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="sync-demo-warning"
            title={t('enroll.demoWarningTitle')}
            description={t('enroll.demoWarning', {
              count: demoRecords,
              formatted: formatNumber(demoRecords, language),
            })}
          />
        )}
        <Form<EnrollValues>
          form={form}
          layout="vertical"
          onFinish={(values) => void submit(values)}
          initialValues={{ hqUrl: '', code: '', deviceName: '' }}
        >
          <Form.Item
            name="hqUrl"
            label={t('enroll.hqUrl')}
            extra={t('enroll.hqUrlHelp')}
            rules={[{ required: true, whitespace: true, message: t('enroll.errors.hqUrlMissing') }]}
          >
            <Input inputMode="url" autoComplete="url" />
          </Form.Item>
          <Form.Item
            name="code"
            label={t('enroll.code')}
            extra={t('enroll.codeHelp')}
            rules={[{ required: true, whitespace: true, message: t('enroll.errors.codeMissing') }]}
          >
            <Input autoComplete="one-time-code" />
          </Form.Item>
          <Form.Item
            name="deviceName"
            label={t('enroll.deviceName')}
            extra={t('enroll.deviceNameHelp')}
            rules={[
              { required: true, whitespace: true, message: t('enroll.errors.deviceNameMissing') },
              { max: 100, message: t('enroll.errors.deviceNameTooLong') },
            ]}
          >
            <Input />
          </Form.Item>
          {failure && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t(failure)}
              style={{ marginBottom: 16 }}
            />
          )}
          <Button type="primary" htmlType="submit" loading={submitting}>
            {t('enroll.submit')}
          </Button>
        </Form>
      </Space>
    </Card>
  );
}
