import { Alert, Button, Checkbox, Input, Space, Table } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPlan, RawTable, RowOutcome } from '@shared/crm/io';
import { formatNumber } from '@shared/format';
import type { Language } from '@shared/i18n/languages';
import { issueText } from './import-model';

const ROWS_SHOWN = 200;

export interface CheckChoices {
  ackIgnored: boolean;
  skipInFile: boolean;
}

/**
 * The dry run's result: what will be imported, every refused row with its values
 * and reasons (fixable here, or downloadable to fix in Excel), rows imported with
 * a note, ignored columns that hold data, duplicates inside the file to skip,
 * and buyers the office may already have (skip, merge or import as new).
 */
export function CheckStep(props: {
  plan: ImportPlan;
  table: RawTable;
  toWrite: number;
  /** Rows of the buyers written (new or merged). */
  rowsWritten: number;
  language: Language;
  /** Buyers that may already be in the office, each with its choice (skip / merge / new). */
  duplicates: ReactNode;
  choices: CheckChoices;
  onChoices: (c: CheckChoices) => void;
  onFix: (row: number, column: string, value: string) => void;
  onRecheck: () => void;
  onDownloadRefused: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation('import');
  const { plan, table, language, choices } = props;
  const n = (x: number) => formatNumber(x, language);
  // Rows whose buyer is written (new or merged): skipped duplicates are not.
  const taken = props.rowsWritten;
  const strongInFile = plan.buyers.filter((b) => b.inFile.some((d) => d.level === 'strong'));
  const [edits, setEdits] = useState<Record<string, string>>({});

  const valuesOf = (o: RowOutcome) =>
    table.headers
      .map((h) => table.rows[o.row - 1]?.[h])
      .filter(Boolean)
      .slice(0, 6)
      .join(' · ');

  return (
    <div data-testid="import-plan">
      <Alert
        type={plan.refused.length || plan.ignoredColumns.length ? 'warning' : 'success'}
        showIcon
        // "0 imported with a note" is not said: the clause appears only when there are some.
        title={t(plan.warnings.length ? 'summaryNoted' : 'summary', {
          count: props.toWrite,
          rows: n(plan.rowCount),
          taken: n(taken),
          buyers: n(props.toWrite),
          refused: n(plan.refused.length),
          noted: n(plan.warnings.length),
        })}
        description={t('crm:io.allOrNothing')}
        data-testid="import-summary"
      />
      {plan.ignoredColumns.length ? (
        <Alert
          className="bh-crm-section"
          type="warning"
          showIcon
          data-testid="import-ignored"
          title={t('ignoredTitle')}
          description={
            <>
              <ul className="bh-import-list">
                {plan.ignoredColumns.map((c) => (
                  <li key={c.column}>
                    {t('ignoredColumn', { column: c.column, count: c.values })}
                  </li>
                ))}
              </ul>
              <Checkbox
                checked={choices.ackIgnored}
                onChange={(e) => props.onChoices({ ...choices, ackIgnored: e.target.checked })}
                data-testid="import-ignored-ack"
              >
                {t('ignoredAck')}
              </Checkbox>
            </>
          }
        />
      ) : null}
      {props.duplicates}
      {strongInFile.length ? (
        <Checkbox
          className="bh-crm-section"
          checked={choices.skipInFile}
          onChange={(e) => props.onChoices({ ...choices, skipInFile: e.target.checked })}
          data-testid="import-skip-in-file"
        >
          {t('skipInFile', { count: strongInFile.length })}
        </Checkbox>
      ) : null}
      {plan.refused.length ? (
        <section className="bh-crm-section" data-testid="import-refused">
          <h4>{t('refusedTitle')}</h4>
          <p className="bh-card-help">{t('refusedHelp')}</p>
          <Table
            size="small"
            rowKey="row"
            pagination={{ pageSize: 5, showSizeChanger: false }}
            dataSource={plan.refused.slice(0, ROWS_SHOWN)}
            columns={[
              { key: 'row', title: t('row'), width: 64, render: (_, o) => n(o.sourceRow) },
              {
                key: 'values',
                title: t('crm:io.sample'),
                render: (_, o) => <span className="bh-crm-muted">{valuesOf(o)}</span>,
              },
              {
                key: 'issues',
                title: t('crm:io.problem'),
                render: (_, o) =>
                  o.issues.map((issue, i) => {
                    const key = `${o.row}|${issue.column}`;
                    return (
                      <div key={i} className="bh-import-issue">
                        <div>{issueText(issue, t)}</div>
                        {issue.column ? (
                          <Space.Compact style={{ width: '100%' }}>
                            <Input
                              size="small"
                              aria-label={t('fixValue', { column: issue.column, row: o.sourceRow })}
                              value={edits[key] ?? table.rows[o.row - 1]?.[issue.column] ?? ''}
                              onChange={(e) => {
                                setEdits({ ...edits, [key]: e.target.value });
                                props.onFix(o.row, issue.column, e.target.value);
                              }}
                              data-testid="import-fix-input"
                            />
                          </Space.Compact>
                        ) : null}
                      </div>
                    );
                  }),
              },
            ]}
          />
          <Space wrap>
            <Button onClick={props.onRecheck} loading={props.busy} data-testid="import-recheck">
              {t('recheck')}
            </Button>
            <Button onClick={props.onDownloadRefused} data-testid="import-download-refused">
              {t('downloadRefused')}
            </Button>
          </Space>
        </section>
      ) : null}
      {plan.warnings.length ? (
        <details className="bh-crm-section" data-testid="import-notes">
          <summary>
            {t('notesTitle')} ({n(plan.warnings.length)})
          </summary>
          <ul className="bh-import-list">
            {plan.warnings.slice(0, ROWS_SHOWN).map((o) => (
              <li key={o.row}>
                {t('row')} {n(o.sourceRow)}: {o.issues.map((i) => issueText(i, t)).join(' / ')}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {taken === 0 ? (
        <Alert className="bh-crm-section" type="info" title={t('nothingToImport')} />
      ) : null}
    </div>
  );
}
