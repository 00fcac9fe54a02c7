import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportCsv, exportVcard, exportXlsx } from '@shared/crm/io';
import type { BuyerCompany, Contact } from '@shared/crm/schemas';
import { useDatabase } from '../../../data/database-context';
import { errorMessageKey } from '../../../i18n/error-message';
import { useOfficeContext } from '../common/use-labels';
import { CRM_TABLES, stripMeta } from '../data/records';
import { datedName, downloadBlob } from './download';

type ExportFormat = 'csv' | 'xlsx' | 'vcard';

/** Exports every buyer with its contacts: CSV (UTF-8 with BOM), XLSX or vCard 4. */
export function ExportMenu() {
  const { t } = useTranslation('crm');
  const { message } = App.useApp();
  const db = useDatabase();
  const { timeZone } = useOfficeContext();
  const [busy, setBusy] = useState(false);

  const run = async (format: ExportFormat) => {
    setBusy(true);
    try {
      const buyers = (await db.table<BuyerCompany>(CRM_TABLES.buyers).toArray()).map(stripMeta);
      const contacts = (await db.table<Contact>(CRM_TABLES.contacts).toArray()).map(stripMeta);
      const name = datedName('buyers', timeZone);
      if (format === 'csv')
        downloadBlob(exportCsv(buyers, contacts), `${name}.csv`, 'text/csv;charset=utf-8');
      else if (format === 'vcard')
        downloadBlob(exportVcard(buyers, contacts), `${name}.vcf`, 'text/vcard;charset=utf-8');
      else {
        const bytes = await exportXlsx(buyers, contacts);
        downloadBlob(
          bytes as Uint8Array<ArrayBuffer>,
          `${name}.xlsx`,
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        );
      }
      message.success(t('io.exported', { count: buyers.length }));
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
