import { toCsv } from './csv';
import type { RowOutcome } from './plan';
import type { RawTable } from './result';

/**
 * The refused rows as a CSV to fix in Excel and import again (the HubSpot /
 * Salesforce import-errors pattern): the file's own columns with the values as
 * they were, plus one column saying why, in the reader's language.
 */
export function refusedRowsCsv(
  table: RawTable,
  refused: readonly RowOutcome[],
  problemHeader: string,
  describe: (outcome: RowOutcome) => string,
): string {
  const headers = [...table.headers, problemHeader];
  const rows = refused.map((r) => ({ ...table.rows[r.row - 1], [problemHeader]: describe(r) }));
  return toCsv(headers, rows);
}
