/**
 * "Restart to update": shown when main has downloaded and verified a new version. The button
 * waits while a sync runs or edits are unsaved, and main checks again before restarting.
 */
import { Alert, Button } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { getBridge } from '../../platform/bridge';
import { useSyncService } from '../sync-ui';
import { createUpdateReporter, type UpdatesBridge } from './update-reporter';
import { unsavedEditsStore } from './unsaved-edits';

export interface UpdateNoticeProps {
  /** Tests pass a fake; the app uses the preload's (absent in a plain browser: no notice). */
  bridge?: UpdatesBridge;
}

export function UpdateNotice({ bridge }: UpdateNoticeProps) {
  const { t } = useTranslation('updates');
  const sync = useSyncService();
  const syncing = useStore(sync.store, (s) => s.status?.phase === 'syncing');
  const unsavedEdits = useStore(unsavedEditsStore, (s) => s.keys.size > 0);
  const [reporter] = useState(() =>
    createUpdateReporter({
      bridge: bridge ?? getBridge()?.updates,
      work: () => ({
        hqUrl: sync.store.getState().enrollment?.hqUrl ?? null,
        syncing: sync.store.getState().status?.phase === 'syncing',
        unsavedEdits: unsavedEditsStore.getState().keys.size > 0,
      }),
      subscribe: (onChange) => {
        const a = sync.store.subscribe(onChange);
        const b = unsavedEditsStore.subscribe(onChange);
        return () => {
          a();
          b();
        };
      },
    }),
  );
  useEffect(() => () => reporter.stop(), [reporter]);
  const { readyVersion, refusal, installing } = useStore(reporter.store);

  if (!readyVersion) return null;
  const waiting = syncing ? t('waitSync') : unsavedEdits ? t('waitUnsaved') : null;
  const refused =
    refusal === 'syncing'
      ? t('refused.syncing')
      : refusal === 'unsaved-edits'
        ? t('refused.unsavedEdits')
        : refusal
          ? t('refused.other')
          : null;
  return (
    <Alert
      className="bh-update-notice"
      data-testid="update-notice"
      type="info"
      showIcon
      title={t('ready', { version: readyVersion })}
      description={waiting ?? refused ?? undefined}
      action={
        <Button
          type="primary"
          size="small"
          disabled={Boolean(waiting) || installing}
          loading={installing}
          onClick={() => void reporter.install()}
        >
          {t('restart')}
        </Button>
      }
    />
  );
}
