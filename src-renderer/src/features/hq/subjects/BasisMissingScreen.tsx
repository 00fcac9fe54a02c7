import { Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { basisMissing } from '@shared/privacy/subject';
import type { NameScript } from '@shared/crm/codes';
import { latinForm, nativeName } from '@shared/crm/names';
import { useDatabase } from '../../../data/database-context';
import { useLive } from '../../../data/use-live';
import { HqScreen, ReaderName, WRAP_COLUMN, officeName, useView } from '../common';
import { TableRegion } from '../dashboard/TableRegion';
import { useHqQuery } from '../api/use-hq';

interface Row {
  id: string;
  officeId: string;
  buyerId: string;
  name: { native: string; latin: string; script: NameScript };
  buyer: { native: string; latin: string; script?: NameScript };
  noSource: boolean;
  noBasis: boolean;
}

type Stored = Record<string, unknown> & { id: string; officeId: string; buyerId: string };

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** A contact's name in both forms, each in its script's order (山田 太郎, YAMADA Taro). */
const personName = (c: Stored): Row['name'] => {
  const name = {
    familyName: str(c.familyName),
    givenName: str(c.givenName),
    latinFamily: str(c.latinFamily),
    latinGiven: str(c.latinGiven),
    nameScript: (str(c.nameScript) || 'latin') as NameScript,
  };
  return { native: nativeName(name), latin: latinForm(name), script: name.nameScript };
};

/**
 * The contacts of every office with no recorded source of their data or no legal basis for
 * holding it and sending it to HQ (issue 14, item 6; PIPL and Decree 13 want both). Read from
 * this HQ laptop's copy of every office; each links to the person's data page.
 */
export function BasisMissingScreen() {
  const { t } = useTranslation('hq');
  const db = useDatabase();
  const { language } = useView();
  const offices = useHqQuery('admin/offices', (c) => c.offices());
  const [office, setOffice] = useState<string | null>(null);
  const rows = useLive(async () => {
    const contacts = (await db.table('contacts').toArray()) as Stored[];
    const missing = contacts.filter(basisMissing);
    const buyers = (await db
      .table('buyers')
      .bulkGet([...new Set(missing.map((c) => c.buyerId))])) as Array<
      Record<string, unknown> | undefined
    >;
    const buyerName = new Map(
      buyers.filter(Boolean).map((b) => [
        String(b!.id),
        {
          native: str(b!.nameNative),
          latin: str(b!.nameLatin),
          ...(b!.nameScript ? { script: b!.nameScript as NameScript } : {}),
        },
      ]),
    );
    return missing.map<Row>((c) => ({
      id: c.id,
      officeId: c.officeId,
      buyerId: c.buyerId,
      name: personName(c),
      buyer: buyerName.get(c.buyerId) ?? { native: '', latin: '' },
      noSource: !c.dataSource,
      noBasis: !c.legalBasis,
    }));
  }, [db]);
  const officeIds = useMemo(() => [...new Set((rows ?? []).map((r) => r.officeId))].sort(), [rows]);
  const shown = (rows ?? []).filter((r) => office === null || r.officeId === office);
  const nameOf = (id: string) => officeName(id, language, offices.data?.offices, t('common.hq'));

  return (
    <HqScreen
      testId="screen-hq-subjects"
      title={t('subjects.title')}
      subtitle={t('subjects.subtitle')}
    >
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          aria-label={t('subjects.office')}
          style={{ minWidth: 220 }}
          value={office ?? ''}
          onChange={(v) => setOffice(v === '' ? null : v)}
          options={[
            { value: '', label: t('subjects.allOffices') },
            ...officeIds.map((id) => ({ value: id, label: nameOf(id) })),
          ]}
          data-testid="subjects-office"
        />
        <Typography.Text data-testid="subjects-count">
          {t('subjects.count', { count: shown.length })}
        </Typography.Text>
      </Space>
      <TableRegion label={t('subjects.title')}>
        <Table<Row>
          size="small"
          rowKey="id"
          loading={rows === undefined}
          dataSource={shown}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          data-testid="subjects-table"
          locale={{ emptyText: t('subjects.none') }}
          columns={[
            { key: 'office', title: t('subjects.office'), render: (_, r) => nameOf(r.officeId) },
            {
              key: 'name',
              title: t('subjects.person'),
              className: WRAP_COLUMN,
              render: (_, r) => (
                <Link to={`/buyers/${r.buyerId}/contacts/${r.id}/personal-data`}>
                  <ReaderName {...r.name} language={language} />
                </Link>
              ),
            },
            {
              key: 'buyer',
              title: t('subjects.buyer'),
              className: WRAP_COLUMN,
              render: (_, r) => <ReaderName {...r.buyer} language={language} />,
            },
            {
              key: 'missing',
              title: t('subjects.missing'),
              render: (_, r) => (
                <Space size={4} wrap>
                  {r.noSource ? <Tag color="warning">{t('subjects.noSource')}</Tag> : null}
                  {r.noBasis ? <Tag color="warning">{t('subjects.noBasis')}</Tag> : null}
                </Space>
              ),
            },
          ]}
        />
      </TableRegion>
    </HqScreen>
  );
}
