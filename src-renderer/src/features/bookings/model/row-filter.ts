/**
 * The timeline's filter by resource: chosen rows by id, and for interpreters
 * whole language pairs ("pair:ko-ja"). Nothing chosen shows every row.
 */
export const PAIR_PREFIX = 'pair:';

export function filterRows<T extends { readonly id: string }>(
  rows: readonly T[],
  selected: readonly string[],
  pairsOf: (id: string) => readonly string[] = () => [],
): T[] {
  if (selected.length === 0) return [...rows];
  const ids = new Set(selected.filter((s) => !s.startsWith(PAIR_PREFIX)));
  const pairs = new Set(
    selected.filter((s) => s.startsWith(PAIR_PREFIX)).map((s) => s.slice(PAIR_PREFIX.length)),
  );
  return rows.filter((r) => ids.has(r.id) || pairsOf(r.id).some((p) => pairs.has(p)));
}

/** The `only` URL parameter <-> the chosen values (comma separated; ids never hold commas). */
export function parseOnly(param: string | null): string[] {
  return param ? param.split(',').filter(Boolean) : [];
}
