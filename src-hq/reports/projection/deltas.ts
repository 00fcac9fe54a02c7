/**
 * Signed deltas of the talk aggregates: a changed talk takes its old contribution out (-1)
 * and puts its new one in (+1); `flush` adds them to the counters in one sorted pass.
 */
import type { HqSchema, ReportTalksTable } from '../../db/schema';
import type { DB } from './common';
import { addToCounters } from './upsert';

type Count<K> = { k: K; n: number };

const sortedValues = <T>(m: Map<string, T>) =>
  [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);

function safe(n: bigint): number {
  const v = Number(n);
  if (!Number.isSafeInteger(v)) throw new Error(`report sum out of range: ${n}`);
  return v;
}

export class Deltas {
  cells = new Map<string, { k: [string, string, string, string]; talks: number; minor: bigint }>();
  buyerMonths = new Map<string, Count<[string, string, number]>>();
  provinceBuyers = new Map<string, Count<[string, number]>>();
  firmMonths = new Map<string, Count<[string, string, number]>>();
  provinceFirms = new Map<string, Count<[string, number]>>();
  provinceBuyerYears = new Map<string, Count<[string, number]>>();
  provinceFirmYears = new Map<string, Count<[string, number]>>();

  private cell(
    office: string,
    month: string,
    kind: string,
    currency: string,
    sign: number,
    minor: number,
  ) {
    const key = `${office}\u0000${month}\u0000${kind}\u0000${currency}`;
    const e = this.cells.get(key) ?? { k: [office, month, kind, currency], talks: 0, minor: 0n };
    e.talks += sign;
    e.minor += BigInt(sign) * BigInt(minor);
    this.cells.set(key, e);
  }

  private bump<K extends (string | number)[]>(map: Map<string, Count<K>>, k: K, sign: number) {
    const key = k.join('\u0000');
    const e = map.get(key) ?? { k, n: 0 };
    e.n += sign;
    map.set(key, e);
  }

  add(row: ReportTalksTable | null | undefined, sign: 1 | -1) {
    if (!row || Number(row.deleted) === 1) return;
    const { office_id: o, month: m } = row;
    this.cell(o, m, 'held', '', sign, 0);
    if (row.neg_currency !== null && row.neg_minor !== null)
      this.cell(o, m, 'neg', row.neg_currency, sign, Number(row.neg_minor));
    if (row.con_currency !== null && row.con_minor !== null)
      this.cell(o, m, 'con', row.con_currency, sign, Number(row.con_minor));
    if (row.exp_currency !== null && row.exp_minor !== null)
      this.cell(o, m, 'exp', row.exp_currency, sign, Number(row.exp_minor));
    const bk = Number(row.buyer_kid);
    const fk = Number(row.firm_kid);
    this.bump(this.buyerMonths, [o, m, bk], sign);
    this.bump(this.provinceBuyers, [m, bk], sign);
    this.bump(this.firmMonths, [o, m, fk], sign);
    this.bump(this.provinceFirms, [m, fk], sign);
    this.bump(this.provinceBuyerYears, [m.slice(0, 4), bk], sign);
    this.bump(this.provinceFirmYears, [m.slice(0, 4), fk], sign);
  }

  async flush(db: DB): Promise<void> {
    const cells: HqSchema['report_money_cells'][] = sortedValues(this.cells)
      .filter((c) => c.talks !== 0 || c.minor !== 0n)
      .map((c) => ({
        office_id: c.k[0],
        month: c.k[1],
        kind: c.k[2],
        currency: c.k[3],
        talks: c.talks,
        minor: safe(c.minor),
      }));
    await addToCounters(
      db,
      'report_money_cells',
      cells,
      ['office_id', 'month', 'kind', 'currency'],
      ['talks', 'minor'],
    );

    const changed = <K>(m: Map<string, Count<K>>) => sortedValues(m).filter((r) => r.n !== 0);
    await addToCounters(
      db,
      'report_buyer_months',
      changed(this.buyerMonths).map((r) => ({
        office_id: r.k[0],
        month: r.k[1],
        buyer_kid: r.k[2],
        talks: r.n,
      })),
      ['office_id', 'month', 'buyer_kid'],
      ['talks'],
    );
    await addToCounters(
      db,
      'report_firm_months',
      changed(this.firmMonths).map((r) => ({
        office_id: r.k[0],
        month: r.k[1],
        firm_kid: r.k[2],
        talks: r.n,
      })),
      ['office_id', 'month', 'firm_kid'],
      ['talks'],
    );
    const months = (m: Map<string, Count<[string, number]>>) =>
      changed(m).map((r) => ({ month: r.k[0], kid: r.k[1], talks: r.n }));
    const years = (m: Map<string, Count<[string, number]>>) =>
      changed(m).map((r) => ({ year: r.k[0], kid: r.k[1], talks: r.n }));
    await addToCounters(
      db,
      'report_province_buyer_months',
      months(this.provinceBuyers).map(({ kid, ...r }) => ({ ...r, buyer_kid: kid })),
      ['month', 'buyer_kid'],
      ['talks'],
    );
    await addToCounters(
      db,
      'report_province_firm_months',
      months(this.provinceFirms).map(({ kid, ...r }) => ({ ...r, firm_kid: kid })),
      ['month', 'firm_kid'],
      ['talks'],
    );
    await addToCounters(
      db,
      'report_province_buyer_years',
      years(this.provinceBuyerYears).map(({ kid, ...r }) => ({ ...r, buyer_kid: kid })),
      ['year', 'buyer_kid'],
      ['talks'],
    );
    await addToCounters(
      db,
      'report_province_firm_years',
      years(this.provinceFirmYears).map(({ kid, ...r }) => ({ ...r, firm_kid: kid })),
      ['year', 'firm_kid'],
      ['talks'],
    );
  }
}
