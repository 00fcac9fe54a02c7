/**
 * Column factories of the dashboard's tables: the same column (a figure's count, an amount
 * in the view currency, the office, the month) is built once here instead of in every table.
 */
import type { TableColumnType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatMoney, formatNumber } from '@shared/format';
import type { Language } from '@shared/i18n/languages';
import type { MoneyFigure, ReportViewCurrency } from '@shared/reports/api';
import { useView } from '../common';
import {
  formatMonthCell,
  inCurrency,
  type CountFigureKey,
  type MoneyFigureKey,
} from './report-model';

/** A money amount in the view currency. */
export function viewMoney(minor: number, currency: ReportViewCurrency, language: Language) {
  return formatMoney(minor, currency, language);
}

/** The column builders, in the user's language; titles are the figures' names. */
export function useReportColumns() {
  const { t } = useTranslation('hq');
  const { language } = useView();

  /** A right-aligned whole number (talks, buyers, firms…). */
  const count = <T,>(
    key: string,
    figure: CountFigureKey,
    value: (row: T) => number,
  ): TableColumnType<T> => ({
    key,
    title: t(`figures.${figure}`),
    align: 'right',
    render: (_, row) => formatNumber(value(row), language),
  });

  /** A right-aligned amount; `value` in minor units of `currency`. */
  const money = <T,>(
    key: string,
    figure: MoneyFigureKey,
    value: (row: T) => number,
    currency: ReportViewCurrency,
  ): TableColumnType<T> => ({
    key,
    title: t(`figures.${figure}`),
    align: 'right',
    render: (_, row) => viewMoney(value(row), currency, language),
  });

  /** A money figure of the report (USD and KRW) shown in `currency`. */
  const amount = <T,>(
    key: string,
    figure: MoneyFigureKey,
    value: (row: T) => MoneyFigure,
    currency: ReportViewCurrency,
  ): TableColumnType<T> =>
    money(key, figure, (row: T) => inCurrency(value(row), currency), currency);

  /** The office's name. */
  const office = <T extends { officeId: string }>(
    nameOf: (id: string) => string,
  ): TableColumnType<T> => ({
    key: 'o',
    title: t('export.office'),
    render: (_, row) => nameOf(row.officeId),
  });

  /** The month in words ("December 2026"), never its `YYYY-MM` key. */
  const month = <T extends { month: string }>(): TableColumnType<T> => ({
    key: 'm',
    title: t('export.month'),
    render: (_, row) => formatMonthCell(row.month, language),
  });

  return { count, money, amount, office, month };
}
