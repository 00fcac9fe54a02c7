import type { z } from 'zod';
import { toFieldErrors, type FieldError } from '@shared/crm/schemas';

/** The CRM's table names (see stores.ts). */
export const CRM_TABLES = {
  buyers: 'buyers',
  contacts: 'contacts',
  smeFirms: 'smeFirms',
  tradeTalks: 'tradeTalks',
  fxRates: 'fxRates',
} as const;

/**
 * A refused CRM write. `code` is a key of the errors namespace; `fieldErrors`
 * carry per-field codes (paths like "buyer.nameNative", "contacts.0.emails.1").
 */
export class CrmError extends Error {
  constructor(
    readonly code: string,
    readonly fieldErrors: readonly FieldError[] = [],
  ) {
    super(code);
    this.name = 'CrmError';
  }
}

/** Drops sync metadata (`_v`, `_dv`) so records are shown, compared and exported clean. */
export function stripMeta<T extends object>(row: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (!k.startsWith('_')) out[k] = v;
  return out as T;
}

/** Parses with a shared schema; field errors are prefixed with `prefix`. */
export function parseOrCollect<S extends z.ZodType>(
  schema: S,
  value: unknown,
  prefix: string,
  errors: FieldError[],
): z.infer<S> | null {
  const result = schema.safeParse(value);
  if (result.success) return result.data as z.infer<S>;
  for (const e of toFieldErrors(result.error)) {
    errors.push({ path: e.path ? `${prefix}.${e.path}` : prefix, code: e.code });
  }
  return null;
}

export const newId = (): string => crypto.randomUUID();
