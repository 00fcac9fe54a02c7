import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatHlc } from '@shared/sync/hlc';
import {
  adoptRecordState,
  EMPTY_RECORD_STATE,
  canonicalJson,
  changesToState,
  isChangeShapeError,
  mergeRecordStates,
  type FieldChanges,
  type RecordState,
} from '@shared/sync/merge';
import { createTableRegistry } from '@shared/sync/tables';

const registry = createTableRegistry([
  { name: 'bookings', scope: 'office', fieldGroups: { when: ['start', 'end'] } },
]);
const table = registry.get('bookings')!;
const NODES = ['000000000000000a', '000000000000000b', '000000000000000c'];

// Few millis/counters so equal stamps and ties actually happen.
const hlcArb = fc
  .record({
    millis: fc.integer({ min: 1, max: 4 }),
    counter: fc.integer({ min: 0, max: 2 }),
    node: fc.constantFrom(...NODES),
  })
  .map(formatHlc);
const valueArb = fc.oneof(fc.constantFrom('x', 'y', 'z', null), fc.integer({ min: 0, max: 3 }));

/** A random partial state as a mutation would produce it. */
const stateArb: fc.Arbitrary<RecordState> = fc
  .record({
    name: fc.option(fc.tuple(valueArb, hlcArb), { nil: undefined }),
    note: fc.option(fc.tuple(valueArb, hlcArb), { nil: undefined }),
    when: fc.option(fc.tuple(valueArb, valueArb, hlcArb), { nil: undefined }),
    deleted: fc.option(fc.tuple(fc.boolean(), hlcArb), { nil: undefined }),
  })
  .map(({ name, note, when, deleted }) => {
    const fields: Record<string, [unknown, string]> = {};
    if (name) fields.name = name;
    if (note) fields.note = note;
    if (when) {
      fields.start = [when[0], when[2]];
      fields.end = [when[1], when[2]];
    }
    const s = changesToState(table, fields, deleted);
    if (isChangeShapeError(s)) throw new Error('arbitrary built a bad change');
    return s;
  });

const merge = (a: RecordState, b: RecordState) => mergeRecordStates(table, a, b);

/** Any state off the wire, consistent or not (fields without a stamp, a delete without one). */
const wireStateArb: fc.Arbitrary<RecordState> = fc.record({
  data: fc.dictionary(fc.constantFrom('name', 'note', 'start', 'end', 'extra'), valueArb),
  hlc: fc.dictionary(fc.constantFrom('name', 'note', '@when', 'extra'), hlcArb),
  deleted: fc.boolean(),
  deletedHlc: fc.option(hlcArb, { nil: null }),
});

describe('per-field LWW merge', () => {
  it("adopting a state is merging it into nothing (the first download's fast path)", () => {
    fc.assert(
      fc.property(fc.oneof(stateArb, wireStateArb), (b) => {
        expect(adoptRecordState(table, b)).toStrictEqual(merge(EMPTY_RECORD_STATE, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('is commutative', () => {
    fc.assert(
      fc.property(stateArb, stateArb, (a, b) => {
        expect(merge(a, b)).toEqual(merge(b, a));
      }),
      {
        numRuns: 2000,
      },
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(stateArb, stateArb, stateArb, (a, b, c) => {
        expect(merge(merge(a, b), c)).toEqual(merge(a, merge(b, c)));
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(stateArb, stateArb, (a, b) => {
        expect(merge(a, a)).toEqual(a);
        const ab = merge(a, b);
        expect(merge(ab, b)).toEqual(ab);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same result for any order of applying changes', () => {
    fc.assert(
      fc.property(fc.array(stateArb, { maxLength: 6 }), fc.nat(), (changes, seed) => {
        const shuffled = [...changes].sort(
          (x, y) =>
            ((changes.indexOf(x) * 7919 + seed) % 13) - ((changes.indexOf(y) * 7919 + seed) % 13),
        );
        const forward = changes.reduce(merge, EMPTY_RECORD_STATE);
        const other = shuffled.reduce(merge, EMPTY_RECORD_STATE);
        expect(other).toEqual(forward);
      }),
    );
  });

  it('keeps both edits when two devices change different fields', () => {
    const t1 = formatHlc({ millis: 10, counter: 0, node: NODES[0]! });
    const t2 = formatHlc({ millis: 11, counter: 0, node: NODES[1]! });
    const a = changesToState(table, { name: ['Yamada', t1] }) as RecordState;
    const b = changesToState(table, { note: ['call back', t2] }) as RecordState;
    expect(merge(a, b).data).toEqual({ name: 'Yamada', note: 'call back' });
  });

  it('takes the higher HLC for the same field, whatever arrives last', () => {
    const older = formatHlc({ millis: 10, counter: 5, node: NODES[2]! });
    const newer = formatHlc({ millis: 11, counter: 0, node: NODES[0]! });
    const a = changesToState(table, { name: ['new', newer] }) as RecordState;
    const b = changesToState(table, { name: ['stale offline edit', older] }) as RecordState;
    expect(merge(a, b).data.name).toBe('new');
    expect(merge(b, a).data.name).toBe('new');
  });

  it('moves a field group as one register (never mixes start of one edit with end of another)', () => {
    const t1 = formatHlc({ millis: 10, counter: 0, node: NODES[0]! });
    const t2 = formatHlc({ millis: 12, counter: 0, node: NODES[1]! });
    const a = changesToState(table, { start: ['09:00', t1], end: ['10:00', t1] }) as RecordState;
    const b = changesToState(table, { start: ['14:00', t2], end: ['15:00', t2] }) as RecordState;
    expect(merge(a, b).data).toEqual({ start: '14:00', end: '15:00' });
  });

  it('refuses a partial group or reserved fields', () => {
    const t = formatHlc({ millis: 10, counter: 0, node: NODES[0]! });
    expect(changesToState(table, { start: ['09:00', t] })).toEqual({
      code: 'group_incomplete',
      field: 'end',
    });
    expect(changesToState(table, { _v: [1, t] })).toEqual({ code: 'reserved_field', field: '_v' });
  });

  it('delete wins over a later edit; only a restore at a higher HLC brings it back', () => {
    const t = (ms: number) => formatHlc({ millis: ms, counter: 0, node: NODES[0]! });
    const created = changesToState(table, { name: ['A', t(1)] }) as RecordState;
    const del = changesToState(table, {}, [true, t(2)]) as RecordState;
    const laterEdit = changesToState(table, { name: ['B', t(3)] }) as RecordState;
    const merged = [created, del, laterEdit].reduce(merge);
    expect(merged.deleted).toBe(true);
    expect(merged.data.name).toBe('B');
    const staleRestore = changesToState(table, {}, [false, t(1)]) as RecordState;
    expect(merge(merged, staleRestore).deleted).toBe(true);
    const restore = changesToState(table, {}, [false, t(4)]) as RecordState;
    expect(merge(merged, restore).deleted).toBe(false);
  });
});

describe('field names Object.prototype already has (issue 16, item 15)', () => {
  const table = createTableRegistry([
    { name: 'x', scope: 'office', fieldGroups: { when: ['start', 'end'] } },
  ]).get('x')!;
  const h = (ms: number) =>
    formatHlc({ millis: 1_800_000_000_000 + ms, counter: 0, node: 'a'.repeat(16) });
  const names = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'];

  it('are fields like any other: accepted, merged per field, never read from the prototype', () => {
    const fields = (entries: Array<[string, unknown, string]>): FieldChanges =>
      Object.fromEntries(entries.map(([f, v, stamp]) => [f, [v, stamp] as const]));
    const a = changesToState(table, fields(names.map((n) => [n, `a ${n}`, h(1)])));
    expect(isChangeShapeError(a)).toBe(false);
    const b = changesToState(
      table,
      fields([
        ['constructor', 'b', h(2)],
        ['start', 1, h(2)],
        ['end', 2, h(2)],
      ]),
    );
    expect(isChangeShapeError(b)).toBe(false);
    const merged = mergeRecordStates(table, a as RecordState, b as RecordState);
    expect(merged.data).toEqual({
      constructor: 'b',
      toString: 'a toString',
      valueOf: 'a valueOf',
      hasOwnProperty: 'a hasOwnProperty',
      isPrototypeOf: 'a isPrototypeOf',
      start: 1,
      end: 2,
    });
    // A record that never had `constructor` does not get Object's from its prototype.
    const plain = mergeRecordStates(table, EMPTY_RECORD_STATE, b as RecordState);
    expect(Object.keys(plain.data).sort()).toEqual(['constructor', 'end', 'start']);
    expect(mergeRecordStates(table, plain, EMPTY_RECORD_STATE)).toEqual(plain);
  });

  it('canonical JSON keeps an own __proto__ key of a value', () => {
    const value = JSON.parse('{"b": 1, "__proto__": {"x": 1}, "a": 2}') as object;
    expect(canonicalJson(value)).toBe('{"__proto__":{"x":1},"a":2,"b":1}');
  });
});
