import { Alert, Button, Form, Input, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SyncRequestError } from '../../sync';
import { EnrollmentInputError, useActor, useSyncService, useSyncState } from '../sync-ui';
import { LockCard } from './LockCard';
import { MAX_PIN_LENGTH } from './model/pin-hash';
import { useLockService, useLockState, useNeutralTitle } from './use-lock';

/** Seconds left until `at`, ticking each second while positive. */
function useSecondsUntil(at: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at <= now) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [at, now]);
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * The whole window while locked: no screen of the app is mounted behind it. Names only the
 * person the laptop is linked for; sync goes on in the background.
 */
export function LockScreen({ toolbar }: { toolbar?: ReactNode }) {
  const { t } = useTranslation(['lock', 'common']);
  const service = useLockService();
  const actor = useActor();
  const reason = useLockState((s) => s.reason);
  const idleMinutes = useLockState((s) => s.idleMinutes);
  const nextTryAt = useLockState((s) => s.nextTryAt);
  const failures = useLockState((s) => s.failures);
  const wait = useSecondsUntil(nextTryAt);
  const [pin, setPin] = useState('');
  const [checking, setChecking] = useState(false);
  const [wrong, setWrong] = useState(false);
  const [relinking, setRelinking] = useState(false);
  useNeutralTitle(`${t('screen.title')} · ${t('common:appName')}`);

  const submit = async () => {
    if (!pin || wait > 0) return;
    setChecking(true);
    try {
      const result = await service.unlock(pin);
      if (!result.ok) {
        setWrong(true);
        setPin('');
      }
    } finally {
      setChecking(false);
    }
  };

  return (
    <LockCard
      testId="lock-screen"
      toolbar={toolbar}
      title={t('screen.title')}
      who={actor?.staffName ? t('screen.for', { name: actor.staffName }) : t('screen.forNobody')}
      note={t('screen.syncNote')}
    >
      {reason && (
        <Typography.Paragraph type="secondary" data-testid="lock-reason">
          {t(`screen.reasons.${reason}`, { count: idleMinutes })}
        </Typography.Paragraph>
      )}
      {!relinking ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label className="bh-lock-label" htmlFor="bh-lock-pin">
            {t('screen.pin')}
          </label>
          <Input.Password
            id="bh-lock-pin"
            autoComplete="current-password"
            value={pin}
            maxLength={MAX_PIN_LENGTH}
            disabled={wait > 0}
            onChange={(e) => setPin(e.target.value)}
            data-testid="lock-pin"
          />
          {wait > 0 ? (
            <Alert
              type="warning"
              showIcon
              role="alert"
              className="bh-lock-alert"
              data-testid="lock-wait"
              title={t('screen.wait', { count: wait, failures })}
            />
          ) : (
            wrong && (
              <Alert
                type="error"
                showIcon
                role="alert"
                className="bh-lock-alert"
                data-testid="lock-wrong"
                title={t('screen.wrong')}
              />
            )
          )}
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={checking}
            disabled={wait > 0 || !pin}
            className="bh-lock-submit"
            data-testid="lock-unlock"
          >
            {t('screen.unlock')}
          </Button>
          <Button type="link" block onClick={() => setRelinking(true)} data-testid="lock-forgot">
            {t('screen.forgot')}
          </Button>
        </form>
      ) : (
        <RelinkForm onCancel={() => setRelinking(false)} />
      )}
    </LockCard>
  );
}

interface RelinkValues {
  code: string;
  deviceName: string;
}

/** A forgotten PIN: HQ gives a new code for the same person; linking again asks for a new PIN. */
function RelinkForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation(['lock', 'sync', 'errors']);
  const sync = useSyncService();
  const hqUrl = useSyncState((s) => s.enrollment?.hqUrl ?? '');
  const [form] = Form.useForm<RelinkValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (values: RelinkValues) => {
    setBusy(true);
    setFailure(null);
    try {
      await sync.enrollDevice(hqUrl, values.code, values.deviceName);
    } catch (error) {
      setFailure(
        error instanceof EnrollmentInputError
          ? `sync:enroll.errors.${error.code}`
          : error instanceof SyncRequestError
            ? `errors:sync.${error.code}`
            : 'errors:unexpected',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="lock-relink">
      <Typography.Paragraph>{t('relink.intro')}</Typography.Paragraph>
      <Form<RelinkValues> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="code"
          label={t('relink.code')}
          rules={[
            { required: true, whitespace: true, message: t('sync:enroll.errors.codeMissing') },
          ]}
        >
          <Input autoComplete="off" data-testid="lock-relink-code" />
        </Form.Item>
        <Form.Item
          name="deviceName"
          label={t('relink.deviceName')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('sync:enroll.errors.deviceNameMissing'),
            },
          ]}
        >
          <Input maxLength={120} data-testid="lock-relink-name" />
        </Form.Item>
        {failure && (
          <Alert type="error" showIcon role="alert" title={t(failure)} className="bh-lock-alert" />
        )}
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={busy}
          data-testid="lock-relink-submit"
        >
          {t('relink.submit')}
        </Button>
        <Button type="link" block onClick={onCancel}>
          {t('relink.back')}
        </Button>
      </Form>
    </div>
  );
}
