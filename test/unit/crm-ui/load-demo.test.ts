import { describe, expect, it } from 'vitest';
import { SEED_OFFICES } from '@shared/offices/seed';
import { createDatabase } from '../../../src-renderer/src/data/db';
import { loadDemoData, type DemoProgress } from '../../../src-renderer/src/features/demo/load-demo';

const chengdu = SEED_OFFICES.find((o) => o.id === 'chengdu')!;

describe('demo data load', () => {
  it('writes in chunks with progress from the first chunk, yielding between them', async () => {
    const db = createDatabase(`demo-${crypto.randomUUID()}`);
    const seen: DemoProgress[] = [];
    let timerRan = 0;
    const ticker = setInterval(() => timerRan++, 0);
    const result = await loadDemoData(db, chengdu, 600, (p) => seen.push(p));
    clearInterval(ticker);
    expect(result).toMatchObject({ buyers: 600, talks: 1200, cancelled: false });
    expect(await db.table('buyers').count()).toBe(600);
    expect(await db.table('contacts').count()).toBe(1200);
    expect(await db.table('tradeTalks').count()).toBe(1200);
    // Progress from the first 250 buyers on, never backwards, ending at 100 %.
    expect(seen[0]!.done).toBe(250);
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
    expect(seen.at(-1)!.done).toBe(seen.at(-1)!.total);
    // The event loop ran between chunks (the window would have painted).
    expect(timerRan).toBeGreaterThan(3);
    // Cities match the office (no Shanghai firms in a Chengdu office).
    const cities = new Set(
      (await db.table('buyers').toArray()).map((b: { city: string }) => b.city),
    );
    for (const c of cities) expect(['成都市', '绵阳市', '德阳市', '重庆市', '乐山市']).toContain(c);
    db.close();
    await db.delete();
  });

  it('stops between two chunks when cancelled, keeping what was written', async () => {
    const db = createDatabase(`demo-${crypto.randomUUID()}`);
    const controller = new AbortController();
    const result = await loadDemoData(
      db,
      chengdu,
      1_000,
      (p) => {
        if (p.done >= 250) controller.abort();
      },
      controller.signal,
    );
    expect(result).toMatchObject({ buyers: 250, talks: 0, cancelled: true });
    expect(await db.table('buyers').count()).toBe(250);
    expect(await db.table('tradeTalks').count()).toBe(0);
    db.close();
    await db.delete();
  });
});
