import { PrinterOutlined } from '@ant-design/icons';
import { App, Button, Drawer } from 'antd';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '@shared/format';
import {
  REPORT_PATHS,
  headlineResponseSchema,
  type MissionReportRow,
  type OfficeMonthRow,
} from '@shared/reports/api';
import { getBridge } from '../../../platform/bridge';
import { useHqQuery } from '../api/use-hq';
import { TableRegion } from './TableRegion';
import { QueryState, problemKey, useView } from '../common';
import { viewMoney } from './columns';
import { comparisonLabel } from './comparison-label';
import { visitLabel } from './mission-report';
import {
  COUNT_FIGURES,
  MONEY_FIGURES,
  changeText,
  figureValue,
  formatMonthCell,
  inCurrency,
  type DashboardQuery,
} from './report-model';

/** A printable page for one office: its figures for the period, by month, and its trade missions. */
export function OnePager({
  officeId,
  query,
  rows,
  missions,
  nameOf,
  onClose,
}: {
  officeId: string;
  query: DashboardQuery;
  rows: OfficeMonthRow[];
  /** The office's trade missions whose visit overlaps the period (issue 13). */
  missions: MissionReportRow[];
  nameOf: (id: string) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation('hq');
  const { language, timeZone } = useView();
  const { message } = App.useApp();
  const q = { ...query, currency: 'KRW' as const, officeIds: [officeId] };
  const headline = useHqQuery(`report/headline/${JSON.stringify(q)}`, (c) =>
    c.post(REPORT_PATHS.headline, headlineResponseSchema, q),
  );
  const money = (m: number) => viewMoney(m, query.currency, language);
  const h = headline.data;

  const print = async () => {
    document.body.classList.add('bh-printing-onepager');
    try {
      const bridge = getBridge() as
        | {
            printToPdf?: (o: {
              pageSize: 'A4';
              fileName: string;
              dialogTitle: string;
            }) => Promise<boolean>;
          }
        | undefined;
      if (bridge?.printToPdf) {
        await bridge.printToPdf({
          pageSize: 'A4',
          fileName: `${officeId}-${query.from}-${query.to}.pdf`,
          dialogTitle: t('dashboard.onePagerFor', { office: nameOf(officeId) }),
        });
      } else {
        window.print();
      }
    } catch (error) {
      void message.error(t(problemKey(error)));
    } finally {
      document.body.classList.remove('bh-printing-onepager');
    }
  };

  const content = (
    <>
      <h2>{nameOf(officeId)}</h2>
      <p>{h ? comparisonLabel(h, h.generatedAt, timeZone, language, t) : null}</p>
      {h && (
        <>
          <table className="bh-hq-print-table">
            <thead>
              <tr>
                <th>{t('export.figure')}</th>
                <th>{t('dashboard.thisPeriod')}</th>
                <th>{t('dashboard.previousPeriod')}</th>
                <th>{t('export.change')}</th>
              </tr>
            </thead>
            <tbody>
              {[...COUNT_FIGURES, ...MONEY_FIGURES].map((key) => {
                const cur = figureValue(h.current, key, query.currency);
                const prev = figureValue(h.previous, key, query.currency);
                const isMoney = (MONEY_FIGURES as readonly string[]).includes(key);
                return (
                  <tr key={key}>
                    <th scope="row">{t(`figures.${key}`)}</th>
                    <td>{isMoney ? money(cur) : formatNumber(cur, language)}</td>
                    <td>{isMoney ? money(prev) : formatNumber(prev, language)}</td>
                    <td>{changeText(cur, prev, language, t('dashboard.changeNew'))}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <h3>{t('dashboard.perMonth')}</h3>
          <table className="bh-hq-print-table">
            <thead>
              <tr>
                <th>{t('export.month')}</th>
                <th>{t('figures.talksHeld')}</th>
                <th>{t('figures.negotiated')}</th>
                <th>{t('figures.contracted')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.month}>
                  <td>{formatMonthCell(r.month, language)}</td>
                  <td>{formatNumber(r.talksHeld, language)}</td>
                  <td>{money(inCurrency(r.negotiated, query.currency))}</td>
                  <td>{money(inCurrency(r.contracted, query.currency))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('missionReport.title')}</h3>
          {missions.length === 0 ? (
            <p data-testid="hq-onepager-missions">{t('missionReport.empty')}</p>
          ) : (
            <table className="bh-hq-print-table" data-testid="hq-onepager-missions">
              <thead>
                <tr>
                  <th>{t('missionReport.name')}</th>
                  <th>{t('missionReport.visit')}</th>
                  <th>{t('missionReport.meetings')}</th>
                  <th>{t('figures.buyersMet')}</th>
                  <th>{t('figures.negotiated')}</th>
                  <th>{t('figures.contracted')}</th>
                </tr>
              </thead>
              <tbody>
                {missions.map((m) => (
                  <tr key={m.missionId}>
                    <td>{m.name}</td>
                    <td>{visitLabel(m.arrival, m.departure, language)}</td>
                    <td>
                      {t('missionReport.meetingsOf', {
                        held: formatNumber(m.meetingsHeld, language),
                        planned: formatNumber(m.meetingsPlanned, language),
                      })}
                    </td>
                    <td>{formatNumber(m.buyersMet, language)}</td>
                    <td>{money(inCurrency(m.negotiated, query.currency))}</td>
                    <td>{money(inCurrency(m.contracted, query.currency))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="bh-hq-muted">
            {t('dashboard.onePagerFooter', {
              synced:
                h.freshness[0]?.lastPushAt != null
                  ? formatDateTime(h.freshness[0].lastPushAt, timeZone, language)
                  : t('dashboard.neverSynced'),
              generated: formatDateTime(h.generatedAt, timeZone, language),
              rates: h.ratesUsed.length,
            })}
          </p>
        </>
      )}
      <QueryState query={headline} />
    </>
  );

  return (
    <Drawer
      open
      size="large"
      title={t('dashboard.onePagerFor', { office: nameOf(officeId) })}
      onClose={onClose}
      extra={
        <Button
          type="primary"
          icon={<PrinterOutlined aria-hidden />}
          onClick={() => void print()}
          disabled={!h}
          data-testid="hq-onepager-print"
        >
          {t('dashboard.print')}
        </Button>
      }
    >
      {/* The drawer's body scrolls and the page has no other stop for the keyboard (axe). */}
      <TableRegion label={t('dashboard.onePagerFor', { office: nameOf(officeId) })}>
        <article className="bh-hq-onepager" data-testid="hq-onepager">
          {content}
        </article>
      </TableRegion>
      {/* The printed copy lives directly in <body>, so print CSS can hide everything else. */}
      {createPortal(
        <article className="bh-hq-onepager bh-hq-print-portal">{content}</article>,
        document.body,
      )}
    </Drawer>
  );
}
