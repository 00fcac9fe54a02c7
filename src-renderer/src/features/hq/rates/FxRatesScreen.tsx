/**
 * HQ's exchange-rate table: months × currencies (units per 1 USD), edited month by month
 * with exact decimals and a note. Writes go to the shared `fxRates` table through Dexie,
 * so the sync middleware records them and every office receives them. The change history
 * comes from HQ (each accepted change is kept there).
 */
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TableRegion } from '../dashboard/TableRegion';
import { DEFAULT_FX_RATES } from '@shared/money';
import { formatDateTime, intlLocale } from '@shared/format';
import { REPORT_PATHS, fxHistoryResponseSchema, type FxHistoryEntry } from '@shared/reports/api';
import { useDatabase } from '../../../data/database-context';
import { AmountInput } from '../../../ui/AmountInput';
import { useHqQuery } from '../api/use-hq';
import { formatMonth, formatMonthCell } from '../dashboard/report-model';
import { HqScreen, QueryState, firstLoad, useView } from '../common';
import {
  FX_TABLE,
  RATE_CURRENCIES,
  draftToRow,
  fxMonthRowSchema,
  monthsOf,
  ratesText,
  type DraftErrors,
  type FxMonthRow,
  type RateCurrency,
} from './fx-rows';

export function FxRatesScreen() {
  const { t } = useTranslation('hq');
  return (
    <HqScreen testId="screen-hq-rates" title={t('rates.title')} subtitle={t('rates.subtitle')}>
      <RatesPanel />
    </HqScreen>
  );
}

/** The month rows in the local database, re-read after every write here. */
function useFxRows(version: number): Map<string, FxMonthRow> {
  const db = useDatabase();
  const [rows, setRows] = useState<Map<string, FxMonthRow>>(new Map());
  useEffect(() => {
    let cancelled = false;
    void db
      .table(FX_TABLE)
      .toArray()
      .then((all: unknown[]) => {
        if (cancelled) return;
        const map = new Map<string, FxMonthRow>();
        for (const raw of all) {
          const parsed = fxMonthRowSchema.safeParse(raw);
          if (parsed.success) map.set(parsed.data.month, parsed.data);
        }
        setRows(map);
      });
    return () => {
      cancelled = true;
    };
  }, [db, version]);
  return rows;
}

interface GridRow {
  month: string;
  row: FxMonthRow | undefined;
}

function RatesPanel() {
  const { t } = useTranslation('hq');
  const { language } = useView();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [version, setVersion] = useState(0);
  const rows = useFxRows(version);
  const [editing, setEditing] = useState<string | null>(null);
  const years = useMemo(() => {
    const ys = new Set<number>([thisYear - 1, thisYear, thisYear + 1, 2023]);
    for (const m of rows.keys()) ys.add(Number(m.slice(0, 4)));
    return [...ys].sort((a, b) => b - a);
  }, [rows, thisYear]);
  const number = (v: string) =>
    new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: 8 }).format(Number(v));

  const grid: GridRow[] = monthsOf(year).map((month) => ({ month, row: rows.get(month) }));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('rates.gridTitle')}
        extra={
          <Select<number>
            aria-label={t('rates.year')}
            value={year}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: String(y) }))}
            style={{ width: 110 }}
          />
        }
      >
        <Typography.Paragraph type="secondary">{t('rates.intro')}</Typography.Paragraph>
        {/* Above the grid: below its twelve months it was off screen at 1280×720, so the
            "*" after a rate went unexplained. */}
        <Typography.Paragraph type="secondary" id="hq-rates-default-note">
          {t('rates.defaultFootnote')}
        </Typography.Paragraph>
        <TableRegion label={t('rates.gridTitle')}>
          <Table<GridRow>
            rowKey="month"
            size="small"
            pagination={false}
            dataSource={grid}
            data-testid="hq-rates-grid"
            columns={[
              {
                key: 'month',
                title: t('rates.month'),
                render: (_: unknown, g: { month: string }) => formatMonthCell(g.month, language),
              },
              ...RATE_CURRENCIES.map((c) => ({
                key: c,
                // The card title says "per US dollar": the code alone keeps the grid narrow.
                title: <abbr title={t('rates.perUsd', { currency: c })}>{c}</abbr>,
                align: 'right' as const,
                render: (_: unknown, g: GridRow) => {
                  const v = g.row?.perUsd[c];
                  if (v) return <span data-testid={`hq-rate-${g.month}-${c}`}>{number(v)}</span>;
                  const d = DEFAULT_FX_RATES.months[g.month]?.[c];
                  return d ? (
                    <span
                      className="bh-hq-muted"
                      title={t('rates.defaultHint')}
                      aria-describedby="hq-rates-default-note"
                    >
                      {number(d)}*
                    </span>
                  ) : (
                    <span className="bh-hq-muted">–</span>
                  );
                },
              })),
              {
                key: 'note',
                title: t('rates.note'),
                render: (_: unknown, g: GridRow) => g.row?.note ?? '',
              },
              {
                key: 'source',
                title: t('rates.source'),
                render: (_: unknown, g: GridRow) =>
                  g.row ? (
                    <Tag color="blue">{t('rates.fromHq')}</Tag>
                  ) : (
                    <Tag>{t('rates.builtin')}</Tag>
                  ),
              },
              {
                key: 'edit',
                title: t('rates.actions'),
                render: (_: unknown, g: GridRow) => (
                  <Button
                    size="small"
                    icon={<EditOutlined aria-hidden />}
                    onClick={() => setEditing(g.month)}
                    aria-label={t('rates.editMonth', { month: formatMonth(g.month, language) })}
                    data-testid={`hq-rate-edit-${g.month}`}
                  >
                    {t('rates.edit')}
                  </Button>
                ),
              },
            ]}
          />
        </TableRegion>
      </Card>
      {editing && (
        <RateEditor
          month={editing}
          existing={rows.get(editing)}
          onClose={(saved) => {
            setEditing(null);
            if (saved) setVersion((v) => v + 1);
          }}
        />
      )}
      <HistoryCard version={version} />
    </Space>
  );
}

interface EditorValues {
  KRW: string;
  JPY: string;
  CNY: string;
  VND: string;
  note: string;
}

export function RateEditor({
  month,
  existing,
  onClose,
}: {
  month: string;
  existing: FxMonthRow | undefined;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation(['hq', 'errors']);
  const { language } = useView();
  const db = useDatabase();
  const [form] = Form.useForm<EditorValues>();
  const [errors, setErrors] = useState<DraftErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const initial: EditorValues = {
    KRW: existing?.perUsd.KRW ?? DEFAULT_FX_RATES.months[month]?.KRW ?? '',
    JPY: existing?.perUsd.JPY ?? DEFAULT_FX_RATES.months[month]?.JPY ?? '',
    CNY: existing?.perUsd.CNY ?? DEFAULT_FX_RATES.months[month]?.CNY ?? '',
    VND: existing?.perUsd.VND ?? DEFAULT_FX_RATES.months[month]?.VND ?? '',
    note: existing?.note ?? '',
  };

  const save = async () => {
    const values = form.getFieldsValue();
    const result = draftToRow({
      month,
      rates: { KRW: values.KRW, JPY: values.JPY, CNY: values.CNY, VND: values.VND },
      note: values.note ?? '',
    });
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      // One put: the sync middleware records the changed fields in the same transaction.
      await db.table(FX_TABLE).put(result.row);
      onClose(true);
    } catch (error) {
      setFailure(
        error && typeof error === 'object' && 'code' in error
          ? `errors:sync.${String((error as { code: unknown }).code)}`
          : 'errors:unexpected',
      );
    } finally {
      setSaving(false);
    }
  };

  const errorText = (key: RateCurrency | 'note') => {
    const e = errors[key];
    return e ? t(`hq:rates.errors.${e}`) : undefined;
  };

  const noteError = errorText('note');
  return (
    <Modal
      open
      title={t('hq:rates.editTitle', { month: formatMonth(month, language) })}
      okText={t('hq:rates.save')}
      cancelText={t('hq:common.cancel')}
      onOk={() => void save()}
      onCancel={() => onClose(false)}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ ...{ 'data-testid': 'hq-rate-save' } }}
    >
      <Form<EditorValues> form={form} layout="vertical" initialValues={initial}>
        <Typography.Paragraph type="secondary">{t('hq:rates.editHelp')}</Typography.Paragraph>
        {RATE_CURRENCIES.map((c) => (
          <Form.Item
            key={c}
            name={c}
            label={t('hq:rates.perUsd', { currency: c })}
            validateStatus={errors[c] ? 'error' : undefined}
            help={errorText(c)}
          >
            <AmountInput
              language={language}
              style={{ width: '100%' }}
              data-testid={`hq-rate-input-${c}`}
            />
          </Form.Item>
        ))}
        <Form.Item
          name="note"
          label={t('hq:rates.note')}
          validateStatus={errors.note ? 'error' : undefined}
          help={noteError}
        >
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        {failure && <Alert type="error" showIcon role="alert" title={t(failure)} />}
      </Form>
    </Modal>
  );
}

function HistoryCard({ version }: { version: number }) {
  const { t } = useTranslation('hq');
  const { language, timeZone } = useView();
  const query = useHqQuery(`fx/history/${version}`, (c) =>
    c.get(`${REPORT_PATHS.fxHistory}?limit=100`, fxHistoryResponseSchema),
  );
  const devices = useHqQuery('admin/devices', (c) => c.devices());
  // A local edit reaches HQ with the next sync: ask again a little later.
  const reload = query.reload;
  useEffect(() => {
    const timer = setTimeout(reload, 3000);
    return () => clearTimeout(timer);
  }, [version, reload]);
  const deviceName = (id: string) => devices.data?.devices.find((d) => d.id === id)?.name ?? id;
  const rates = (row: Record<string, unknown> | null) => ratesText(row, language);
  return (
    <Card title={t('rates.historyTitle')}>
      <QueryState query={query} />
      <TableRegion label={t('rates.historyTitle')}>
        <Table<FxHistoryEntry>
          rowKey="id"
          size="small"
          data-testid="hq-rates-history"
          dataSource={query.data?.entries ?? []}
          loading={firstLoad(query)}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('rates.historyEmpty') }}
          columns={[
            {
              key: 'when',
              title: t('rates.changedAt'),
              render: (_, e) => formatDateTime(e.changedAt, timeZone, language),
            },
            {
              key: 'month',
              title: t('rates.month'),
              render: (_: unknown, g: { month: string }) => formatMonthCell(g.month, language),
            },
            {
              key: 'device',
              title: t('rates.changedBy'),
              render: (_, e) => deviceName(e.deviceId),
            },
            { key: 'old', title: t('rates.before'), render: (_, e) => rates(e.old) },
            { key: 'new', title: t('rates.after'), render: (_, e) => rates(e.new) },
            {
              key: 'note',
              title: t('rates.note'),
              render: (_, e) => (typeof e.new?.note === 'string' ? e.new.note : ''),
            },
          ]}
        />
      </TableRegion>
    </Card>
  );
}
