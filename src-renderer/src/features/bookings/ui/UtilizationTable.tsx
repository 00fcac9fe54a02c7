import { Progress, Segmented, Table } from 'antd';
import { DateTime } from 'luxon';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  computeUtilization,
  resourceKey,
  type Granularity,
  type ResourceRef,
} from '@shared/bookings';
import { formatNumber } from '@shared/format';
import type { Language } from '@shared/i18n/languages';
import { resourceName } from '../model/describe';
import { dateRangeLabel, monthLabel } from '../model/labels';
import type { BookingsContext } from '../model/use-bookings';

/** Booked vs working hours (Mon–Fri 09:00–18:00) per resource, this and the next periods. */
export function UtilizationTable({
  ctx,
  resources,
  date,
  language,
}: {
  ctx: BookingsContext;
  resources: readonly ResourceRef[];
  date: string;
  language: Language;
}) {
  const { t } = useTranslation('bookings');
  const [granularity, setGranularity] = useState<Granularity>('week');
  const { data, officeZone } = ctx;
  const rows = useMemo(() => {
    const start = DateTime.fromISO(date, { zone: officeZone }).startOf(granularity);
    const end = start.plus(granularity === 'week' ? { weeks: 4 } : { months: 3 });
    return computeUtilization(data.bookings, {
      zone: officeZone,
      granularity,
      from: start.toFormat('yyyy-MM-dd'),
      to: end.toFormat('yyyy-MM-dd'),
      resources,
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data.version, date, officeZone, granularity, resources]);
  // Column titles as dates people read ("December 7 – 13, 2026"), never "2026-W50".
  const periods = [...new Map(rows.map((r) => [r.period, r])).values()].map((r) => ({
    key: r.period,
    title:
      granularity === 'week'
        ? dateRangeLabel(Date.parse(r.periodStart), Date.parse(r.periodEnd), officeZone, language)
        : monthLabel(Date.parse(r.periodStart), officeZone, language),
  }));
  const table = resources.map((ref) => {
    const mine = rows.filter((r) => resourceKey(r.resource) === resourceKey(ref));
    return {
      key: resourceKey(ref),
      name: resourceName(data, ref, language),
      kind: t(`resources.title.${ref.kind}`),
      cells: Object.fromEntries(mine.map((r) => [r.period, r])),
    };
  });
  return (
    <div data-testid="utilization">
      <Segmented
        className="bk-segmented"
        value={granularity}
        onChange={(v) => setGranularity(v as Granularity)}
        options={[
          { value: 'week', label: t('utilization.week') },
          { value: 'month', label: t('utilization.month') },
        ]}
      />
      <p className="bk-muted">{t('utilization.note')}</p>
      <Table
        size="small"
        pagination={false}
        dataSource={table}
        scroll={{ x: true }}
        columns={[
          {
            title: t('utilization.resource'),
            key: 'name',
            fixed: 'left',
            render: (_: unknown, row: (typeof table)[number]) => (
              <span>
                <span className="bk-muted">{row.kind}</span> {row.name}
              </span>
            ),
          },
          ...periods.map((p) => ({
            title: <span data-testid="utilization-period">{p.title}</span>,
            key: p.key,
            render: (_: unknown, row: (typeof table)[number]) => {
              const cell = row.cells[p.key];
              if (!cell) return null;
              const pct = cell.ratio === null ? 0 : Math.round(cell.ratio * 100);
              return (
                <div className="bk-util-cell">
                  <Progress percent={Math.min(100, pct)} size="small" showInfo={false} />
                  <span>
                    {t('utilization.cell', {
                      booked: formatNumber(Math.round(cell.bookedHours * 10) / 10, language),
                      available: formatNumber(cell.availableHours, language),
                      percent: pct,
                    })}
                  </span>
                </div>
              );
            },
          })),
        ]}
      />
    </div>
  );
}
