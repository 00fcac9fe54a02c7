import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '@shared/format';
import type { DrillFigure, HeadlineResponse, ReportViewCurrency } from '@shared/reports/api';
import { useView } from '../common';
import { viewMoney } from './columns';
import {
  COUNT_FIGURES,
  MONEY_FIGURES,
  change,
  changeText,
  figureValue,
  percent,
  type CountFigureKey,
  type MoneyFigureKey,
} from './report-model';

/** Headline figure → the drill-down that lists the talks behind it (null: none). */
const DRILL_OF: Record<MoneyFigureKey | CountFigureKey, DrillFigure | null> = {
  buyersMet: 'buyersMet',
  talksHeld: 'talksHeld',
  smeFirmsHelped: 'smeFirmsHelped',
  delegationsServed: null,
  negotiated: 'negotiated',
  contracted: 'contracted',
  actualExports: 'actualExports',
};

const HOURS_FIGURES = ['interpreterHours', 'vehicleHours'] as const;

/**
 * The headline figures of the period with their change against the previous period; a
 * figure with talks behind it is a button that opens them. The button's accessible name is
 * its visible text (axe label-content-name-mismatch); what it does is its description.
 */
export function FigureCards({
  headline: h,
  currency,
  onDrill,
}: {
  headline: HeadlineResponse;
  currency: ReportViewCurrency;
  onDrill: (drill: { figure: DrillFigure; title: string }) => void;
}) {
  const { t } = useTranslation('hq');
  const { language } = useView();
  const money = (minor: number) => viewMoney(minor, currency, language);
  return (
    <Row gutter={[12, 12]} data-testid="hq-figures">
      <span id="hq-drill-hint" className="bh-hq-sr-only">
        {t('dashboard.drillHint')}
      </span>
      {[...COUNT_FIGURES, ...MONEY_FIGURES].map((key) => {
        const cur = figureValue(h.current, key, currency);
        const prev = figureValue(h.previous, key, currency);
        const isMoney = (MONEY_FIGURES as readonly string[]).includes(key);
        const ratio = change(cur, prev);
        const drillFigure = DRILL_OF[key];
        const value = isMoney ? money(cur) : formatNumber(cur, language);
        const body = (
          <Card
            size="small"
            className={`bh-hq-figure${drillFigure ? ' bh-hq-figure-drill' : ''}`}
            data-testid={`hq-figure-${key}`}
          >
            <Statistic title={t(`figures.${key}`)} value={value} />
            <div className="bh-hq-delta">
              {/* No "–" (it read as a minus sign): "New" from nothing, nothing from 0 to 0. */}
              {(cur !== 0 || prev !== 0) && (
                <>
                  <span
                    className={ratio === null ? 'bh-hq-up' : ratio >= 0 ? 'bh-hq-up' : 'bh-hq-down'}
                  >
                    {changeText(cur, prev, language, t('dashboard.changeNew'))}
                  </span>{' '}
                </>
              )}
              <span className="bh-hq-muted">
                {t('dashboard.previousValue', {
                  value: isMoney ? money(prev) : formatNumber(prev, language),
                })}
              </span>
            </div>
          </Card>
        );
        return (
          <Col key={key} xs={24} sm={12} lg={8} xxl={6}>
            {drillFigure ? (
              <button
                type="button"
                className="bh-hq-figure-button"
                onClick={() => onDrill({ figure: drillFigure, title: t(`figures.${key}`) })}
                aria-describedby="hq-drill-hint"
              >
                {body}
              </button>
            ) : (
              body
            )}
          </Col>
        );
      })}
      {HOURS_FIGURES.map((key) => (
        <Col key={key} xs={24} sm={12} lg={8} xxl={6}>
          <Card size="small" className="bh-hq-figure" data-testid={`hq-figure-${key}`}>
            <Statistic
              title={t(`figures.${key}`)}
              value={percent(h.current[key].utilization, language).replace(/^\+/, '')}
            />
            <div className="bh-hq-muted">
              {t('dashboard.hoursOf', {
                booked: formatNumber(Math.round(h.current[key].bookedHours), language),
                available: formatNumber(Math.round(h.current[key].availableHours), language),
              })}
            </div>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
