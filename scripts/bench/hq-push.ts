/**
 * HQ push with the per-field checks of issue 16:
 * - hq.push_validation_ratio: push throughput of realistic CRM records (buyers, contacts,
 *   trade talks with amounts, as the demo generator makes them; every field sent) when HQ
 *   checks every field against the domain schemas, over the same server without the field
 *   schemas (value depth/finite checks run in both). Two servers on SQLite, rounds back to
 *   back in alternating order after a warm-up, median of the pair ratios; throughput per
 *   CPU-second of this process (wall time on a shared machine measures the neighbours).
 *   Goal >= 0.9.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMigratedDatabase } from '../../src-hq/db/connect';
import { buildServer, registryFor } from '../../src-hq/server';
import { createEnrollmentCode, enrollDevice } from '../../src-hq/auth';
import { createDemoGenerator } from '@shared/crm/demo';
import { SEED_OFFICES } from '@shared/offices/seed';
import { formatHlc } from '@shared/sync/hlc';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '@shared/sync/protocol';
import { createTableRegistry } from '@shared/sync/tables';
import { median, type Bench, type BenchResult } from './types';

const HEADERS = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), 'content-type': 'application/json' };
const PER_PUSH = 100;

/** Records to push, as [table, data without id]: buyers, their contacts and talks, mixed. */
function sampleRecords(): Array<[string, Record<string, unknown>]> {
  const office = SEED_OFFICES.find((o) => o.id === 'tokyo')!;
  const gen = createDemoGenerator({ office, buyers: 200, talks: 200 });
  const { buyers, contacts } = gen.nextBuyers(200);
  const talks = gen.nextTalks(200);
  const strip = ({ id: _id, ...rest }: { id: string }) => rest as Record<string, unknown>;
  const out: Array<[string, Record<string, unknown>]> = [];
  for (let i = 0; i < 200; i++) {
    out.push(['buyers', strip(buyers[i]!)]);
    if (contacts[i]) out.push(['contacts', strip(contacts[i]!)]);
    if (talks[i]) out.push(['tradeTalks', strip(talks[i]!)]);
  }
  return out;
}

export const hqPushBench: Bench = async ({ quick }) => {
  const rounds = quick ? 8 : 24;
  const batches = quick ? 4 : 10;
  const records = sampleRecords();
  const dir = mkdtempSync(join(tmpdir(), 'bench-push-'));
  try {
    const withChecks = registryFor(false);
    // The same tables, groups and scopes without the field schemas.
    const without = createTableRegistry(
      withChecks.tables.map(({ name, scope, fieldGroups, nullable }) => ({
        name,
        scope,
        ...(fieldGroups ? { fieldGroups } : {}),
        ...(nullable ? { nullable } : {}),
      })),
    );
    const servers = await Promise.all(
      [withChecks, without].map(async (registry, i) => {
        const hq = await openMigratedDatabase({ kind: 'sqlite', file: join(dir, `hq${i}.sqlite`) });
        const app = await buildServer({ hq, registry, rateLimitPerMinute: 1e9, metrics: false });
        const code = await createEnrollmentCode(hq, 'tokyo');
        const { credential } = await enrollDevice(hq, code, 'bench');
        return { hq, app, auth: `Bearer ${credential}`, mid: 0 };
      }),
    );
    const now = Date.now();
    // CPU time of this process (the server and SQLite run in it): on a machine shared with
    // other work, wall time swings with their load far more than with ours.
    const round = async (s: (typeof servers)[number]) => {
      const c0 = process.cpuUsage();
      for (let b = 0; b < batches; b++) {
        const mutations = Array.from({ length: PER_PUSH }, () => {
          const mid = ++s.mid;
          const h = formatHlc({ millis: now, counter: mid % 65535, node: '00000000000000aa' });
          const [tbl, data] = records[mid % records.length]!;
          const fields: Record<string, [unknown, string]> = {};
          for (const [k, v] of Object.entries(data)) fields[k] = [v, h];
          return { mid, tbl, id: `r${mid}`, fields };
        });
        const res = await s.app.inject({
          method: 'POST',
          url: '/v1/push',
          headers: { ...HEADERS, authorization: s.auth },
          payload: JSON.stringify({ clientId: 'bench-client', mutations }),
        });
        if (res.statusCode !== 200) throw new Error(`push bench: ${res.body}`);
      }
      const c = process.cpuUsage(c0);
      return (batches * PER_PUSH) / ((c.user + c.system) / 1e6);
    };
    await round(servers[0]!);
    await round(servers[1]!);
    const ratios: number[] = [];
    const throughput: [number[], number[]] = [[], []];
    for (let r = 0; r < rounds; r++) {
      const pair = [0, 0];
      for (const order of r % 2 ? [1, 0] : [0, 1]) pair[order] = await round(servers[order]!);
      throughput[0].push(pair[0]!);
      throughput[1].push(pair[1]!);
      ratios.push(pair[0]! / pair[1]!);
    }
    for (const s of servers) {
      await s.app.close();
      await s.hq.destroy();
    }
    const checked = median(throughput[0]);
    const unchecked = median(throughput[1]);
    const ratio = median(ratios);
    const result: BenchResult = {
      name: 'hq.push_validation_ratio',
      value: ratio,
      unit: 'ratio',
      baseline: unchecked,
      ratio,
      target: '>= 0.9',
      note: `push throughput with per-field domain checks ${checked.toFixed(0)} / without ${unchecked.toFixed(0)} records per CPU-second (${PER_PUSH}-record pushes of demo buyers, contacts and talks, every field sent; ${rounds} pairs of back-to-back rounds of ${batches}, order alternating, after a warm-up; value: median of the pair ratios; in-process, SQLite)`,
    };
    return [result];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
