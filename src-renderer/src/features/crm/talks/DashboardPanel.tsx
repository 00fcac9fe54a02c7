import { Card, Col, Row, Segmented, Select, Space, Statistic, Table } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { officeDashboard, type DashboardOptions } from '@shared/crm/dashboard';
import type { BuyerCompany, TradeTalk } from '@shared/crm/schemas';
import { formatCompactMoney, formatMoney, formatNumber, intlLocale } from '@shared/format';
import type { FxRateTable, Money } from '@shared/money';
import { useOfficeContext } from '../common/use-labels';
import type { CrmIndex } from '../data/crm-index';

type CurrencyView = DashboardOptions['currencyView'];

/** HQ's headline figures for the office: buyers met, talks, amounts, firms helped. */
export function DashboardPanel({
  talks,
  index,
  fxTables,
  years,
}: {
  talks: readonly TradeTalk[];
  index: CrmIndex;
  fxTables: readonly FxRateTable[];
  years: number[];
}) {
  const { t } = useTranslation('crm');
  const { office, language } = useOfficeContext();
  const [year, setYear] = useState(years[0] ?? new Date().getFullYear());
  const [month, setMonth] = useState<number | undefined>(undefined);
  const [view, setView] = useState<CurrencyView>('usd');

  const dashboard = useMemo(() => {
    // The aggregation reads only id and country of a buyer.
    const buyers = [...index.rows.values()].map(
      (r) => ({ id: r.id, country: r.country }) as BuyerCompany,
    );
    try {
      return officeDashboard(talks, buyers, {
        year,
        month,
        currencyView: view,
        officeCurrency: office.currency,
        fxTables,
        officeId: office.kind === 'hq' ? undefined : office.id,
      });
    } catch {
      return null;
    }
  }, [talks, index, year, month, view, office, fxTables]);

  const money = (m: Money) =>
    formatMoney(m.amountMinor, m.currency, language, { currencyDisplay: 'code' });
  // Headline cards round (USD 87M, USD 8700만); the table below keeps every unit.
  const compactMoney = (m: Money) => formatCompactMoney(m.amountMinor, m.currency, language);
  const monthName = (ym: string) =>
    new Intl.DateTimeFormat(intlLocale(language), { month: 'long', timeZone: 'UTC' }).format(
      new Date(`${ym}-15T00:00:00Z`),
    );

  const stats: [string, string][] = dashboard
    ? [
        ['buyersMet', formatNumber(dashboard.total.buyersMet, language)],
        ['talks', formatNumber(dashboard.total.talks, language)],
        ['firmsHelped', formatNumber(dashboard.total.firmsHelped, language)],
        ['negotiated', compactMoney(dashboard.total.negotiated)],
        ['contracted', compactMoney(dashboard.total.contracted)],
        ['exported', compactMoney(dashboard.total.exported)],
      ]
    : [];

  return (
    <div data-testid="talk-dashboard">
      <Space wrap className="bh-crm-toolbar">
        <Select<number>
          aria-label={t('dashboard.year')}
          value={year}
          onChange={setYear}
          options={years.map((y) => ({ value: y, label: String(y) }))}
        />
        <Select<number | 0>
          aria-label={t('dashboard.month')}
          value={month ?? 0}
          onChange={(m) => setMonth(m || undefined)}
          options={[
            { value: 0, label: t('dashboard.wholeYear') },
            ...Array.from({ length: 12 }, (_, i) => ({
              value: i + 1,
              label: monthName(`${year}-${String(i + 1).padStart(2, '0')}`),
            })),
          ]}
          popupMatchSelectWidth={false}
        />
        <Segmented<CurrencyView>
          aria-label={t('dashboard.currency')}
          value={view}
          onChange={setView}
          options={[
            { value: 'usd', label: 'USD' },
            ...(office.currency !== 'USD' && office.currency !== 'KRW'
              ? [{ value: 'office' as const, label: office.currency }]
              : []),
            { value: 'KRW', label: 'KRW' },
          ]}
        />
      </Space>
      {!dashboard ? (
        <p>{t('dashboard.noRates')}</p>
      ) : (
        <>
          <Row gutter={[12, 12]} className="bh-crm-stats">
            {stats.map(([key, value]) => (
              <Col xs={12} md={8} xl={4} key={key}>
                <Card size="small" className="bh-card">
                  <Statistic
                    title={t(`dashboard.${key}`)}
                    value={value}
                    data-testid={`stat-${key}`}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          <Table
            size="small"
            pagination={false}
            rowKey="month"
            dataSource={dashboard.byMonth}
            columns={[
              { key: 'month', title: t('dashboard.month'), render: (_, r) => monthName(r.month) },
              {
                key: 'buyersMet',
                title: t('dashboard.buyersMet'),
                align: 'end',
                render: (_, r) => formatNumber(r.buyersMet, language),
              },
              {
                key: 'talks',
                title: t('dashboard.talks'),
                align: 'end',
                render: (_, r) => formatNumber(r.talks, language),
              },
              {
                key: 'firmsHelped',
                title: t('dashboard.firmsHelped'),
                align: 'end',
                render: (_, r) => formatNumber(r.firmsHelped, language),
              },
              {
                key: 'negotiated',
                title: t('dashboard.negotiated'),
                align: 'end',
                render: (_, r) => money(r.negotiated),
              },
              {
                key: 'contracted',
                title: t('dashboard.contracted'),
                align: 'end',
                render: (_, r) => money(r.contracted),
              },
              {
                key: 'exported',
                title: t('dashboard.exported'),
                align: 'end',
                render: (_, r) => money(r.exported),
              },
            ]}
          />
          {dashboard.ratesUsed.length ? (
            <p className="bh-card-help">
              {t('dashboard.rates', {
                rates: dashboard.ratesUsed
                  .slice(0, 6)
                  .map((r) => `${r.rateMonth} ${r.currency} ${r.perUsd}`)
                  .join(', '),
              })}
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
