import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useActor } from '../sync-ui';
import { LockCard } from './LockCard';
import { MAX_PIN_LENGTH, MIN_PIN_LENGTH } from './model/pin-hash';
import { useLockService, useLockState, useNeutralTitle } from './use-lock';

interface PinValues {
  pin: string;
  repeat: string;
}

/** Right after linking (and after a new link for a forgotten PIN): the person chooses a PIN. */
export function PinSetup({ toolbar }: { toolbar?: ReactNode }) {
  const { t } = useTranslation(['lock', 'common']);
  const service = useLockService();
  const actor = useActor();
  const idleMinutes = useLockState((s) => s.idleMinutes);
  const [form] = Form.useForm<PinValues>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState(false);
  useNeutralTitle(`${t('setup.title')} · ${t('common:appName')}`);

  const submit = async (values: PinValues) => {
    setSaving(true);
    setFailure(false);
    try {
      await service.setPin(values.pin);
    } catch (error) {
      console.warn('[lock] could not save the PIN', error);
      setFailure(true);
    } finally {
      setSaving(false);
    }
  };

  return (
    <LockCard
      testId="lock-setup"
      toolbar={toolbar}
      title={t('setup.title')}
      who={actor?.staffName ? t('setup.for', { name: actor.staffName }) : t('setup.forNobody')}
      note={t('setup.forgotNote')}
    >
      <Typography.Paragraph>{t('setup.intro', { count: idleMinutes })}</Typography.Paragraph>
      <Form<PinValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="pin"
          label={t('setup.pin')}
          extra={t('setup.pinHelp', { min: MIN_PIN_LENGTH })}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const problem = service.pinProblem(value ?? '');
                if (problem)
                  throw new Error(
                    t(`setup.problems.${problem}`, { min: MIN_PIN_LENGTH, max: MAX_PIN_LENGTH }),
                  );
              },
            },
          ]}
        >
          <Input.Password
            autoComplete="new-password"
            maxLength={MAX_PIN_LENGTH}
            data-testid="lock-setup-pin"
          />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('setup.repeat')}
          dependencies={['pin']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if ((value ?? '') !== getFieldValue('pin')) throw new Error(t('setup.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password
            autoComplete="new-password"
            maxLength={MAX_PIN_LENGTH}
            data-testid="lock-setup-repeat"
          />
        </Form.Item>
        {failure && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('setup.failed')}
            className="bh-lock-alert"
          />
        )}
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={saving}
          data-testid="lock-setup-save"
        >
          {t('setup.save')}
        </Button>
      </Form>
    </LockCard>
  );
}
