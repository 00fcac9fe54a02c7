/**
 * Two offices' trade talks as sync pushes (the same bodies an app laptop sends), plus HQ's
 * exchange-rate row for the month, with the totals they must produce:
 *   Tokyo:    contract ¥15,000,000, negotiated ¥30,000,000 (buyer in JP, processed food)
 *   Shanghai: contract CN¥500,000.00, negotiated CN¥1,000,000.00 (buyer in CN, auto parts)
 *   one SME firm helped by both offices (counts once); rates KRW 1400, JPY 140, CNY 7 per USD
 *   → contract KRW 150,000,000 + 100,000,000 = 250,000,000; USD 107,142.86 + 71,428.57.
 */
import { formatHlc } from '@shared/sync/hlc';

export const RATES = { KRW: '1400', JPY: '140', CNY: '7', VND: '25000' };
export const EXPECTED = {
  talksHeld: 2,
  buyersMet: 2,
  smeFirmsHelped: 1,
  contractKrw: 250_000_000,
  negotiatedKrw: 500_000_000,
  contractUsdCents: 10_714_286 + 7_142_857,
  tokyoContractKrw: 150_000_000,
  shanghaiContractKrw: 100_000_000,
};

/** `YYYY-MM` of an instant in a zone. */
export function monthOf(ms: number, timeZone: string): string {
  const p = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(new Date(ms));
  return `${p.find((x) => x.type === 'year')!.value}-${p.find((x) => x.type === 'month')!.value}`;
}

const amount = (currency: string, amountMinor: number) => ({
  amount: { amountMinor, currency },
  usd: { amountMinor: 0, currency: 'USD' },
  fx: { month: '2000-01', rateMonth: '2000-01', perUsd: '1', source: 'hq', tableVersion: 'x' },
});

type Fields = Record<string, [unknown, string]>;
const fields = (data: Record<string, unknown>, hlc: string): Fields =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [k, [v, hlc]]));

/**
 * How long ago the fixture talks took place: 35 days is always in the previous or the one
 * before that month, everywhere, so inside the dashboard's default period (the last three
 * full months).
 */
export const TALK_AGE_MS = 35 * 24 * 3600_000;

/** A talk TALK_AGE_MS before `now`. */
export function officePush(office: 'tokyo' | 'shanghai', now: number, node: string) {
  const hlc = formatHlc({ millis: now - 1000, counter: 0, node });
  const startsAt = new Date(now - TALK_AGE_MS).toISOString();
  const tokyo = office === 'tokyo';
  const buyerId = `buyer-${office}`;
  return {
    clientId: `client-${office}-e2e`,
    mutations: [
      {
        mid: 1,
        tbl: 'smeFirms',
        id: 'firm-gyeongnam-foods',
        fields: fields(
          { nameKo: '경남식품', nameEn: 'Gyeongnam Foods', industry: 'processed_food' },
          hlc,
        ),
      },
      {
        mid: 2,
        tbl: 'buyers',
        id: buyerId,
        officeId: office,
        fields: fields(
          {
            officeId: office,
            nameNative: tokyo ? '株式会社山田商事' : '上海浦东贸易有限公司',
            nameLatin: tokyo ? 'Yamada Shoji' : 'Shanghai Pudong Trading',
            nameScript: tokyo ? 'ja' : 'zh',
            country: tokyo ? 'JP' : 'CN',
            industries: [tokyo ? 'processed_food' : 'auto_parts'],
            status: 'active',
          },
          hlc,
        ),
      },
      {
        mid: 3,
        tbl: 'tradeTalks',
        id: `talk-${office}`,
        officeId: office,
        fields: fields(
          {
            officeId: office,
            startsAt,
            timeZone: tokyo ? 'Asia/Tokyo' : 'Asia/Shanghai',
            buyerId,
            smeFirmId: 'firm-gyeongnam-foods',
            stage: 'contract',
            negotiated: tokyo ? amount('JPY', 30_000_000) : amount('CNY', 100_000_000),
            contract: tokyo ? amount('JPY', 15_000_000) : amount('CNY', 50_000_000),
          },
          hlc,
        ),
      },
    ],
  };
}

/** HQ's rate rows for the months around `now` (pushed by an HQ device). */
export function ratesPush(now: number, node: string) {
  const hlc = formatHlc({ millis: now - 1000, counter: 0, node });
  const months = [
    ...new Set([
      monthOf(now - TALK_AGE_MS, 'Asia/Tokyo'),
      monthOf(now - TALK_AGE_MS, 'Asia/Shanghai'),
      monthOf(now, 'Asia/Seoul'),
    ]),
  ];
  return {
    clientId: 'client-hq-rates',
    mutations: months.map((month, i) => ({
      mid: i + 1,
      tbl: 'fxRates',
      id: month,
      fields: fields({ month, perUsd: RATES, note: 'test rates' }, hlc),
    })),
  };
}
