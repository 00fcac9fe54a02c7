import { Button, Radio, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DuplicateAction, DuplicateDecision, ImportPlan } from '@shared/crm/io';
import type { BuyerRow } from '../data/crm-index';

const ACTIONS: DuplicateAction[] = ['skip', 'merge', 'new'];
const PAGE = 5;

/**
 * Imported buyers that may already be in the office (the duplicate warning's
 * scoring): per pair, skip, merge into the existing buyer, or import as new.
 */
export function DuplicateChoices(props: {
  plan: ImportPlan;
  pairs: number[];
  decisions: ReadonlyMap<number, DuplicateDecision>;
  onChange: (next: Map<number, DuplicateDecision>) => void;
  existing: (buyerId: string) => BuyerRow | undefined;
  country: (code: string) => string;
}) {
  const { t } = useTranslation('import');
  const { t: tc } = useTranslation('crm');
  const { plan, pairs, decisions } = props;
  const set = (i: number, d: Partial<DuplicateDecision>) => {
    const next = new Map(decisions);
    next.set(i, { ...decisions.get(i)!, ...d });
    props.onChange(next);
  };
  const setAll = (action: DuplicateAction) => {
    const next = new Map(decisions);
    for (const i of pairs) next.set(i, { ...decisions.get(i)!, action });
    props.onChange(next);
  };
  const nameOf = (id: string) => {
    const row = props.existing(id);
    return row ? `${row.nameNative} · ${props.country(row.country)}` : id;
  };

  return (
    <section className="bh-crm-section" data-testid="import-duplicates">
      <h4>{t('dupes.title', { count: pairs.length })}</h4>
      <p className="bh-card-help">{t('dupes.help')}</p>
      <Space wrap className="bh-import-dupes-all">
        <span>{t('dupes.all')}</span>
        {ACTIONS.map((a) => (
          <Button
            key={a}
            size="small"
            autoInsertSpace={false}
            onClick={() => setAll(a)}
            data-testid={`import-dupes-all-${a}`}
          >
            {t(`dupes.action.${a}`)}
          </Button>
        ))}
      </Space>
      <Table
        size="small"
        rowKey={(i) => String(i)}
        pagination={pairs.length > PAGE ? { pageSize: PAGE, showSizeChanger: false } : false}
        tableLayout="fixed"
        dataSource={pairs}
        columns={[
          {
            key: 'incoming',
            title: t('dupes.inFile'),
            render: (_, i) => {
              const b = plan.buyers[i]!;
              return (
                <div>
                  <div>{b.buyer.nameNative}</div>
                  <div className="bh-crm-muted">
                    {props.country(b.buyer.country)}
                    {b.contacts.length
                      ? ` · ${t('dupes.contacts', { count: b.contacts.length })}`
                      : ''}
                  </div>
                </div>
              );
            },
          },
          {
            key: 'existing',
            title: t('dupes.inOffice'),
            render: (_, i) => {
              const b = plan.buyers[i]!;
              const d = decisions.get(i)!;
              const match = b.duplicates.find((m) => m.buyerId === d.target) ?? b.duplicates[0]!;
              return (
                <div>
                  {b.duplicates.length > 1 ? (
                    <Select
                      size="small"
                      value={d.target}
                      aria-label={t('dupes.target', { name: b.buyer.nameNative })}
                      onChange={(target) => set(i, { target })}
                      options={b.duplicates.map((m) => ({
                        value: m.buyerId,
                        label: nameOf(m.buyerId),
                      }))}
                      popupMatchSelectWidth={false}
                    />
                  ) : (
                    <div>{nameOf(match.buyerId)}</div>
                  )}
                  <div>
                    <Tag
                      color={match.level === 'strong' ? 'red' : 'gold'}
                      style={{ marginInlineEnd: 8 }}
                    >
                      {t(`dupes.level.${match.level}`)}
                    </Tag>
                    <span className="bh-crm-muted">
                      {match.evidence
                        .slice(0, 2)
                        .map((e) => tc(`dupes.reason.${e.reason}`, { value: e.value }))
                        .join(', ')}
                    </span>
                  </div>
                </div>
              );
            },
          },
          {
            key: 'action',
            title: t('dupes.choice'),
            // The three choices on one line in every language (vi "Nhập như mới" is the longest).
            width: 300,
            render: (_, i) => (
              <Radio.Group
                size="small"
                className="bh-crm-nowrap"
                optionType="button"
                value={decisions.get(i)!.action}
                onChange={(e) => set(i, { action: e.target.value as DuplicateAction })}
                aria-label={t('dupes.choiceFor', { name: plan.buyers[i]!.buyer.nameNative })}
                data-testid="import-dupe-choice"
                options={ACTIONS.map((a) => ({ value: a, label: t(`dupes.action.${a}`) }))}
              />
            ),
          },
        ]}
      />
    </section>
  );
}
