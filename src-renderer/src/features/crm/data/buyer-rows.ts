import type { BuyerStatus, IndustryCode, NameScript } from '@shared/crm/codes';
import type { SortKey as NameSortKey } from '@shared/crm/collation';
import type { BuyerCompany } from '@shared/crm/schemas';
import { nameKeyOf, type SortKey } from './buyer-order';

/** What the buyer list needs of a buyer (no contacts, no notes): small enough for 100,000. */
export interface BuyerRow {
  id: string;
  officeId: string;
  nameNative: string;
  nameLatin: string;
  reading: string;
  nameScript: NameScript;
  country: string;
  city: string;
  status: BuyerStatus;
  industries: IndustryCode[];
  tags: string[];
  contactCount: number;
  /** Start of the latest trade talk, or null when never met. */
  lastTalkAt: string | null;
  /** The name order's key (buyer-order.ts): reading, surname, legal form resolved once. */
  nameKey: NameSortKey;
}

export const LAST_CONTACT_FILTERS = ['d30', 'd90', 'y1', 'older', 'never'] as const;
export type LastContactFilter = (typeof LAST_CONTACT_FILTERS)[number];

export interface BuyerFilters {
  status?: BuyerStatus;
  industry?: IndustryCode;
  country?: string;
  tag?: string;
  lastContact?: LastContactFilter;
}

export interface BuyerQuery {
  text: string;
  filters: BuyerFilters;
  sort: SortKey;
  /** UI language: picks the collator. */
  collation: string;
  now?: number;
}

export interface BuyerQueryResult {
  ids: string[];
  /**
   * Rows the list has: `ids.length`, or more while the list opens from its saved
   * head (the first rows of the name order) before every buyer is loaded and sorted:
   * rows past `ids` are not known yet (the list draws placeholders).
   */
  count: number;
  /** True when the ids come from the search ranking (not the sort). */
  ranked: boolean;
  truncated: boolean;
  /** True while the requested order is still being computed. */
  pending: boolean;
  /**
   * Search only: the answer covers just the buyers the search index has loaded so
   * far (the app was just opened); the list says so. Absent otherwise.
   */
  partial?: boolean;
}

export type IndexPhase = 'loading' | 'ready';

const DAY = 86_400_000;

export function toRow(
  buyer: BuyerCompany,
  contactCount: number,
  lastTalkAt: string | null,
): BuyerRow {
  return {
    id: buyer.id,
    officeId: buyer.officeId,
    nameNative: buyer.nameNative,
    nameLatin: buyer.nameLatin ?? '',
    reading: buyer.reading ?? '',
    nameScript: buyer.nameScript,
    country: buyer.country,
    city: buyer.city ?? '',
    status: buyer.status ?? 'prospect',
    industries: buyer.industries ?? [],
    tags: buyer.tags ?? [],
    contactCount,
    lastTalkAt,
    nameKey: nameKeyOf(buyer),
  };
}

/** The filter of the buyer list as a row predicate (`now` anchors the last-contact periods). */
export function rowMatcher(filters: BuyerFilters, now: number): (row: BuyerRow) => boolean {
  const { status, industry, country, tag, lastContact } = filters;
  const cut = (days: number) => new Date(now - days * DAY).toISOString();
  const since =
    lastContact === 'd30'
      ? cut(30)
      : lastContact === 'd90'
        ? cut(90)
        : lastContact === 'y1' || lastContact === 'older'
          ? cut(365)
          : null;
  const tagKey = tag?.toLowerCase();
  return (row) =>
    (!status || row.status === status) &&
    (!industry || row.industries.includes(industry)) &&
    (!country || row.country === country) &&
    (!tagKey || row.tags.some((t) => t.toLowerCase() === tagKey)) &&
    (!lastContact ||
      (lastContact === 'never'
        ? row.lastTalkAt === null
        : lastContact === 'older'
          ? row.lastTalkAt !== null && row.lastTalkAt < since!
          : row.lastTalkAt !== null && row.lastTalkAt >= since!));
}

/** Distinct values for the filter pickers. */
export function rowFacets(rows: Iterable<BuyerRow>): { countries: string[]; tags: string[] } {
  const countries = new Set<string>();
  const tags = new Map<string, string>();
  for (const r of rows) {
    countries.add(r.country);
    for (const t of r.tags) if (!tags.has(t.toLowerCase())) tags.set(t.toLowerCase(), t);
  }
  return { countries: [...countries].sort(), tags: [...tags.values()].sort() };
}
