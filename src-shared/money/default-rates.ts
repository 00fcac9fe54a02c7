import type { FxRateTable } from './fx';

/**
 * BUILT-IN DEFAULT rates (units per 1 USD, approximate monthly averages) so
 * that amounts convert offline before HQ has published its own table. They
 * are NOT authoritative: 2023-01..2025-12 approximate market averages, 2026
 * is a flat placeholder. Reports show `source: 'builtin-default'` when these
 * were used. HQ's table (source 'hq') always takes precedence.
 */
const YEARLY: Record<'KRW' | 'JPY' | 'CNY' | 'VND', Record<number, readonly string[]>> = {
  KRW: {
    2023: [
      '1240',
      '1270',
      '1305',
      '1320',
      '1330',
      '1295',
      '1285',
      '1320',
      '1330',
      '1350',
      '1310',
      '1300',
    ],
    2024: [
      '1325',
      '1330',
      '1330',
      '1365',
      '1365',
      '1380',
      '1385',
      '1355',
      '1335',
      '1360',
      '1395',
      '1435',
    ],
    2025: [
      '1455',
      '1445',
      '1455',
      '1445',
      '1395',
      '1365',
      '1375',
      '1390',
      '1395',
      '1420',
      '1460',
      '1470',
    ],
    2026: Array(12).fill('1450'),
  },
  JPY: {
    2023: ['130', '133', '133', '133', '137', '141', '141', '145', '148', '150', '150', '144'],
    2024: ['146', '150', '150', '154', '156', '157', '158', '146', '143', '150', '154', '153'],
    2025: ['156', '152', '149', '144', '144', '144', '147', '147', '148', '151', '155', '156'],
    2026: Array(12).fill('155'),
  },
  CNY: {
    2023: [
      '6.78',
      '6.85',
      '6.9',
      '6.89',
      '7',
      '7.18',
      '7.19',
      '7.25',
      '7.3',
      '7.31',
      '7.17',
      '7.12',
    ],
    2024: [
      '7.17',
      '7.19',
      '7.2',
      '7.24',
      '7.24',
      '7.26',
      '7.25',
      '7.15',
      '7.05',
      '7.1',
      '7.22',
      '7.3',
    ],
    2025: [
      '7.3',
      '7.28',
      '7.25',
      '7.3',
      '7.22',
      '7.17',
      '7.17',
      '7.15',
      '7.12',
      '7.12',
      '7.1',
      '7.08',
    ],
    2026: Array(12).fill('7.1'),
  },
  VND: {
    2023: [
      '23450',
      '23650',
      '23550',
      '23470',
      '23480',
      '23550',
      '23650',
      '23900',
      '24200',
      '24400',
      '24300',
      '24250',
    ],
    2024: [
      '24500',
      '24600',
      '24700',
      '25200',
      '25400',
      '25450',
      '25300',
      '25000',
      '24700',
      '25100',
      '25300',
      '25400',
    ],
    2025: [
      '25300',
      '25500',
      '25550',
      '25900',
      '25950',
      '26100',
      '26150',
      '26250',
      '26350',
      '26300',
      '26300',
      '26300',
    ],
    2026: Array(12).fill('26300'),
  },
};

function build(): FxRateTable['months'] {
  const months: FxRateTable['months'] = {};
  for (let year = 2023; year <= 2026; year++) {
    for (let i = 0; i < 12; i++) {
      const key = `${year}-${String(i + 1).padStart(2, '0')}`;
      months[key] = {
        KRW: YEARLY.KRW[year]![i]!,
        JPY: YEARLY.JPY[year]![i]!,
        CNY: YEARLY.CNY[year]![i]!,
        VND: YEARLY.VND[year]![i]!,
      };
    }
  }
  return months;
}

export const DEFAULT_FX_RATES: FxRateTable = Object.freeze({
  source: 'builtin-default',
  version: 'builtin-2026.1',
  months: build(),
});
