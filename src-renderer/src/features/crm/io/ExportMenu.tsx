import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat } from '@shared/crm/io';
import { useDatabase } from '../../../data/database-context';
import { errorMessageKey } from '../../../i18n/error-message';
import { useOfficeContext } from '../common/use-labels';
import { datedName, downloadBlob } from './download';

/** Exports every buyer with its contacts, a page at a time: CSV (UTF-8 with BOM), XLSX or vCard 4. */
export function ExportMenu() {
  const { t } = useTranslation('crm');
  const { message } = App.useApp();
  const db = useDatabase();
  const { timeZone } = useOfficeContext();
  const [busy, setBusy] = useState(false);

  const run = async (format: ExportFormat) => {
    setBusy(true);
    try {
      // The writers (exceljs, ical.js, papaparse) load on first export, not with the app.
      const { exportBuyers } = await import('./export-run');
      const out = await exportBuyers(db, format);
      downloadBlob(
        out.parts as BlobPart[],
        `${datedName('buyers', timeZone)}.${out.extension}`,
        out.mime,
      );
      message.success(t('io.exported', { count: out.buyers }));
    } catch (error) {
      message.error(t(errorMessageKey(error)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'csv', label: t('io.exportCsv') },
          { key: 'xlsx', label: t('io.exportXlsx') },
          { key: 'vcard', label: t('io.exportVcard') },
        ],
        onClick: ({ key }) => void run(key as ExportFormat),
      }}
    >
      <Button icon={<DownloadOutlined aria-hidden />} loading={busy} data-testid="buyer-export">
        {t('io.export')}
      </Button>
    </Dropdown>
  );
}
