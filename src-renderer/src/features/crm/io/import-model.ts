import type { TFunction } from 'i18next';
import {
  headerSetKey,
  refusedRowsCsv,
  splitByDecision,
  type ColumnMapping,
  type DuplicateDecisions,
  type ImportWrites,
  type ImportPlan,
  type RawTable,
  type RowIssue,
  type RowOutcome,
} from '@shared/crm/io';

const MEMORY_KEY = 'bridgehead.import.mappings';
const MEMORY_MAX = 30;

type Memory = Record<string, ColumnMapping>;

function readMemory(): Memory {
  try {
    const raw = globalThis.localStorage?.getItem(MEMORY_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Memory) : {};
  } catch {
    return {};
  }
}

/** The mapping a person confirmed for files with these headers (this laptop only), if any. */
export function rememberedMapping(headers: readonly string[]): ColumnMapping | null {
  const m = readMemory()[headerSetKey(headers)];
  if (!m || typeof m !== 'object') return null;
  // Only columns the file has, only string values.
  const out: ColumnMapping = {};
  for (const h of headers) if (typeof m[h] === 'string') out[h] = m[h];
  return Object.keys(out).length ? out : null;
}

/** Remembers a confirmed mapping (after an import), newest first, a bounded number of header sets. */
export function rememberMapping(headers: readonly string[], mapping: ColumnMapping): void {
  try {
    const key = headerSetKey(headers);
    const rest = Object.entries(readMemory()).filter(([k]) => k !== key);
    const next = Object.fromEntries([[key, mapping], ...rest].slice(0, MEMORY_MAX));
    globalThis.localStorage?.setItem(MEMORY_KEY, JSON.stringify(next));
  } catch {
    // Storage full or blocked: the mapping is simply not remembered.
  }
}

/** One issue as a sentence in the reader's language: "メールアドレス: … (“x@y”)". */
export function issueText(issue: RowIssue, t: TFunction<'import'>): string {
  const message = t(`errors:${issue.code}`, { defaultValue: t('errors:unexpected') });
  const column = issue.column || t('row');
  return issue.value
    ? t('issueValue', { column, message, value: issue.value })
    : t('issue', { column, message });
}

export const outcomeText = (o: RowOutcome, t: TFunction<'import'>) =>
  o.issues.map((i) => issueText(i, t)).join('\n');

/** The refused rows as CSV bytes (UTF-8 with BOM: Excel opens it in every language). */
export function refusedFile(table: RawTable, plan: ImportPlan, t: TFunction<'import'>): string {
  return refusedRowsCsv(table, plan.refused, t('problemColumn'), (o) => outcomeText(o, t));
}

/**
 * What the import writes: strong duplicates of an earlier buyer of the same file
 * skipped on request, and each buyer that matches one of the office skipped,
 * merged or imported as new, as the person decided.
 */
export function importWrites(
  plan: ImportPlan,
  skipInFile: boolean,
  decisions: DuplicateDecisions,
): ImportWrites {
  const indexOf = new Map(plan.buyers.map((b, i) => [b, i]));
  return splitByDecision(
    plan.buyers.filter((b) => !(skipInFile && b.inFile.some((d) => d.level === 'strong'))),
    (b) => indexOf.get(b)!,
    decisions,
  );
}

/** Buyers the import creates or changes (merges count once per imported buyer). */
export const writeCount = (w: ImportWrites) => w.put.length + w.merges.length;

/** Rows whose buyer the import writes (new or merged into an existing buyer). */
export function rowsWritten(plan: ImportPlan, writes: ImportWrites): number {
  const written = new Set<string>([
    ...writes.put.map((w) => w.buyer.id),
    ...writes.merges.map((m) => m.incoming.buyer.id),
  ]);
  let n = 0;
  for (const b of plan.buyers) if (written.has(b.buyer.id)) n += b.rows.length;
  return n;
}
