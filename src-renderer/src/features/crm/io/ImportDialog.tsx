import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Select, Space, Steps, Table, Tag, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  IMPORT_FIELDS,
  TEXT_ENCODINGS,
  defaultDecisions,
  officePairs,
  planImport,
  sourceTable,
  suggestMapping,
  type ColumnMapping,
  type DuplicateDecision,
  type ImportPlan,
  type ImportSource,
  type RawTable,
  type TextEncodingName,
} from '@shared/crm/io';
import { formatPersonName } from '@shared/crm/names';
import { formatNumber } from '@shared/format';
import { useDatabase } from '../../../data/database-context';
import { errorMessageKey } from '../../../i18n/error-message';
import { useCrmLabels, useOfficeContext } from '../common/use-labels';
import { importBuyers } from '../data/buyer-repository';
import { useAccessLog } from '../../audit';
import { newId } from '../data/records';
import { useCrmIndex } from '../data/use-crm';
import { CheckStep, type CheckChoices } from './CheckStep';
import { datedName, downloadBlob } from '../../../ui/download';
import { DuplicateChoices } from './DuplicateChoices';
import { previewPhoneText } from './phone-text';
import { importFieldLabel } from './field-labels';
import { planOffThread, readSourceOffThread } from './import-worker-client';
import {
  importWrites,
  refusedFile,
  rememberMapping,
  rememberedMapping,
  rowsWritten,
  writeCount,
} from './import-model';

interface LoadedFile {
  name: string;
  bytes: Uint8Array;
  source: ImportSource;
  sheet: number;
  headerRow: number;
  /** The table as read, with the person's fixes applied. */
  table: RawTable;
}

const PREVIEW_ROWS = 3;

const HEADER_CHOICES = 15;

/**
 * Import: file (encoding, sheet and header row detected, each can be changed) →
 * column mapping with a preview of the first rows as they will be saved →
 * check: every refused row with its values and reasons (fix here and check
 * again, or download them), ignored columns with data, duplicates → one
 * all-or-nothing transaction. Nothing is written before the last step.
 */
export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('import');
  const { t: tc } = useTranslation('crm');
  const { message } = App.useApp();
  const db = useDatabase();
  const accessLog = useAccessLog();
  const { office, officeId, language } = useOfficeContext();
  const { index } = useCrmIndex();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [remembered, setRemembered] = useState(false);
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [choices, setChoices] = useState<CheckChoices>({ ackIgnored: false, skipInFile: true });
  const [decisions, setDecisions] = useState<Map<number, DuplicateDecision>>(new Map());
  const labels = useCrmLabels();
  const [busy, setBusy] = useState(false);

  const options = {
    officeId,
    officeCountry: office.country,
    hanDefault: office.localLanguage === 'ja' ? ('ja' as const) : ('zh' as const),
    newId,
  };

  const reset = () => {
    setStep(0);
    setFile(null);
    setFileError(null);
    setMapping({});
    setPlan(null);
    setBusy(false);
    setChoices({ ackIgnored: false, skipInFile: true });
    setDecisions(new Map());
  };
  const close = () => {
    reset();
    onClose();
  };

  const openTable = (
    name: string,
    bytes: Uint8Array,
    source: ImportSource,
    choice: { sheet?: number; headerRow?: number },
    // The worker's table of the first sheet (detected header row), when it made one.
    made?: ReturnType<typeof sourceTable>,
  ) => {
    const r = made ?? sourceTable(source, choice);
    if (!r.ok) {
      setFileError(t(`errors:${r.error.code}`, r.error.params ?? {}));
      return;
    }
    setFileError(null);
    const { table, sheet, headerRow } = r.value;
    setFile({ name, bytes, source, sheet, headerRow, table });
    const known = rememberedMapping(table.headers);
    setRemembered(Boolean(known));
    setMapping({ ...suggestMapping(table.headers), ...(known ?? {}) });
    setPlan(null);
  };

  const load = async (name: string, bytes: Uint8Array, encoding?: TextEncodingName) => {
    let read: Awaited<ReturnType<typeof readSourceOffThread>>;
    try {
      read = await readSourceOffThread(name, bytes, encoding);
    } catch (error) {
      setFileError(t(errorMessageKey(error)));
      return;
    }
    const source = read.result;
    if (!source.ok) {
      setFileError(t(`errors:${source.error.code}`, source.error.params ?? {}));
      if (!encoding) setFile(null);
      return;
    }
    openTable(name, bytes, source.value, {}, read.table);
  };

  const check = async (table: RawTable) => {
    setBusy(true);
    await index.whenReady();
    let next: ImportPlan;
    try {
      // In the import worker: the window stays responsive while thousands of rows are checked.
      next = await planOffThread(
        table,
        mapping,
        { duplicates: index.duplicateIndex, buyerIds: new Set(index.rows.keys()) },
        options,
      );
    } catch (error) {
      message.error(t(errorMessageKey(error)));
      setBusy(false);
      return;
    }
    setPlan(next);
    setDecisions(defaultDecisions(next));
    setBusy(false);
    setStep(2);
  };

  const writes = useMemo(
    () => (plan ? importWrites(plan, choices.skipInFile, decisions) : null),
    [plan, choices.skipInFile, decisions],
  );
  const toWrite = writes ? writeCount(writes) : 0;
  const pairs = useMemo(() => (plan ? officePairs(plan) : []), [plan]);

  const commit = async () => {
    if (!plan || !file || !writes) return;
    setBusy(true);
    try {
      await importBuyers(db, writes);
      const buyerIds = [
        ...writes.put.map((w) => w.buyer.id),
        ...writes.merges.map((m) => m.target),
      ];
      await accessLog
        .record({
          action: 'import',
          object: 'buyers',
          subjects: [
            { kind: 'buyer', ids: buyerIds },
            { kind: 'contact', ids: writes.put.flatMap((w) => w.contacts.map((c) => c.id)) },
          ],
        })
        .catch((error: unknown) => console.error('[audit] import not recorded', error));
      rememberMapping(file.table.headers, mapping);
      message.success(
        writes.merges.length
          ? t('crm:io.importedMerged', {
              count: writes.put.length,
              merged: writes.merges.length,
            })
          : t('crm:io.imported', { count: toWrite }),
      );
      close();
    } catch (error) {
      message.error(t(errorMessageKey(error)));
      setBusy(false);
    }
  };

  const fix = (row: number, column: string, value: string) => {
    if (!file) return;
    const rows = file.table.rows.slice();
    rows[row - 1] = { ...rows[row - 1], [column]: value };
    setFile({ ...file, table: { ...file.table, rows } });
  };

  const downloadRefused = () => {
    if (!plan || !file) return;
    downloadBlob(
      refusedFile(file.table, plan, t),
      `${datedName('refused-rows', office.timeZone)}.csv`,
      'text/csv;charset=utf-8',
    );
  };

  const headers = file?.table.headers ?? [];
  const fieldOptions = [
    { value: '', label: t('crm:io.ignoreColumn') },
    ...IMPORT_FIELDS.map((f) => ({ value: f, label: importFieldLabel(f, tc, language) })),
  ];
  const preview = useMemo(() => {
    if (!file || step !== 1) return [];
    const table = { ...file.table, rows: file.table.rows.slice(0, PREVIEW_ROWS) };
    let n = 0;
    const p = planImport(
      table,
      mapping,
      { duplicates: index.duplicateIndex },
      {
        ...options,
        newId: () => `preview-${++n}`,
      },
    );
    return p.buyers.flatMap((b) =>
      (b.contacts.length ? b.contacts : [null]).map((c, i) => ({
        key: `${b.buyer.id}-${i}`,
        company: b.buyer.nameNative,
        country: labels.country(b.buyer.country),
        contact: c ? formatPersonName(c, language) : '',
        emails: c?.emails.join(', ') ?? '',
        phones: c?.phones.map((ph) => previewPhoneText(ph, t('asTypedShort'))).join(', ') ?? '',
        messengers: c?.messengers.map((m) => `${m.channel}: ${m.handle}`).join(', ') ?? '',
      })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [file, mapping, step]);

  const grid = file?.source.sheets[file.sheet]?.grid;
  const canCommit =
    plan !== null && toWrite > 0 && (plan.ignoredColumns.length === 0 || choices.ackIgnored);

  return (
    <Modal
      open={open}
      title={t('crm:io.importTitle')}
      onCancel={close}
      width={980}
      footer={
        <Space>
          <Button onClick={close}>{t('crm:actions.cancel')}</Button>
          {step > 0 ? <Button onClick={() => setStep(step - 1)}>{t('crm:io.back')}</Button> : null}
          {step === 0 ? (
            <Button
              type="primary"
              disabled={!file || Boolean(fileError)}
              onClick={() => setStep(1)}
              data-testid="import-next"
            >
              {t('crm:io.next')}
            </Button>
          ) : step === 1 ? (
            <Button
              type="primary"
              loading={busy}
              onClick={() => file && void check(file.table)}
              data-testid="import-dry-run"
            >
              {t('crm:io.dryRun')}
            </Button>
          ) : (
            <Button
              type="primary"
              loading={busy}
              disabled={!canCommit}
              onClick={() => void commit()}
              data-testid="import-commit"
            >
              {t('commit', { count: toWrite })}
            </Button>
          )}
        </Space>
      }
    >
      <Steps
        size="small"
        current={step}
        items={[
          { title: t('crm:io.stepFile') },
          { title: t('crm:io.stepMapping') },
          { title: t('crm:io.stepCheck') },
        ]}
        style={{ marginBottom: 16 }}
      />
      {step === 0 ? (
        <>
          <Upload.Dragger
            accept=".csv,.txt,.xlsx,.vcf,.vcard"
            multiple={false}
            showUploadList={false}
            beforeUpload={(f) => {
              void f.arrayBuffer().then((buffer) => load(f.name, new Uint8Array(buffer)));
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p>{t('crm:io.drop')}</p>
            <p className="bh-crm-muted">{t('crm:io.formats')}</p>
          </Upload.Dragger>
          {file ? (
            <Space wrap style={{ marginTop: 12 }}>
              <span data-testid="import-file">{file.name}</span>
              <Tag>{t('crm:io.rows', { count: file.table.rows.length })}</Tag>
              {file.source.decoded ? (
                <>
                  <span className="bh-crm-muted">
                    {file.source.decoded.via === 'override'
                      ? t('crm:io.encodingChosen')
                      : t('crm:io.encodingDetected')}
                  </span>
                  <Select<TextEncodingName>
                    aria-label={t('crm:io.encoding')}
                    value={file.source.decoded.encoding}
                    options={TEXT_ENCODINGS.map((e) => ({ value: e, label: e }))}
                    onChange={(e) => void load(file.name, file.bytes, e)}
                    style={{ width: 150 }}
                  />
                </>
              ) : null}
              {file.source.sheets.length > 1 ? (
                <Select<number>
                  aria-label={t('sheet')}
                  value={file.sheet}
                  options={file.source.sheets.map((s, i) => ({ value: i, label: s.name }))}
                  onChange={(sheet) => openTable(file.name, file.bytes, file.source, { sheet })}
                  style={{ minWidth: 160 }}
                  data-testid="import-sheet"
                />
              ) : null}
              {grid ? (
                <Space>
                  <span className="bh-crm-muted">{t('headerRow')}</span>
                  <Select<number>
                    aria-label={t('headerRow')}
                    value={file.headerRow}
                    popupMatchSelectWidth={false}
                    options={grid.cells.slice(0, HEADER_CHOICES).map((cells, i) => ({
                      value: i,
                      label: t('headerRowOption', {
                        row: formatNumber(i + 1, language),
                        text: cells.filter(Boolean).slice(0, 4).join(' · ').slice(0, 60),
                      }),
                    }))}
                    onChange={(headerRow) =>
                      openTable(file.name, file.bytes, file.source, {
                        sheet: file.sheet,
                        headerRow,
                      })
                    }
                    style={{ width: 260 }}
                    data-testid="import-header-row"
                  />
                </Space>
              ) : null}
            </Space>
          ) : null}
          {fileError ? (
            <Alert
              type="error"
              showIcon
              title={fileError}
              style={{ marginTop: 12 }}
              data-testid="import-file-error"
            />
          ) : null}
        </>
      ) : null}
      {step === 1 && file ? (
        <>
          <p className="bh-card-help">{t('crm:io.mappingHelp')}</p>
          {remembered ? <Alert type="info" showIcon title={t('remembered')} /> : null}
          <Table
            size="small"
            pagination={false}
            rowKey="header"
            scroll={{ y: 260 }}
            tableLayout="fixed"
            dataSource={headers.map((header) => ({ header }))}
            columns={[
              {
                key: 'header',
                title: t('crm:io.sourceColumn'),
                render: (_, r) => <strong>{r.header}</strong>,
              },
              {
                key: 'sample',
                title: t('crm:io.sample'),
                render: (_, r) => (
                  <span className="bh-crm-muted">
                    {file.table.rows
                      .slice(0, 5)
                      .map((row) => row[r.header])
                      .filter(Boolean)
                      .slice(0, 2)
                      .join(' · ')}
                  </span>
                ),
              },
              {
                key: 'field',
                title: t('crm:io.targetField'),
                width: '42%',
                render: (_, r) => (
                  <Select
                    aria-label={t('crm:io.targetFieldFor', { column: r.header })}
                    style={{ width: '100%' }}
                    showSearch={{ optionFilterProp: 'label' }}
                    value={mapping[r.header] ?? ''}
                    options={fieldOptions}
                    onChange={(v) => setMapping({ ...mapping, [r.header]: v })}
                    popupMatchSelectWidth={false}
                  />
                ),
              },
            ]}
          />
          <h4 className="bh-crm-section">{t('preview')}</h4>
          <Table
            size="small"
            pagination={false}
            data-testid="import-preview"
            dataSource={preview}
            columns={(
              ['company', 'contact', 'emails', 'phones', 'messengers', 'country'] as const
            ).map((k) => ({ key: k, dataIndex: k, title: t(`col.${k}`) }))}
          />
        </>
      ) : null}
      {step === 2 && plan && file ? (
        <CheckStep
          plan={plan}
          table={file.table}
          toWrite={toWrite}
          rowsWritten={writes ? rowsWritten(plan, writes) : 0}
          language={language}
          duplicates={
            pairs.length ? (
              <DuplicateChoices
                plan={plan}
                pairs={pairs}
                decisions={decisions}
                onChange={setDecisions}
                existing={(id) => index.rows.get(id)}
                country={labels.country}
              />
            ) : null
          }
          choices={choices}
          onChoices={setChoices}
          onFix={fix}
          onRecheck={() => void check(file.table)}
          onDownloadRefused={downloadRefused}
          busy={busy}
        />
      ) : null}
    </Modal>
  );
}
