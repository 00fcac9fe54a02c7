import { DatabaseOutlined } from '@ant-design/icons';
import { App, Button, Card, Progress, Select, Space } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '@shared/format';
import { useDatabase } from '../../data/database-context';
import { errorMessageKey } from '../../i18n/error-message';
import { useSettings } from '../../state/settings-context';
import { findOffice } from '../../state/settings-store';
import { useDemoAllowed } from '../sync-ui';
import { DEMO_SIZES, type DemoProgress, type DemoSize } from './demo-sizes';

/** Confirmation, progress and result of a demo load, shared by the card and the empty buyer list. */
function useDemoLoader() {
  const { t } = useTranslation('crm');
  const { modal, message } = App.useApp();
  const db = useDatabase();
  const officeId = useSettings((s) => s.officeId);
  const language = useSettings((s) => s.language);
  const office = findOffice(officeId);
  const [progress, setProgress] = useState<DemoProgress | null>(null);
  const abort = useRef<AbortController | null>(null);

  const start = (size: DemoSize) => {
    modal.confirm({
      title: t('demo.confirmTitle'),
      content: t('demo.confirmBody', {
        count: size,
        formatted: formatNumber(size, language),
        office: office.names[language],
      }),
      okText: t('demo.load'),
      cancelText: t('actions.cancel'),
      onOk: async () => {
        setProgress({ done: 0, total: 1 });
        const controller = new AbortController();
        abort.current = controller;
        try {
          // The generator (name lists, pinyin) loads on demand, not with the app.
          const { loadDemoData } = await import('./load-demo');
          const result = await loadDemoData(db, office, size, setProgress, controller.signal);
          if (result.cancelled)
            message.info(
              t('demo.cancelled', {
                count: result.buyers,
                formatted: formatNumber(result.buyers, language),
              }),
            );
          else
            message.success(
              t('demo.done', {
                buyers: formatNumber(result.buyers, language),
                talks: formatNumber(result.talks, language),
              }),
            );
        } catch (error) {
          message.error(t(errorMessageKey(error)));
        } finally {
          abort.current = null;
          setProgress(null);
        }
      },
    });
  };
  const cancel = () => abort.current?.abort();
  return { start, cancel, progress, office, language };
}

/** Progress of a running load, with a button that stops it after the current chunk. */
function DemoProgressBar({ progress, onCancel }: { progress: DemoProgress; onCancel: () => void }) {
  const { t } = useTranslation('crm');
  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'center', marginTop: 8, minWidth: 240 }}>
      <Progress
        percent={Math.floor((progress.done / progress.total) * 100)}
        size="small"
        aria-label={t('demo.progress')}
        data-testid="demo-progress"
        style={{ flex: 1, minWidth: 160 }}
      />
      <Button size="small" onClick={onCancel} data-testid="demo-cancel">
        {t('demo.cancel')}
      </Button>
    </div>
  );
}

/** "Load demo data" on the empty buyer list: the default size, one click plus confirmation. */
export function LoadDemoButton() {
  const { t } = useTranslation('crm');
  const { start, cancel, progress } = useDemoLoader();
  const allowed = useDemoAllowed();
  if (!allowed && !progress) return null;
  return progress ? (
    <DemoProgressBar progress={progress} onCancel={cancel} />
  ) : (
    <Button
      icon={<DatabaseOutlined aria-hidden />}
      onClick={() => start(DEMO_SIZES[0])}
      data-testid="demo-load-empty"
    >
      {t('demo.load')}
    </Button>
  );
}

/** Settings card: loads deterministic demo buyers, talks and schedules for the current office. */
export function DemoDataCard() {
  const { t } = useTranslation('crm');
  const { start, cancel, progress, office, language } = useDemoLoader();
  const [size, setSize] = useState<DemoSize>(DEMO_SIZES[0]);
  const allowed = useDemoAllowed();
  if (!allowed && !progress) {
    return (
      <Card
        title={t('demo.title')}
        className="bh-card"
        style={{ marginTop: 20 }}
        data-testid="demo-card"
      >
        <p className="bh-card-help" data-testid="demo-linked">
          {t('demo.linked')}
        </p>
      </Card>
    );
  }
  return (
    <Card
      title={t('demo.title')}
      className="bh-card"
      style={{ marginTop: 20 }}
      data-testid="demo-card"
    >
      <p className="bh-card-help">{t('demo.help', { office: office.names[language] })}</p>
      <Space wrap>
        <Select<DemoSize>
          aria-label={t('demo.size')}
          value={size}
          onChange={setSize}
          options={DEMO_SIZES.map((n) => ({
            value: n,
            label: t('demo.sizeOption', { count: n, formatted: formatNumber(n, language) }),
          }))}
          disabled={Boolean(progress)}
          popupMatchSelectWidth={false}
        />
        <Button
          type="primary"
          icon={<DatabaseOutlined aria-hidden />}
          onClick={() => start(size)}
          loading={Boolean(progress)}
          data-testid="demo-load"
        >
          {t('demo.load')}
        </Button>
      </Space>
      {progress ? <DemoProgressBar progress={progress} onCancel={cancel} /> : null}
    </Card>
  );
}
