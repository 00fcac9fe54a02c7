/**
 * Convergence property: real client engines (one fake IndexedDB per laptop) against
 * a real HQ server on SQLite. Random edits, deletes and restores on laptops of two
 * offices and one HQ laptop, random sync order, injected faults (lost ack, duplicate
 * delivery, crash at any write while applying a pull page, server restart,
 * clock jumps, page and batch sizes of 1-3). After a quiet period in which every laptop
 * syncs, each office laptop equals HQ's copy of its office + shared data, the HQ laptop
 * equals all of HQ, no laptop holds another office's rows, and HQ equals the LWW merge
 * of every change ever made (nothing lost).
 *
 * Runs: SYNC_PROPERTY_RUNS (default 100). Seed: SYNC_PROPERTY_SEED to replay a failure.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DBCore, Middleware } from 'dexie';
import type { FastifyInstance } from 'fastify';
import {
  EMPTY_RECORD_STATE,
  changesToState,
  mergeRecordStates,
  type RecordState,
} from '@shared/sync/merge';
import type { Mutation } from '@shared/sync/protocol';
import {
  CURSORS_KEY,
  eachPendingMutation,
  SYNC_STATE,
  TOMBSTONES,
  type SyncTransport,
} from '../../../src-renderer/src/sync';
import { SyncRequestError } from '../../../src-renderer/src/sync/transport';
import type { HqDatabase } from '../../../src-hq/db/connect';
import { BACKENDS, startServer, type Backend, type TestServer } from '../hq/harness';
import { CLIENT_REGISTRY, createLaptop, visibleRows, type Laptop } from './laptop';

const RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 100);
const SEED = process.env.SYNC_PROPERTY_SEED ? Number(process.env.SYNC_PROPERTY_SEED) : undefined;
const T0 = 1_800_000_000_000;
const MAX_SKEW = 4 * 60_000; // laptops stay within HQ's 5-minute guard

type Fault = 'none' | 'lostAck' | 'duplicate' | 'crashDuringApply';
const LAPTOPS = [
  { name: 'tokyo-1', office: 'tokyo' },
  { name: 'tokyo-2', office: 'tokyo' },
  { name: 'shanghai-1', office: 'shanghai' },
  { name: 'hq-1', office: null },
] as const;
const OFFICE_TABLES = ['test_notes', 'test_bookings'] as const;
const IDS = ['r1', 'r2', 'r3', 'r4', 'r5'];

type Cmd =
  | {
      kind: 'edit';
      laptop: number;
      table: string;
      id: string;
      field: string;
      value: string;
      officeIdx: number;
      via: 'update' | 'put';
    }
  | { kind: 'delete'; laptop: number; table: string; id: string; officeIdx: number }
  | { kind: 'sync'; laptop: number; fault: Fault; crashAt: number }
  | { kind: 'clock'; laptop: number; deltaMs: number }
  | { kind: 'time'; ms: number }
  | { kind: 'restart' };

const FIELDS: Record<string, string[]> = {
  test_notes: ['text', 'color'],
  test_bookings: ['start', 'who'],
  test_firms: ['name', 'city'],
};

const laptopArb = fc.integer({ min: 0, max: LAPTOPS.length - 1 });
const tableArb = fc.constantFrom('test_notes', 'test_bookings', 'test_firms');
const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .record({
        laptop: laptopArb,
        table: tableArb,
        id: fc.constantFrom(...IDS),
        fieldIdx: fc.integer({ min: 0, max: 1 }),
        value: fc.constantFrom('a', 'b', 'c', '한', 'ア'),
        officeIdx: fc.integer({ min: 0, max: 1 }),
        via: fc.constantFrom('update' as const, 'put' as const),
      })
      .map(({ fieldIdx, ...r }) => ({
        kind: 'edit' as const,
        field: FIELDS[r.table]![fieldIdx]!,
        ...r,
      })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({
        laptop: laptopArb,
        table: tableArb,
        id: fc.constantFrom(...IDS),
        officeIdx: fc.integer({ min: 0, max: 1 }),
      })
      .map((r) => ({ kind: 'delete' as const, ...r })),
  },
  {
    weight: 4,
    arbitrary: fc
      .record({
        laptop: laptopArb,
        fault: fc.constantFrom<Fault>(
          'none',
          'none',
          'lostAck',
          'duplicate',
          'crashDuringApply',
          'crashDuringApply',
        ),
        crashAt: fc.integer({ min: 1, max: 3 }),
      })
      .map((r) => ({ kind: 'sync' as const, ...r })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ laptop: laptopArb, deltaMs: fc.integer({ min: -180_000, max: 180_000 }) })
      .map((r) => ({ kind: 'clock' as const, ...r })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 90_000 }).map((ms) => ({ kind: 'time' as const, ms })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

/**
 * Test-only Dexie middleware simulating a crash while a pull page is applied: the
 * k-th write to a synced table or to the cursor row fails (the process "dies" there).
 * With page and cursor in one transaction nothing of the page survives; if the cursor
 * were written apart from the rows, some crash point would lose rows for good.
 */
function crashDuringApply(flag: { writesLeft: number }): Middleware<DBCore> {
  const isApplyWrite = (name: string, values: readonly { key?: string }[] | undefined) =>
    CLIENT_REGISTRY.has(name) ||
    (name === SYNC_STATE && !!values?.some((v) => v.key === CURSORS_KEY));
  return {
    stack: 'dbcore',
    name: 'CrashDuringApply',
    create: (down) => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        return {
          ...t,
          mutate: (req) => {
            const values = 'values' in req ? (req.values as { key?: string }[]) : undefined;
            if (flag.writesLeft > 0 && isApplyWrite(name, values)) {
              flag.writesLeft--;
              if (flag.writesLeft === 0)
                return Promise.reject(new Error('simulated crash during apply'));
            }
            return t.mutate(req);
          },
        };
      },
    }),
  };
}

interface World {
  env: Awaited<ReturnType<Backend['open']>>;
  hq: HqDatabase;
  server: TestServer;
  serverNow: number;
  laptops: Array<
    Laptop & {
      office: string | null;
      fault: { mode: Fault };
      crash: { writesLeft: number };
      seenMid: number;
    }
  >;
  /** Every change any laptop recorded, as pushed (for the no-loss check). */
  changes: Mutation[];
}

async function buildWorld(backend: Backend, sizes: number[]): Promise<World> {
  const env = await backend.open();
  const world = { env, hq: env.hq, changes: [], serverNow: T0 } as unknown as World;
  world.server = await startServer(env.hq, { now: () => world.serverNow });
  const getApp = (): FastifyInstance => world.server.app;
  world.laptops = [];
  for (const [i, spec] of LAPTOPS.entries()) {
    const { auth } = await world.server.enroll(spec.office, spec.name);
    const fault = { mode: 'none' as Fault };
    const crash = { writesLeft: 0 };
    const wrap = (t: SyncTransport): SyncTransport => ({
      pull: (r) => t.pull(r),
      push: async (r) => {
        if (fault.mode === 'duplicate') await t.push(r);
        const res = await t.push(r);
        if (fault.mode === 'lostAck') {
          fault.mode = 'none';
          throw new SyncRequestError(0, 'network_error', 'ack lost');
        }
        return res;
      },
    });
    const size = sizes[i % sizes.length]!;
    const laptop = createLaptop(spec.name, auth.slice('Bearer '.length), getApp, {
      startMs: T0,
      wrapTransport: wrap,
      pullLimit: size,
      pushMaxChanges: size,
    });
    laptop.db.use(crashDuringApply(crash));
    world.laptops.push({ ...laptop, office: spec.office, fault, crash, seenMid: 0 });
  }
  return world;
}

async function captureChanges(world: World, l: World['laptops'][number]) {
  await eachPendingMutation(l.db, (m) => {
    if (m.mid > l.seenMid) {
      world.changes.push(m);
      l.seenMid = m.mid;
    }
    return true;
  });
}

async function run(world: World, cmd: Cmd) {
  switch (cmd.kind) {
    case 'edit':
    case 'delete': {
      const l = world.laptops[cmd.laptop]!;
      const shared = cmd.table === 'test_firms';
      const office = l.office ?? (['tokyo', 'shanghai'] as const)[cmd.officeIdx]!;
      // Ids are global (UUIDs in the app): prefix by office so HQ can hold both offices.
      const id = shared ? cmd.id : `${office}-${cmd.id}`;
      const table = l.db.table(cmd.table);
      const existing = await table.get(id);
      if (existing && !shared && existing.officeId !== office) return; // another office's record
      if (cmd.kind === 'delete') {
        await table.delete(id);
      } else if (existing && cmd.via === 'update') {
        await table.update(id, { [cmd.field]: cmd.value });
      } else {
        await table.put({
          ...(existing ?? {}),
          id,
          ...(shared ? {} : { officeId: office }),
          [cmd.field]: cmd.value,
        });
      }
      await captureChanges(world, l);
      return;
    }
    case 'sync': {
      const l = world.laptops[cmd.laptop]!;
      l.fault.mode = cmd.fault === 'crashDuringApply' ? 'none' : cmd.fault;
      l.crash.writesLeft = cmd.fault === 'crashDuringApply' ? cmd.crashAt : 0;
      try {
        await l.engine.sync();
      } catch (e) {
        const expected =
          (e instanceof SyncRequestError && e.code === 'network_error') ||
          (e instanceof Error &&
            /simulated crash/.test(e.message + String((e as { inner?: unknown }).inner)));
        if (!expected) throw e;
      } finally {
        l.fault.mode = 'none';
        l.crash.writesLeft = 0;
      }
      return;
    }
    case 'clock': {
      const l = world.laptops[cmd.laptop]!;
      const target = l.clock.now + cmd.deltaMs;
      l.clock.now = Math.min(
        world.serverNow + MAX_SKEW,
        Math.max(world.serverNow - MAX_SKEW, target),
      );
      return;
    }
    case 'time':
      world.serverNow += cmd.ms;
      for (const l of world.laptops) l.clock.now += cmd.ms;
      return;
    case 'restart': {
      await world.server.app.close();
      await world.hq.destroy();
      world.hq = await world.env.again();
      world.server = await startServer(world.hq, { now: () => world.serverNow });
      return;
    }
  }
}

async function hqRows(hq: HqDatabase, partition: string, tbl: string) {
  const rows = await hq.db
    .selectFrom('records')
    .selectAll()
    .where('office_id', '=', partition)
    .where('tbl', '=', tbl)
    .where('deleted', '=', 0)
    .orderBy('id')
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      ...Object.fromEntries(Object.entries(JSON.parse(r.data)).filter(([, v]) => v !== null)),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Expected state of every record: the LWW merge of every change ever recorded. */
function modelOf(changes: Mutation[], partitionOf: (m: Mutation) => string) {
  const states = new Map<string, RecordState>();
  for (const m of changes) {
    const table = CLIENT_REGISTRY.get(m.tbl)!;
    const s = changesToState(table, m.fields, m.deleted);
    if ('code' in s) throw new Error('bad change recorded');
    const key = `${partitionOf(m)}/${m.tbl}/${m.id}`;
    states.set(key, mergeRecordStates(table, states.get(key) ?? EMPTY_RECORD_STATE, s));
  }
  return states;
}

async function checkConverged(world: World) {
  // Quiet period: every laptop syncs, twice round, no faults.
  for (let round = 0; round < 2; round++) {
    for (const l of world.laptops) await l.engine.sync();
  }
  const { hq } = world;
  for (const l of world.laptops) {
    expect(await l.engine.pendingCount()).toBe(0);
    const offices = l.office ? [l.office] : ['tokyo', 'shanghai'];
    for (const tbl of OFFICE_TABLES) {
      const expected = (await Promise.all(offices.map((o) => hqRows(hq, o, tbl)))).flat();
      const actual = await visibleRows(l.db, tbl);
      // Ids are globally unique (office-prefixed), so id order is a total order.
      expect(actual).toEqual(expected.sort((a, b) => a.id.localeCompare(b.id)));
      expect(actual.every((r) => l.office === null || r.officeId === l.office)).toBe(true);
      if (l.office) {
        const tombs = await l.db.table(TOMBSTONES).where('tbl').equals(tbl).toArray();
        expect(tombs.every((t: { officeId: string }) => t.officeId === l.office)).toBe(true);
      }
    }
    expect(await visibleRows(l.db, 'test_firms')).toEqual(
      await hqRows(hq, '_shared', 'test_firms'),
    );
  }
  // Nothing lost: HQ holds exactly the LWW merge of every recorded change (rejected ones aside).
  const rejected = new Set<string>();
  for (const l of world.laptops) {
    for (const r of await l.engine.rejected()) rejected.add(`${l.name}/${r.mutation.mid}`);
  }
  expect(rejected.size).toBe(0);
  const model = modelOf(world.changes, (m) =>
    CLIENT_REGISTRY.get(m.tbl)!.scope === 'shared' ? '_shared' : m.officeId!,
  );
  const stored = await hq.db.selectFrom('records').selectAll().execute();
  expect(stored.length).toBe(model.size);
  for (const r of stored) {
    const m = model.get(`${r.office_id}/${r.tbl}/${r.id}`);
    expect(m).toBeDefined();
    expect({ data: JSON.parse(r.data), deleted: r.deleted === 1 }).toEqual({
      data: m!.data,
      deleted: m!.deleted,
    });
  }
}

// PostgreSQL (when reachable) gets a tenth of the runs: same engine, other dialect.
const PLANS = BACKENDS.map((backend) => ({
  backend,
  runs: backend.name === 'sqlite' ? RUNS : Math.max(5, Math.round(RUNS / 10)),
}));

describe.each(PLANS)(
  'sync convergence on $backend.name (property, real engines + real HQ)',
  ({ backend, runs }) => {
    it(`converges after random edits, syncs and faults (${runs} runs)`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }),
          fc.array(cmdArb, { minLength: 1, maxLength: 30 }),
          async (sizes, cmds) => {
            const world = await buildWorld(backend, sizes);
            try {
              for (const cmd of cmds) await run(world, cmd);
              await checkConverged(world);
            } finally {
              for (const l of world.laptops) l.db.close();
              await world.server.app.close();
              await world.env.cleanup();
            }
          },
        ),
        { numRuns: runs, ...(SEED !== undefined ? { seed: SEED } : {}) },
      );
    }, 600_000);
  },
);
