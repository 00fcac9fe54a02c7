/**
 * The fields the merge dialog shows: a field both records hold alike is shown once, with nothing
 * to choose; a field that differs is marked (the person's attention goes there); a field empty
 * in both is left out.
 */
import { MERGE_PICK_FIELDS, type MergePickField } from '@shared/crm/merge';
import type { BuyerCompany } from '@shared/crm/schemas';

export interface MergeFieldRow {
  field: MergePickField;
  /** Both records hold the same value (after trimming; case and width kept: they can matter). */
  same: boolean;
}

function comparable(value: unknown): string {
  return String(value ?? '')
    .normalize('NFC')
    .trim();
}

export function mergeFieldRows(a: BuyerCompany, b: BuyerCompany): MergeFieldRow[] {
  const rows: MergeFieldRow[] = [];
  for (const field of MERGE_PICK_FIELDS) {
    const left = comparable(a[field]);
    const right = comparable(b[field]);
    if (!left && !right) continue;
    rows.push({ field, same: left === right });
  }
  return rows;
}
