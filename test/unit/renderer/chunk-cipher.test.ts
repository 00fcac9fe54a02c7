import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { CACHES } from '../../../src-renderer/src/data/change-log';
import { newDataKey, SealedValueError } from '../../../src-renderer/src/data/encryption/cipher';
import {
  chunkRow,
  chunkText,
  openedChunkOrNull,
  PRESEALED_FIELD,
} from '../../../src-renderer/src/data/encryption/chunk-cipher';
import { SEALED_FIELD } from '../../../src-renderer/src/data/encryption/middleware';
import {
  readChunk,
  writeSnapshot,
} from '../../../src-renderer/src/features/crm/data/index-snapshot';
import { uniqueDbName } from './migration-harness';

const MARK = 'Zq7Yamada';
const TEXT = JSON.stringify({
  rows: [{ id: 'b1', name: `${MARK} 商事`, phone: '+81 90 1234 5678' }],
});
const open: Dexie[] = [];

afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('snapshot chunks sealed with AES-GCM (issue 14, chunk-cipher.ts)', () => {
  it('opens what it sealed; another key, another chunk key or one altered byte opens nothing', async () => {
    const key = newDataKey();
    const row = await chunkRow(key, CACHES, 'crm:s1:rows:0', TEXT);
    const sealed = row[PRESEALED_FIELD]!;
    expect(row.json).toBeUndefined();
    expect(latin1(sealed)).not.toContain(MARK);
    expect(latin1(sealed)).not.toContain('+81');
    expect(await chunkText(key, CACHES, 'crm:s1:rows:0', row)).toBe(TEXT);
    // Two seals of the same text differ (random nonce).
    const again = await chunkRow(key, CACHES, 'crm:s1:rows:0', TEXT);
    expect(latin1(again[PRESEALED_FIELD]!)).not.toBe(latin1(sealed));

    await expect(chunkText(newDataKey(), CACHES, 'crm:s1:rows:0', row)).rejects.toThrow(
      SealedValueError,
    );
    // The same bytes under another chunk's key (a swapped chunk) do not open.
    await expect(chunkText(key, CACHES, 'crm:s1:rows:1', row)).rejects.toThrow(SealedValueError);
    const altered = sealed.slice();
    altered[altered.length - 20] = altered[altered.length - 20]! ^ 1;
    await expect(
      chunkText(key, CACHES, 'crm:s1:rows:0', { key: row.key, [PRESEALED_FIELD]: altered }),
    ).rejects.toThrow(SealedValueError);
    // A reader treats it as gone (the index then builds from the data).
    expect(await openedChunkOrNull(newDataKey(), CACHES, 'crm:s1:rows:0', row)).toBeNull();
    // Without a key (a sealed chunk in a database opened plain): refused, not misread.
    await expect(chunkText(null, CACHES, 'crm:s1:rows:0', row)).rejects.toThrow(SealedValueError);
  });

  it('a database without the encryption layer keeps the text as it is', async () => {
    const row = await chunkRow(null, CACHES, 'k', TEXT);
    expect(row).toEqual({ key: 'k', json: TEXT });
    expect(await chunkText(null, CACHES, 'k', row)).toBe(TEXT);
    expect(await chunkText(null, CACHES, 'k', undefined)).toBeNull();
  });

  it('a sealed database stores the snapshot chunks as AES-GCM only (not sealed twice), and reads both forms', async () => {
    const name = uniqueDbName('chunks');
    const db = new BridgeheadDatabase(name, undefined, { key: newDataKey() });
    open.push(db);
    await db.open();
    expect(
      await writeSnapshot(
        db,
        {
          seq: 0,
          total: 1,
          rowChunks: [TEXT],
          docChunks: [`["${MARK}-doc"]`],
          docsFingerprint: 'f',
        },
        async () => {},
      ),
    ).toBe(true);
    const raw = new Dexie(name);
    open.push(raw);
    await raw.open();
    const chunks = (await raw.table(CACHES).toArray()).filter(
      (r: { key: string }) => r.key.includes(':rows:') || r.key.includes(':docs:'),
    ) as Record<string, unknown>[];
    expect(chunks).toHaveLength(2);
    for (const row of chunks) {
      expect(Object.keys(row).sort()).toEqual([PRESEALED_FIELD, 'key']);
      expect(row[SEALED_FIELD]).toBeUndefined();
      expect(latin1(row[PRESEALED_FIELD] as Uint8Array)).not.toContain(MARK);
    }
    const rowKey = chunks.find((r) => String(r.key).includes(':rows:'))!.key as string;
    expect(await readChunk(db, rowKey)).toBe(TEXT);

    // A chunk stored the old way (text sealed by the middleware's XChaCha) still reads.
    await db.table(CACHES).put({ key: 'crm:old:rows:0', json: TEXT });
    const oldRaw = (await raw.table(CACHES).get('crm:old:rows:0')) as Record<string, unknown>;
    expect(oldRaw.json).toBeUndefined();
    expect(oldRaw[SEALED_FIELD]).toBeInstanceOf(Uint8Array);
    expect(await readChunk(db, 'crm:old:rows:0')).toBe(TEXT);
  });
});
