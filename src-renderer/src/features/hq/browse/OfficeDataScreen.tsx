/**
 * Read-only browsing of one office's data on an HQ laptop. HQ devices already pull every
 * office's rows into the local database, so this reads Dexie (by the `officeId` index),
 * page by page, live (a sync while the page is open shows), and never writes.
 */
import { Alert, Breadcrumb, Card, Table, Tabs } from 'antd';
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TableRegion } from '../dashboard/TableRegion';
import { Link, useParams } from 'react-router';
import { formatDateTime, formatMoney, formatUtcOffset, intlLocale } from '@shared/format';
import type { Language } from '@shared/i18n/languages';
import type { BuyerCompany, SmeFirm, TradeTalk, TalkAmount } from '@shared/crm/schemas';
import { displayName, type Driver, type Interpreter, type Vehicle } from '@shared/bookings';
import { languagePairLabel } from '../../bookings';
import { CityName } from '../../../ui/CityName';
import { useDatabase } from '../../../data/database-context';
import { useHqQuery } from '../api/use-hq';
import { findOffice } from '../../../state/settings-store';
import {
  HqScreen,
  ReaderName,
  SmeName,
  WRAP_COLUMN,
  ZoneNote,
  officeName,
  useView,
} from '../common';

export const BROWSE_TABLES = [
  'buyers',
  'tradeTalks',
  'interpreters',
  'interpreterBookings',
  'vehicleTrips',
] as const;
export type BrowseTable = (typeof BROWSE_TABLES)[number];
const PAGE_SIZE = 50;

interface BookingRow {
  id: string;
  start: string;
  end: string;
  timeZone?: string;
  status?: string;
  purpose?: string;
  interpreterId?: string;
  vehicleId?: string;
  driverId?: string | null;
  location?: string;
  pickUp?: { address?: string };
  dropOff?: { address?: string };
  requester?: { label?: string };
}

/**
 * Who a page of bookings is with, by id: interpreters, drivers by name in the reader's
 * script, vehicles by plate (read from the same local database, never written).
 */
function useResourceNames(rows: readonly BookingRow[], language: Language): Map<string, string> {
  const db = useDatabase();
  const [names, setNames] = useState<Map<string, string>>(() => new Map());
  const ids = (pick: (r: BookingRow) => string | null | undefined) => [
    ...new Set(rows.map(pick).filter((id): id is string => Boolean(id))),
  ];
  const interpreterIds = ids((r) => r.interpreterId);
  const vehicleIds = ids((r) => r.vehicleId);
  const driverIds = ids((r) => r.driverId);
  const key = [...interpreterIds, '|', ...vehicleIds, '|', ...driverIds, language].join(',');
  useEffect(() => {
    const people = (table: string, list: string[]) =>
      db
        .table<Interpreter | Driver, string>(table)
        .bulkGet(list)
        .then((found) =>
          found.flatMap((p) => (p ? [[p.id, displayName(p.name, language).primary] as const] : [])),
        );
    // Live: a sync that brings the interpreter or van after its booking names it here.
    const subscription = liveQuery(() =>
      Promise.all([
        people('interpreters', interpreterIds),
        people('drivers', driverIds),
        db
          .table<Vehicle, string>('vehicles')
          .bulkGet(vehicleIds)
          .then((found) => found.flatMap((v) => (v ? [[v.id, v.plate] as const] : []))),
      ]),
    ).subscribe({
      next: (lists) => setNames(new Map(lists.flat())),
      error: (error: unknown) => console.warn('[hq] could not read booking resources', error),
    });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, key]);
  return names;
}

/** A page of trade talks' buyers and SME firms by id (live, like the rows). */
function useTalkParties(rows: readonly TradeTalk[]): {
  buyers: Map<string, BuyerCompany>;
  firms: Map<string, SmeFirm>;
} {
  const db = useDatabase();
  const [parties, setParties] = useState(() => ({
    buyers: new Map<string, BuyerCompany>(),
    firms: new Map<string, SmeFirm>(),
  }));
  const buyerIds = [...new Set(rows.map((r) => r.buyerId))];
  const firmIds = [...new Set(rows.map((r) => r.smeFirmId))];
  const key = [...buyerIds, '|', ...firmIds].join(',');
  useEffect(() => {
    const subscription = liveQuery(() =>
      Promise.all([
        db.table<BuyerCompany, string>('buyers').bulkGet(buyerIds),
        db.table<SmeFirm, string>('smeFirms').bulkGet(firmIds),
      ]),
    ).subscribe({
      next: ([buyers, firms]) =>
        setParties({
          buyers: new Map(buyers.flatMap((b) => (b ? [[b.id, b] as const] : []))),
          firms: new Map(firms.flatMap((f) => (f ? [[f.id, f] as const] : []))),
        }),
      error: (error: unknown) => console.warn('[hq] could not read talk parties', error),
    });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, key]);
  return parties;
}

/** One page of an office's rows of a table, and how many there are. */
export function useOfficeRows<T extends { id: string }>(
  table: BrowseTable,
  officeId: string,
  page: number,
): { rows: T[]; total: number; loading: boolean } {
  const db = useDatabase();
  const [state, setState] = useState<{ key: string; rows: T[]; total: number } | null>(null);
  const key = `${table}|${officeId}|${page}`;
  useEffect(() => {
    const collection = () => db.table<T, string>(table).where('officeId').equals(officeId);
    // Live: what a sync pulls while the page is open shows without leaving it.
    const subscription = liveQuery(() =>
      Promise.all([
        collection().count(),
        collection()
          .offset((page - 1) * PAGE_SIZE)
          .limit(PAGE_SIZE)
          .toArray(),
      ]),
    ).subscribe({
      next: ([total, rows]) => setState({ key, rows, total }),
      error: (error: unknown) => {
        console.warn('[hq] could not read', table, error);
        setState({ key, rows: [], total: 0 });
      },
    });
    return () => subscription.unsubscribe();
  }, [db, table, officeId, page, key]);
  return {
    rows: state?.key === key ? state.rows : [],
    total: state?.total ?? 0,
    loading: state?.key !== key,
  };
}

export function OfficeDataScreen() {
  const { t } = useTranslation('hq');
  const { officeId = '' } = useParams();
  const { language } = useView();
  const offices = useHqQuery('admin/offices', (c) => c.offices());
  const name = officeName(officeId, language, offices.data?.offices, t('common.hq'));
  return (
    <HqScreen testId="screen-hq-office-data" title={name} subtitle={t('browse.subtitle')}>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[{ title: <Link to="/hq-offices">{t('offices.title')}</Link> }, { title: name }]}
      />
      <Alert type="info" showIcon title={t('browse.readOnly')} style={{ marginBottom: 16 }} />
      <Card>
        <Tabs
          items={BROWSE_TABLES.map((table) => ({
            key: table,
            label: t(`tables.${table}`),
            children: <OfficeTable table={table} officeId={officeId} />,
          }))}
        />
      </Card>
    </HqScreen>
  );
}

function money(a: TalkAmount | undefined, language: Language) {
  // As a code: a bare "¥" could be yen or yuan (HQ reads both offices' talks).
  return a
    ? formatMoney(a.amount.amountMinor, a.amount.currency, language, { currencyDisplay: 'code' })
    : '';
}

function OfficeTable({ table, officeId }: { table: BrowseTable; officeId: string }) {
  const { t } = useTranslation(['hq', 'crm', 'bookings']);
  const { language } = useView();
  // Times as the office lives them, in its zone, named above the table.
  const officeZone = findOffice(officeId).timeZone;
  const timed = table !== 'buyers' && table !== 'interpreters';
  const [page, setPage] = useState(1);
  const { rows, total, loading } = useOfficeRows<{ id: string }>(table, officeId, page);
  const names = useResourceNames(
    table === 'interpreterBookings' || table === 'vehicleTrips' ? (rows as BookingRow[]) : [],
    language,
  );
  const nameOf = (id: string | null | undefined) => (id ? (names.get(id) ?? '') : '');
  const parties = useTalkParties(table === 'tradeTalks' ? (rows as TradeTalk[]) : []);
  const regions = new Intl.DisplayNames([intlLocale(language)], { type: 'region' });
  const country = (code: string) => {
    try {
      return regions.of(code) ?? code;
    } catch {
      return code;
    }
  };
  const when = (iso: string, zone?: string) => {
    try {
      // A record kept in another zone than the office's says so by its offset.
      if (zone && zone !== officeZone) {
        return `${formatDateTime(iso, zone, language)} (${formatUtcOffset(zone, iso)})`;
      }
      return formatDateTime(iso, officeZone, language);
    } catch {
      return iso;
    }
  };
  const columns =
    table === 'buyers'
      ? [
          {
            key: 'n',
            title: t('browse.name'),
            className: WRAP_COLUMN,
            // In a script the reader reads first, the other form beside it.
            render: (_: unknown, b: BuyerCompany) => (
              <ReaderName
                native={b.nameNative}
                latin={b.nameLatin ?? ''}
                script={b.nameScript}
                language={language}
              />
            ),
          },
          {
            key: 'c',
            title: t('browse.country'),
            render: (_: unknown, b: BuyerCompany) => (b.country ? country(b.country) : ''),
          },
          {
            key: 'city',
            title: t('browse.city'),
            render: (_: unknown, b: BuyerCompany) => (
              <CityName city={b.city ?? ''} country={b.country ?? ''} language={language} />
            ),
          },
          {
            key: 's',
            title: t('browse.status'),
            render: (_: unknown, b: BuyerCompany) => (b.status ? t(`crm:status.${b.status}`) : ''),
          },
        ]
      : table === 'tradeTalks'
        ? [
            {
              key: 'w',
              title: t('browse.when'),
              render: (_: unknown, x: TradeTalk) => when(x.startsAt, x.timeZone),
            },
            {
              key: 'b',
              title: t('dashboard.buyer'),
              className: WRAP_COLUMN,
              render: (_: unknown, x: TradeTalk) => {
                const b = parties.buyers.get(x.buyerId);
                return b ? (
                  <ReaderName
                    native={b.nameNative}
                    latin={b.nameLatin ?? ''}
                    script={b.nameScript}
                    language={language}
                  />
                ) : null;
              },
            },
            {
              key: 'f',
              title: t('dashboard.sme'),
              className: WRAP_COLUMN,
              render: (_: unknown, x: TradeTalk) => {
                const f = parties.firms.get(x.smeFirmId);
                return f ? (
                  <SmeName nameKo={f.nameKo} nameEn={f.nameEn} language={language} />
                ) : null;
              },
            },
            {
              key: 's',
              title: t('browse.stage'),
              render: (_: unknown, x: TradeTalk) => (x.stage ? t(`crm:stage.${x.stage}`) : ''),
            },
            {
              key: 'n',
              title: t('figures.negotiated'),
              align: 'right' as const,
              render: (_: unknown, x: TradeTalk) => money(x.negotiated, language),
            },
            {
              key: 'c',
              title: t('figures.contracted'),
              align: 'right' as const,
              render: (_: unknown, x: TradeTalk) => money(x.contract, language),
            },
          ]
        : table === 'interpreters'
          ? [
              {
                key: 'n',
                title: t('browse.name'),
                className: WRAP_COLUMN,
                render: (_: unknown, x: Interpreter) => {
                  const name = displayName(x.name, language);
                  return (
                    <span>
                      <span lang={name.lang}>{name.primary}</span>
                      {name.secondary ? (
                        <span className="bh-hq-muted"> ({name.secondary})</span>
                      ) : null}
                    </span>
                  );
                },
              },
              {
                key: 'pairs',
                title: t('browse.languagePairs'),
                className: WRAP_COLUMN,
                render: (_: unknown, x: Interpreter) =>
                  x.languagePairs.map((p) => languagePairLabel(p, language)).join(', '),
              },
              {
                key: 'active',
                title: t('browse.status'),
                render: (_: unknown, x: Interpreter) =>
                  x.active === false ? t('browse.inactive') : t('browse.active'),
              },
            ]
          : [
              {
                key: 'who',
                className: WRAP_COLUMN,
                title: table === 'vehicleTrips' ? t('browse.vehicle') : t('browse.interpreter'),
                render: (_: unknown, x: BookingRow) =>
                  table === 'vehicleTrips'
                    ? [nameOf(x.vehicleId), nameOf(x.driverId)].filter(Boolean).join(' · ')
                    : nameOf(x.interpreterId),
              },
              {
                key: 'start',
                title: t('browse.start'),
                render: (_: unknown, x: BookingRow) => when(x.start, x.timeZone),
              },
              {
                key: 'end',
                title: t('browse.end'),
                render: (_: unknown, x: BookingRow) => when(x.end, x.timeZone),
              },
              {
                key: 'place',
                title: t('browse.place'),
                className: WRAP_COLUMN,
                render: (_: unknown, x: BookingRow) =>
                  table === 'vehicleTrips'
                    ? [x.pickUp?.address, x.dropOff?.address].filter(Boolean).join(' → ')
                    : (x.location ?? ''),
              },
              {
                key: 'purpose',
                title: t('browse.purpose'),
                className: WRAP_COLUMN,
                render: (_: unknown, x: BookingRow) =>
                  [x.purpose ? t(`bookings:purpose.${x.purpose}`) : '', x.requester?.label ?? '']
                    .filter(Boolean)
                    .join(' · '),
              },
              {
                key: 'status',
                title: t('browse.status'),
                render: (_: unknown, x: BookingRow) =>
                  x.status ? t(`bookings:status.${x.status}`) : '',
              },
            ];
  return (
    <>
      {timed ? <ZoneNote zone={officeZone} language={language} /> : null}
      <TableRegion label={t(`tables.${table}`)}>
        <Table
          rowKey="id"
          size="small"
          data-testid={`hq-browse-${table}`}
          loading={loading}
          dataSource={rows as never[]}
          columns={columns as never}
          locale={{ emptyText: t('browse.empty') }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
        />
      </TableRegion>
    </>
  );
}
