import { App, Alert, Modal, Radio, Table, Tag } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { MergePickField } from '@shared/crm/merge';
import { nameForReader, nameLang } from '@shared/crm/names';
import type { BuyerCompany } from '@shared/crm/schemas';
import type { Language } from '@shared/i18n/languages';
import { useDatabase } from '../../../data/database-context';
import { errorMessageKey } from '../../../i18n/error-message';
import { CityName } from '../common/names';
import { useCrmLabels, useOfficeContext } from '../common/use-labels';
import { commitMerge, getBuyer } from '../data/buyer-repository';
import { useCrmIndex } from '../data/use-crm';
import { useLive } from '../../../data/use-live';
import { mergeFieldRows } from './merge-rows';
import { useAccessLog } from '../../audit';
import { NamedSelect, type NamedOption } from '../../../ui/named-options';

type Side = 'a' | 'b';

/** A buyer's name by the CRM's one rule (`nameForReader`): the reader's form first. */
function readerName(
  b: Pick<BuyerCompany, 'nameNative' | 'nameLatin' | 'nameScript'>,
  language: Language,
) {
  return nameForReader(
    { native: b.nameNative, latin: b.nameLatin ?? '', script: b.nameScript },
    language,
  );
}

/**
 * Side-by-side merge of this buyer (a) with another (b): pick the surviving
 * record and, per field, which value to keep. Lists (industries, products,
 * tags) are united, contacts moved and trade talks re-pointed to the survivor,
 * all in one transaction.
 */
export function MergeDialog({
  open,
  onClose,
  buyer,
  initialOtherId,
}: {
  open: boolean;
  onClose: () => void;
  buyer: BuyerCompany;
  /** Preselected other record (from the duplicate warning); the existing record then stays by default. */
  initialOtherId?: string;
}) {
  const { t } = useTranslation('crm');
  const { message } = App.useApp();
  const db = useDatabase();
  const accessLog = useAccessLog();
  const navigate = useNavigate();
  const labels = useCrmLabels();
  const { language } = useOfficeContext();
  const { index, version } = useCrmIndex();
  const [query, setQuery] = useState('');
  const [otherId, setOtherId] = useState<string | undefined>(initialOtherId);
  const [survivor, setSurvivor] = useState<Side>(initialOtherId ? 'b' : 'a');
  const [picks, setPicks] = useState<Partial<Record<MergePickField, Side>>>({});
  const [saving, setSaving] = useState(false);

  const other = useLive(async () => (otherId ? await getBuyer(db, otherId) : null), [db, otherId]);

  const pickNamed = useMemo<NamedOption[]>(() => {
    const ids = query.trim()
      ? index
          .query({ text: query, filters: {}, sort: 'name', collation: language })
          .ids.slice(0, 30)
      : index.duplicatesOf({ buyer, contacts: [] }).map((m) => m.buyerId);
    if (otherId && !ids.includes(otherId)) ids.unshift(otherId);
    return (
      ids
        .filter((id) => id !== buyer.id)
        // The record picked may not be in the search index yet (just created, index loading).
        .map((id) => index.rows.get(id) ?? (id === other?.buyer.id ? other.buyer : undefined))
        .filter((r) => r !== undefined && r.officeId === buyer.officeId)
        // In a script the reader reads (株式会社山田商事 alone was all an English reader got).
        .map((r) => {
          const name = readerName(r!, language);
          return {
            value: r!.id,
            text: name.primary,
            lang: nameLang(name.script),
            ...(name.secondary ? { muted: name.secondary } : {}),
          };
        })
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [index, version, query, buyer, language, otherId, other]);

  const show = (b: BuyerCompany, field: MergePickField): ReactNode => {
    const v = b[field];
    if (field === 'status') return labels.status(b.status);
    if (field === 'country') return labels.country(b.country);
    if (field === 'nameScript') return t(`script.${b.nameScript}`);
    // As the list and the buyer show it: romanized or from the place table, stored form on hover.
    if (field === 'city')
      return <CityName city={b.city ?? ''} country={b.country} language={language} />;
    if (field === 'nameNative') return <span lang={nameLang(b.nameScript)}>{b.nameNative}</span>;
    return String(v ?? '');
  };

  const merge = async () => {
    if (!otherId) return;
    setSaving(true);
    try {
      const kept = await commitMerge(db, buyer.id, otherId, { survivor, fields: picks });
      await accessLog
        .record({
          action: 'merge',
          object: 'buyer',
          subjects: [{ kind: 'buyer', ids: [buyer.id, otherId] }],
        })
        .catch((error: unknown) => console.error('[audit] merge not recorded', error));
      message.success(t('merge.done'));
      onClose();
      navigate(`/buyers/${kept.id}`, { replace: true });
    } catch (error) {
      message.error(t(errorMessageKey(error)));
    } finally {
      setSaving(false);
    }
  };

  const b = other?.buyer;
  return (
    <Modal
      open={open}
      title={t('merge.title')}
      onCancel={onClose}
      width={860}
      okText={t('merge.confirm')}
      cancelText={t('actions.cancel')}
      okButtonProps={{ disabled: !b, danger: true }}
      onOk={() => void merge()}
      confirmLoading={saving}
    >
      <NamedSelect
        style={{ width: '100%' }}
        aria-label={t('merge.pick')}
        placeholder={t('merge.pick')}
        showSearch={{ filterOption: false, onSearch: setQuery }}
        named={pickNamed}
        value={otherId}
        onChange={(id) => {
          setOtherId(id);
          setPicks({});
        }}
        notFoundContent={t('talks.typeToSearch')}
        data-testid="merge-pick"
      />
      {b ? (
        <>
          <Alert className="bh-crm-section" type="info" showIcon title={t('merge.help')} />
          <Table
            className="bh-crm-section"
            size="small"
            pagination={false}
            rowKey="field"
            data-testid="merge-fields"
            rowClassName={(r) => (r.same === false ? 'bh-merge-differs' : '')}
            dataSource={[{ field: 'survivor' as const, same: null }, ...mergeFieldRows(buyer, b)]}
            columns={[
              {
                key: 'field',
                title: t('merge.field'),
                render: (_, r) =>
                  r.field === 'survivor' ? (
                    t('merge.survivor')
                  ) : (
                    <>
                      {t(`fields.${r.field}`)}
                      {r.same === false && (
                        <Tag className="bh-merge-differs-tag" color="orange">
                          {t('merge.differs')}
                        </Tag>
                      )}
                    </>
                  ),
              },
              ...(['a', 'b'] as const).map((side) => ({
                key: side,
                title: side === 'a' ? t('merge.thisBuyer') : t('merge.otherBuyer'),
                // A value both records share spans both columns: there is nothing to choose.
                onCell: (r: { same: boolean | null }) =>
                  r.same === true ? { colSpan: side === 'a' ? 2 : 0 } : {},
                render: (
                  _: unknown,
                  r: { field: MergePickField | 'survivor'; same: boolean | null },
                ) => {
                  const record = side === 'a' ? buyer : b;
                  if (r.same === true && r.field !== 'survivor') {
                    return (
                      <span className="bh-merge-same">
                        {show(record, r.field)}{' '}
                        <span className="bh-card-help">({t('merge.same')})</span>
                      </span>
                    );
                  }
                  if (r.field === 'survivor') {
                    return (
                      <Radio checked={survivor === side} onChange={() => setSurvivor(side)}>
                        <SurvivorName buyer={record} language={language} />
                      </Radio>
                    );
                  }
                  const field = r.field;
                  const chosen = picks[field] ?? (survivor === side ? side : null);
                  const value = show(record, field);
                  // Nothing to keep on this side: said in words, no radio without a label.
                  if (!record[field])
                    return <span className="bh-card-help">{t('merge.empty')}</span>;
                  return (
                    <Radio
                      checked={chosen === side}
                      onChange={() => setPicks({ ...picks, [field]: side })}
                    >
                      {value}
                    </Radio>
                  );
                },
              })),
            ]}
          />
          <p className="bh-card-help">
            {t('merge.moves', { contacts: other?.contacts.length ?? 0 })}
          </p>
        </>
      ) : null}
    </Modal>
  );
}

/** The record kept, named by `readerName`, the other form beside it. */
function SurvivorName({ buyer, language }: { buyer: BuyerCompany; language: Language }) {
  const name = readerName(buyer, language);
  return (
    <span>
      <span lang={nameLang(name.script)}>{name.primary}</span>
      {name.secondary ? <span className="bh-card-help"> ({name.secondary})</span> : null}
    </span>
  );
}
