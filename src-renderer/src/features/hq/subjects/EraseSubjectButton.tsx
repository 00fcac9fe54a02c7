import { DeleteOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SyncRequestError } from '../../../sync/transport';
import { useSyncService } from '../../sync-ui';
import { useHqClient } from '../api/use-hq';

/**
 * HQ's "erase everywhere" of a contact person (issue 14, item 6): asks for confirmation,
 * has HQ erase the person in its database (sync-protocol.md §12), then syncs so this laptop
 * applies the erasure at once; every other laptop follows on its next sync. Shown only on
 * an HQ laptop (the composition root hands it to the CRM's personal-data screen).
 */
export function EraseSubjectButton({
  contactId,
  onErased,
}: {
  contactId: string;
  onErased: () => void;
}) {
  const { t } = useTranslation('hq');
  const client = useHqClient();
  const service = useSyncService();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!client) return null;

  const erase = async () => {
    setBusy(true);
    try {
      const res = await client.eraseSubject(contactId);
      await service.syncNow();
      setOpen(false);
      void message.success(t('subjects.erased', { count: res.redacted }));
      onErased();
    } catch (e) {
      const code = e instanceof SyncRequestError ? e.code : 'network_error';
      void message.error(
        t('subjects.eraseFailed', { reason: t(`errors:sync.${code}`, { defaultValue: code }) }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        danger
        icon={<DeleteOutlined aria-hidden />}
        data-testid="subject-erase"
        onClick={() => setOpen(true)}
      >
        {t('subjects.erase')}
      </Button>
      <Modal
        open={open}
        title={t('subjects.eraseTitle')}
        okText={t('subjects.eraseConfirm')}
        okButtonProps={
          { danger: true, loading: busy, 'data-testid': 'subject-erase-confirm' } as never
        }
        cancelText={t('subjects.cancel')}
        onOk={() => void erase()}
        onCancel={() => setOpen(false)}
      >
        <Typography.Paragraph>{t('subjects.eraseExplain')}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('subjects.eraseFinal')}</Typography.Paragraph>
      </Modal>
    </>
  );
}
