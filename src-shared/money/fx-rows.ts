import { z } from 'zod';
import { CURRENCY_CODES } from './currency';
import { monthSchema, perUsdSchema, type FxRateTable } from './fx';

/** The synced table of HQ's monthly rates (one row per month). */
export const FX_TABLE = 'fxRates';

/** Currencies HQ rates are kept for (units per 1 USD; USD itself is 1). */
export const FX_RATE_CURRENCIES = CURRENCY_CODES.filter(
  (c): c is Exclude<(typeof CURRENCY_CODES)[number], 'USD'> => c !== 'USD',
);

export const fxPerUsdSchema = z.partialRecord(z.enum(FX_RATE_CURRENCIES), perUsdSchema);

/**
 * One row of the synced `fxRates` table (shared, written by HQ devices only; HQ keeps
 * every accepted change in its fx_rate_history). ONE ROW PER MONTH: the id IS the month.
 *   { id: '2025-03', month: '2025-03', perUsd: { KRW: '1455', JPY: '149', CNY: '7.25', VND: '25550' } }
 */
export const fxMonthRowSchema = z
  .object({
    id: monthSchema,
    month: monthSchema,
    perUsd: fxPerUsdSchema,
    note: z.string().max(1000).optional(),
  })
  .refine((r) => r.id === r.month, { message: 'fx.bad_month', path: ['id'] });
export type FxMonthRow = z.infer<typeof fxMonthRowSchema>;

/** FNV-1a 32-bit, hex: a short deterministic fingerprint (not a security hash). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Merges month rows into HQ's FxRateTable (source 'hq'). Invalid rows (and rows whose
 * perUsd is empty) are ignored. `version` is deterministic: the latest month plus a
 * fingerprint of the content, so every device and HQ name the same table the same way.
 * Returns null when there is no valid row.
 */
export function fxTableFromRows(rows: Iterable<unknown>): FxRateTable | null {
  const months: FxRateTable['months'] = {};
  for (const raw of rows) {
    const parsed = fxMonthRowSchema.safeParse(raw);
    if (!parsed.success) continue;
    const rates = Object.fromEntries(
      Object.entries(parsed.data.perUsd).filter(([, v]) => v !== undefined && Number(v) > 0),
    );
    if (Object.keys(rates).length === 0) continue;
    months[parsed.data.month] = rates;
  }
  const keys = Object.keys(months).sort();
  if (keys.length === 0) return null;
  const canonical = JSON.stringify(
    keys.map((k) => [k, Object.entries(months[k]!).sort(([a], [b]) => (a < b ? -1 : 1))]),
  );
  return {
    source: 'hq',
    version: `hq-${keys[keys.length - 1]}-${fnv1a(canonical)}`,
    months: Object.fromEntries(keys.map((k) => [k, months[k]!])),
  };
}
