import { describe, expect, it } from 'vitest';
import { pullResponseSchema } from '@shared/sync/protocol';

const row = (over: Record<string, unknown> = {}) => ({
  tbl: 'buyers',
  id: 'b1',
  officeId: 'tokyo',
  data: { name: 'Acme', city: null },
  hlc: {
    name: '0001764000000000-0000-be0c0000000000aa',
    city: '0001764000000000-0000-be0c0000000000aa',
  },
  deleted: false,
  deletedHlc: null,
  seq: 1,
  ...over,
});
const page = (r: unknown) => ({
  partitions: [
    { partition: 'tokyo', reset: false, rows: [r], cursor: { epoch: 'e1', seq: 1 }, more: false },
  ],
  more: false,
  lastMutationId: 0,
  serverTime: 1,
});

describe('pull response schema (rows checked in place)', () => {
  it('accepts a row and hands back its maps as they came', () => {
    const r = row();
    const parsed = pullResponseSchema.parse(page(r));
    expect(parsed.partitions[0]!.rows[0]).toEqual(r);
    expect(parsed.partitions[0]!.rows[0]!.data).toBe(r.data);
  });

  it.each([
    ['data that is not an object', { data: 'x' }],
    ['data that is null', { data: null }],
    ['data that is an array', { data: ['Acme'] }],
    ['a stamp that is not a string', { hlc: { name: 5 } }],
    ['a null stamp', { hlc: { name: null } }],
    ['stamps as an array', { hlc: ['0001764000000000-0000-be0c0000000000aa'] }],
    ['a missing id', { id: undefined }],
  ])('refuses %s', (_what, over) => {
    expect(pullResponseSchema.safeParse(page(row(over))).success).toBe(false);
  });
});
