import type { DemoData } from '@shared/crm/demo';
import { DEMO_ID_PREFIX } from '@shared/sync/demo-ids';

/**
 * Demo data as if the office had typed it: every "demo-…" id (and every reference to one)
 * renamed. Demo records never enter the outbox and HQ refuses them, so a benchmark of
 * sync, import or insert that used them as they are would measure work the app skips.
 */
export function asOwnData<T extends Partial<DemoData>>(data: T): T {
  const rename = (value: unknown): unknown => {
    if (typeof value === 'string' && value.startsWith(DEMO_ID_PREFIX)) {
      return `own-${value.slice(DEMO_ID_PREFIX.length)}`;
    }
    if (Array.isArray(value)) return value.map(rename);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rename(v)]));
    }
    return value;
  };
  return rename(data) as T;
}
