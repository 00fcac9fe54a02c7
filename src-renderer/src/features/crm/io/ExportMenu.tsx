import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessReason } from '@shared/audit';
import type { ExportFormat, ExportOptions } from '@shared/crm/io';
import { useDatabase } from '../../../data/database-context';
import { errorMessageKey } from '../../../i18n/error-message';
import { useOfficeContext } from '../common/use-labels';
import { datedName, downloadBlob } from '../../../ui/download';
import { useAccessLog, useReasonPrompt } from '../../audit';

type Encoding = NonNullable<ExportOptions['encoding']>;

/** Menu key → format and text encoding (legacy code pages for older Excel, CSV only). */
const CHOICES: Record<string, { format: ExportFormat; encoding?: Encoding; label: string }> = {
  csv: { format: 'csv', label: 'io.exportCsv' },
  'csv-shift_jis': { format: 'csv', encoding: 'shift_jis', label: 'io.exportCsvSjis' },
  'csv-gbk': { format: 'csv', encoding: 'gbk', label: 'io.exportCsvGbk' },
  'csv-euc-kr': { format: 'csv', encoding: 'euc-kr', label: 'io.exportCsvCp949' },
  xlsx: { format: 'xlsx', label: 'io.exportXlsx' },
  vcard: { format: 'vcard', label: 'io.exportVcard' },
};
const ENCODING_NAME: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  shift_jis: 'Shift_JIS',
  gbk: 'GBK',
  'euc-kr': 'CP949',
};

/**
 * Exports buyers with their contacts, a page at a time: CSV (UTF-8 with BOM, or
 * Shift_JIS / GBK / CP949 for older Excel), XLSX or vCard 3. With `ids` (the list
 * is searched or filtered) exactly those buyers, in the list's order.
 */
export function ExportMenu({ ids }: { ids?: readonly string[] }) {
  const { t } = useTranslation('crm');
  const { message, modal } = App.useApp();
  const db = useDatabase();
  const { timeZone } = useOfficeContext();
  const [busy, setBusy] = useState(false);
  const accessLog = useAccessLog();
  const { ask, prompt } = useReasonPrompt();

  const run = async (format: ExportFormat, encoding?: Encoding, asked?: AccessReason) => {
    // The reason first, every time (issue 14); cancel = no export.
    const reason =
      asked ??
      (await ask({
        action: 'export',
        object: 'buyers',
        format,
        count: ids ? ids.length : null,
      }));
    if (!reason) return;
    setBusy(true);
    try {
      // The writers (exceljs, ical.js, papaparse) load on first export, not with the app.
      const { exportBuyers } = await import('./export-run');
      const out = await exportBuyers(db, format, { ids, encoding });
      if (out.unencodable.length) {
        // Never "?" in place of a name without the user knowing: offer UTF-8 instead.
        modal.confirm({
          title: t('io.unencodableTitle', { encoding: ENCODING_NAME[encoding ?? 'utf-8'] }),
          content: t('io.unencodableBody', {
            count: out.unencodable.length,
            examples: out.unencodable.slice(0, 8).join(' '),
          }),
          okText: t('io.unencodableUtf8'),
          onOk: () => run('csv', undefined, reason),
        });
        return;
      }
      // On record before the file leaves: no record, no file.
      await accessLog.record({
        action: 'export',
        object: 'buyers',
        format,
        subjects: [
          { kind: 'buyer', ids: out.buyerIds },
          { kind: 'contact', ids: out.contactIds },
        ],
        reason,
      });
      downloadBlob(
        out.parts as BlobPart[],
        `${datedName('buyers', timeZone)}${encoding && encoding !== 'utf-8' ? `-${ENCODING_NAME[encoding].toLowerCase()}` : ''}.${out.extension}`,
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
    <>
      {prompt}
      <Dropdown
        trigger={['click']}
        menu={{
          items: Object.entries(CHOICES).map(([key, c]) => ({ key, label: t(c.label) })),
          onClick: ({ key }) => {
            const choice = CHOICES[key];
            if (choice) void run(choice.format, choice.encoding);
          },
        }}
      >
        <Button
          icon={<DownloadOutlined aria-hidden />}
          loading={busy}
          data-testid="buyer-export"
          title={ids ? t('io.exportAllNote') : undefined}
        >
          {ids ? t('io.exportShown', { count: ids.length }) : t('io.export')}
        </Button>
      </Dropdown>
    </>
  );
}
