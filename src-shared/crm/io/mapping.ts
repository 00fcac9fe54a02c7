import { foldForSearch } from '../fold';
import { LIST_SEPARATOR, type FlatRow, type ImportField } from './fields';
import { ALIASES, headerKey } from './header-aliases';
import { NOT_NEEDED } from './technical-columns';
import type { RawTable } from './result';

export { headerKey } from './header-aliases';

/** Source column → our field ('' = ignore the column). */
export type ColumnMapping = Record<string, ImportField | ''>;

/** True for headers of the lists we know (used to find the header row under a title). */
export function isKnownHeader(text: string): boolean {
  const key = headerKey(text);
  return ALIASES.has(key) || NOT_NEEDED.has(key);
}

/** Whether an ignored column can be dropped without asking (technical columns of known tools). */
export const isNotNeededColumn = (header: string) => NOT_NEEDED.has(headerKey(header));

/** Best-guess mapping for the mapping step; the user confirms or changes it. */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const h of headers) mapping[h] = ALIASES.get(headerKey(h)) ?? '';
  // Google's "Address 1 - Formatted" repeats the parts beside it: keep the parts.
  for (const h of headers) {
    const street = h.replace(/formatted\s*$/i, 'Street');
    if (street !== h && headers.includes(street)) mapping[h] = '';
  }
  // A "… - Label" / "- Type" / "- Service" column labels the "… - Value" column beside it.
  for (const h of headers) {
    if (mapping[h] === 'contact.label' && !labelTarget(h, headers)) mapping[h] = '';
  }
  return mapping;
}

/** "Phone 1 - Label" → "Phone 1 - Value" when the file has it. */
export function labelTarget(labelHeader: string, headers: readonly string[]): string | null {
  const value = labelHeader.replace(/(label|type|service)\s*$/i, 'Value');
  return value !== labelHeader && headers.includes(value) ? value : null;
}

/**
 * A mapping is remembered per set of headers (the same export from the same tool
 * has the same columns): this key is order-independent and ignores spacing/case.
 */
export function headerSetKey(headers: readonly string[]): string {
  return [...new Set(headers.map((h) => foldForSearch(h)))].sort().join('\u0001');
}

/** Columns mapped to '' that hold values (and are not technical): their data would not be imported. */
export function ignoredColumnsWithData(
  table: RawTable,
  mapping: ColumnMapping,
): { column: string; values: number }[] {
  const out: { column: string; values: number }[] = [];
  for (const h of table.headers) {
    if (mapping[h] || isNotNeededColumn(h)) continue;
    let values = 0;
    for (const row of table.rows) if (row[h]) values++;
    if (values) out.push({ column: h, values });
  }
  return out;
}

const LIST_FIELDS = new Set<string>([
  'contact.emails',
  'buyer.tags',
  'buyer.industries',
  'buyer.products',
]);
const isListField = (f: ImportField) =>
  LIST_FIELDS.has(f) ||
  f.startsWith('contact.phone') ||
  f === 'contact.im' ||
  /^contact\.[A-Z]/.test(f);

/**
 * Applies a mapping. Several columns mapped to one field are joined (list
 * fields) or concatenated with a space (names, readings) in column order.
 * A labelled column ("contact.phone", "contact.im") is written as
 * "label\u0002value" items so the plan can route each value by its label.
 * Returns the flat rows plus, per field, the source column (for error messages).
 */
export function applyMapping(
  table: RawTable,
  mapping: ColumnMapping,
): { rows: FlatRow[]; columnOf: Partial<Record<ImportField, string>> } {
  const columnOf: Partial<Record<ImportField, string>> = {};
  const labelOf = new Map<string, string>();
  for (const h of table.headers) {
    const f = mapping[h];
    if (f === 'contact.label') {
      const target = labelTarget(h, table.headers);
      if (target) labelOf.set(target, h);
      continue;
    }
    if (f && !columnOf[f]) columnOf[f] = h;
  }
  // What each mapped column feeds, worked out once (not per cell of a 10,000-row file).
  const columns = table.headers.flatMap((h) => {
    const f = mapping[h];
    if (!f || f === 'contact.label') return [];
    const labelled = f === 'contact.phone' || f === 'contact.im';
    return [
      {
        h,
        f,
        joiner: isListField(f) ? LIST_SEPARATOR : ' ',
        label: labelled ? labelOf.get(h) : undefined,
        labelled,
      },
    ];
  });
  const rows = table.rows.map((raw) => {
    const row: FlatRow = {};
    for (const { h, f, joiner, label, labelled } of columns) {
      const cell = raw[h];
      if (!cell) continue;
      let v = cell.trim();
      if (!v) continue;
      if (labelled) {
        // Google writes several values of one label as "a ::: b".
        const tag = label ? (raw[label] ?? '').trim() : '';
        v = v
          .split(/ ::: |\n/)
          .map((x) => x.trim())
          .filter(Boolean)
          .map((x) => `${tag}\u0002${x}`)
          .join(LIST_SEPARATOR);
      }
      const prev = row[f];
      row[f] = prev ? `${prev}${joiner}${v}` : v;
    }
    return row;
  });
  return { rows, columnOf };
}
