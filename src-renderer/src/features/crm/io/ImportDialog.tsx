import { InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Modal,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Upload,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  IMPORT_FIELDS,
  TEXT_ENCODINGS,
  planImport,
  readImportSource,
  sourceTable,
  suggestMapping,
  type ColumnMapping,
  type ImportFormat,
  type ImportPlan,
  type ReadFileResult,
  type TextEncodingName,
} from '@shared/crm/io';
import { formatNumber } from '@shared/format';
import { useDatabase } from '../../../data/database-context';
import { errorMessageKey } from '../../../i18n/error-message';
import { useOfficeContext } from '../common/use-labels';
import { bulkWriteBuyers } from '../data/buyer-repository';
import { newId } from '../data/records';
import { useCrmIndex } from '../data/use-crm';
import { importFieldLabel } from './field-labels';

interface LoadedFile {
  name: string;
  bytes: Uint8Array;
  format: ImportFormat;
  read: ReadFileResult;
}

const PREVIEW_ROWS = 5;
const ERRORS_SHOWN = 200;

/**
 * Import: file → encoding (detected, can be overridden) → column mapping with
 * a preview → dry run with per-row errors and duplicates → one all-or-nothing
 * transaction. Nothing is written before the last step.
 */
export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('crm');
  const { message } = App.useApp();
  const db = useDatabase();
  const { office, officeId, language } = useOfficeContext();
  const { index } = useCrmIndex();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [skipDuplicates, setSkipDuplicates] = useState(true);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setStep(0);
    setFile(null);
    setFileError(null);
    setMapping({});
    setPlan(null);
    setBusy(false);
  };
  const close = () => {
    reset();
    onClose();
  };

  const load = async (name: string, bytes: Uint8Array, encoding?: TextEncodingName) => {
    const source = await readImportSource(name, bytes, encoding ? { encoding } : {});
    const table = source.ok ? sourceTable(source.value) : source;
    const format: ImportFormat = source.ok ? source.value.format : 'csv';
    const result: { ok: true; value: ReadFileResult } | Exclude<typeof table, { ok: true }> =
      table.ok && source.ok
        ? {
            ok: true,
            value: {
              table: table.value.table,
              ...(source.value.decoded ? { decoded: source.value.decoded } : {}),
            },
          }
        : (table as Exclude<typeof table, { ok: true }>);
    if (!result.ok) {
      setFileError(t(`errors:${result.error.code}`, result.error.params ?? {}));
      setFile(
        encoding
          ? { name, bytes, format, read: file?.read ?? { table: { headers: [], rows: [] } } }
          : null,
      );
      return;
    }
    setFileError(null);
    setFile({ name, bytes, format, read: result.value });
    setMapping(suggestMapping(result.value.table.headers));
    setPlan(null);
  };

  const runDryRun = async () => {
    if (!file) return;
    setBusy(true);
    await index.whenReady();
    const result = planImport(
      file.read.table,
      mapping,
      { duplicates: index.duplicateIndex, buyerIds: new Set(index.rows.keys()) },
      {
        officeId,
        officeCountry: office.country,
        hanDefault: office.localLanguage === 'ja' ? 'ja' : 'zh',
        newId,
      },
    );
    setPlan(result);
    setBusy(false);
    setStep(2);
  };

  const toWrite = useMemo(
    () =>
      (plan?.buyers ?? []).filter(
        (b) => !(skipDuplicates && b.duplicates.some((d) => d.level === 'strong') && !b.idExists),
      ),
    [plan, skipDuplicates],
  );

  const commit = async () => {
    if (!plan) return;
    setBusy(true);
    try {
      await bulkWriteBuyers(
        db,
        toWrite.map((b) => ({ buyer: b.buyer, contacts: b.contacts })),
      );
      message.success(t('io.imported', { count: toWrite.length }));
      close();
    } catch (error) {
      message.error(t(errorMessageKey(error)));
      setBusy(false);
    }
  };

  const headers = file?.read.table.headers ?? [];
  const fieldOptions = [
    { value: '', label: t('io.ignoreColumn') },
    ...IMPORT_FIELDS.map((f) => ({ value: f, label: importFieldLabel(f, t, language) })),
  ];
  const duplicates = plan?.buyers.filter((b) => b.duplicates.length > 0) ?? [];

  return (
    <Modal
      open={open}
      title={t('io.importTitle')}
      onCancel={close}
      width={920}
      footer={
        <Space>
          <Button onClick={close}>{t('actions.cancel')}</Button>
          {step > 0 ? <Button onClick={() => setStep(step - 1)}>{t('io.back')}</Button> : null}
          {step === 0 ? (
            <Button
              type="primary"
              disabled={!file || Boolean(fileError)}
              onClick={() => setStep(1)}
              data-testid="import-next"
            >
              {t('io.next')}
            </Button>
          ) : step === 1 ? (
            <Button
              type="primary"
              loading={busy}
              onClick={() => void runDryRun()}
              data-testid="import-dry-run"
            >
              {t('io.dryRun')}
            </Button>
          ) : (
            <Button
              type="primary"
              loading={busy}
              disabled={!toWrite.length}
              onClick={() => void commit()}
              data-testid="import-commit"
            >
              {t('io.commit', { count: toWrite.length })}
            </Button>
          )}
        </Space>
      }
    >
      <Steps
        size="small"
        current={step}
        items={[
          { title: t('io.stepFile') },
          { title: t('io.stepMapping') },
          { title: t('io.stepCheck') },
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
            <p>{t('io.drop')}</p>
            <p className="bh-crm-muted">{t('io.formats')}</p>
          </Upload.Dragger>
          {file ? (
            <Space wrap style={{ marginTop: 12 }}>
              <span data-testid="import-file">{file.name}</span>
              <Tag>{t('io.rows', { count: file.read.table.rows.length })}</Tag>
              {file.format !== 'xlsx' ? (
                <>
                  <span className="bh-crm-muted">
                    {file.read.decoded?.via === 'override'
                      ? t('io.encodingChosen')
                      : t('io.encodingDetected')}
                  </span>
                  <Select<TextEncodingName>
                    aria-label={t('io.encoding')}
                    value={file.read.decoded?.encoding}
                    options={TEXT_ENCODINGS.map((e) => ({ value: e, label: e }))}
                    onChange={(e) => void load(file.name, file.bytes, e)}
                    style={{ width: 140 }}
                  />
                </>
              ) : null}
            </Space>
          ) : null}
          {fileError ? (
            <Alert type="error" showIcon title={fileError} style={{ marginTop: 12 }} />
          ) : null}
        </>
      ) : null}
      {step === 1 && file ? (
        <>
          <p className="bh-card-help">{t('io.mappingHelp')}</p>
          <Table
            size="small"
            pagination={false}
            rowKey="header"
            scroll={{ y: 360 }}
            tableLayout="fixed"
            dataSource={headers.map((header) => ({ header }))}
            columns={[
              {
                key: 'header',
                title: t('io.sourceColumn'),
                render: (_, r) => <strong>{r.header}</strong>,
              },
              {
                key: 'sample',
                title: t('io.sample'),
                render: (_, r) => (
                  <span className="bh-crm-muted">
                    {file.read.table.rows
                      .slice(0, PREVIEW_ROWS)
                      .map((row) => row[r.header])
                      .filter(Boolean)
                      .slice(0, 2)
                      .join(' · ')}
                  </span>
                ),
              },
              {
                key: 'field',
                title: t('io.targetField'),
                // Fixed share of the table: the select fits instead of spilling past the edge.
                width: '42%',
                render: (_, r) => (
                  <Select
                    aria-label={t('io.targetFieldFor', { column: r.header })}
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
        </>
      ) : null}
      {step === 2 && plan ? (
        <div data-testid="import-plan">
          <Alert
            type={plan.errors.length ? 'warning' : 'success'}
            showIcon
            title={t('io.planSummary', {
              rows: formatNumber(plan.rowCount, language),
              valid: formatNumber(plan.validRows, language),
              buyers: formatNumber(plan.buyers.length, language),
              errors: formatNumber(plan.errors.length, language),
            })}
            description={t('io.allOrNothing')}
          />
          {duplicates.length ? (
            <div className="bh-crm-section">
              <Checkbox
                checked={skipDuplicates}
                onChange={(e) => setSkipDuplicates(e.target.checked)}
              >
                {t('io.skipDuplicates', {
                  count: duplicates.filter((b) => b.duplicates.some((d) => d.level === 'strong'))
                    .length,
                })}
              </Checkbox>
            </div>
          ) : null}
          {plan.errors.length ? (
            <Table
              className="bh-crm-section"
              size="small"
              rowKey={(e) => `${e.row}|${e.column}|${e.code}`}
              pagination={{ pageSize: 8, showSizeChanger: false }}
              dataSource={plan.errors.slice(0, ERRORS_SHOWN)}
              columns={[
                { key: 'row', title: t('io.row'), render: (_, e) => formatNumber(e.row, language) },
                { key: 'column', title: t('io.sourceColumn'), render: (_, e) => e.column },
                { key: 'error', title: t('io.problem'), render: (_, e) => t(`errors:${e.code}`) },
              ]}
            />
          ) : null}
        </div>
      ) : null}
    </Modal>
  );
}
