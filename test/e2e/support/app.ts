// Driving the app like a person on a laptop (shared by the e2e files): language, linking to
// HQ with a one-time code, "Sync now", antd searchable selects, and reading the app's
// IndexedDB directly (without the app) to check what it stored.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Language } from '../../../src-shared/i18n/languages';
import { baseUrl } from './browser';
import { createValueCipher } from '../../../src-renderer/src/data/encryption/cipher';

export const SYNC_TIMEOUT = 60_000;

export type IdbRow = Record<string, unknown> & { id: string };

/**
 * Every row of an IndexedDB store of the app's database exactly as stored, read without the
 * app (sealed values, issue 14, are `Uint8Array`s in `_enc`).
 */
export async function rawIdbRows(page: Page, store: string, database = 'bridgehead') {
  const rows = await page.evaluate(
    async ([dbName, name]) => {
      const open = indexedDB.open(dbName!);
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      try {
        if (!db.objectStoreNames.contains(name!)) return [];
        const all = await new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
          const req = db.transaction(name!).objectStore(name!).getAll();
          req.onsuccess = () => resolve(req.result as Array<Record<string, unknown>>);
          req.onerror = () => reject(req.error);
        });
        // Bytes cross to Node as plain arrays.
        return all.map((r) =>
          r && r._enc instanceof Uint8Array ? { ...r, _enc: { bytes: Array.from(r._enc) } } : r,
        );
      } finally {
        db.close();
      }
    },
    [database, store],
  );
  return rows.map((r) => {
    const enc = (r as { _enc?: { bytes: number[] } })._enc;
    return enc ? { ...r, _enc: Uint8Array.from(enc.bytes) } : r;
  }) as IdbRow[];
}

/**
 * The profile's data key in browser mode: unwrapped in the page with the non-extractable
 * WebCrypto key the app stored (src-renderer/src/data/encryption/browser-key.ts), as the app
 * does at start. Only a test does this; the key never leaves the page otherwise.
 */
export async function profileDataKey(page: Page): Promise<Uint8Array> {
  const bytes = await page.evaluate(async () => {
    const open = indexedDB.open('bridgehead-keys');
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      const row = await new Promise<{
        wrappingKey: CryptoKey;
        iv: Uint8Array;
        wrapped: ArrayBuffer;
      }>((resolve, reject) => {
        const req = db.transaction('keys').objectStore('keys').get('data-key');
        req.onsuccess = () => resolve(req.result as never);
        req.onerror = () => reject(req.error);
      });
      const key = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: row.iv as Uint8Array<ArrayBuffer> },
        row.wrappingKey,
        row.wrapped,
      );
      return Array.from(new Uint8Array(key));
    } finally {
      db.close();
    }
  });
  return Uint8Array.from(bytes);
}

/** Every row of an IndexedDB store of the app's database, read without the app, opened as it reads them. */
export async function idbRows(page: Page, store: string): Promise<IdbRow[]> {
  const rows = await rawIdbRows(page, store);
  if (!rows.some((r) => r._enc instanceof Uint8Array)) return rows;
  const cipher = createValueCipher(await profileDataKey(page));
  return rows.map((r) => {
    if (!(r._enc instanceof Uint8Array)) return r;
    const { _enc, ...rest } = r;
    return { ...rest, ...(cipher.open(store, _enc) as Record<string, unknown>) } as IdbRow;
  });
}

/** Changes not yet acked by HQ (entries of the outbox rows). */
export async function outboxCount(page: Page): Promise<number> {
  const rows = (await idbRows(page, '_outbox')) as unknown as Array<{ entries: unknown[] }>;
  return rows.reduce((n, r) => n + r.entries.length, 0);
}

/** The settings screen's language picker. */
export async function chooseLanguage(page: Page, language: Language = 'en') {
  await page.goto(`${baseUrl()}#/settings`);
  await page.getByTestId('settings-language').click();
  await page.locator(`.ant-select-dropdown [data-language="${language}"]`).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

/** The app lock's PIN the e2e laptops choose right after linking (issue 14). */
export const E2E_PIN = '482913';

/** Fills the sync screen's link form (English UI) and links; the PIN screen comes next. */
export async function linkThroughUi(page: Page, hqUrl: string, code: string, name: string) {
  await page.goto(`${baseUrl()}#/sync`);
  await page.getByTestId('sync-enroll').waitFor();
  await page.getByLabel('HQ server address').fill(hqUrl);
  await page.getByLabel('One-time code').fill(code);
  await page.getByLabel('Name of this laptop').fill(name);
  await page.getByRole('button', { name: 'Link this laptop' }).click();
  await page.getByTestId('lock-setup').waitFor({ timeout: SYNC_TIMEOUT });
}

/** Chooses the app lock's PIN on the screen that follows linking; the app shows again. */
export async function choosePin(page: Page, pin = E2E_PIN) {
  await page.getByTestId('lock-setup-pin').fill(pin);
  await page.getByTestId('lock-setup-repeat').fill(pin);
  await page.getByTestId('lock-setup-save').click();
  await page.getByTestId('lock-setup').waitFor({ state: 'detached', timeout: SYNC_TIMEOUT });
}

/** Unlocks with the PIN (the lock screen must be showing). */
export async function unlock(page: Page, pin = E2E_PIN) {
  await page.getByTestId('lock-pin').fill(pin);
  await page.getByTestId('lock-unlock').click();
  await page.getByTestId('lock-screen').waitFor({ state: 'detached', timeout: SYNC_TIMEOUT });
}

/**
 * Links the laptop to HQ on the sync screen (English UI) with a one-time code and chooses the
 * app lock's PIN; `office` is what the screen must then name as this laptop's office (e.g.
 * "Tokyo", or "HQ").
 */
export async function enrollThroughUi(
  page: Page,
  hqUrl: string,
  code: string,
  name: string,
  office: string,
) {
  await linkThroughUi(page, hqUrl, code, name);
  await choosePin(page);
  await page.getByTestId('sync-status').waitFor();
  expect(await page.getByTestId('sync-office').innerText()).toContain(office);
}

/** "Sync now" on the sync screen, then wait until nothing is waiting and the phase is calm. */
export async function syncNow(page: Page) {
  await page.goto(`${baseUrl()}#/sync`);
  await page.getByTestId('sync-status').waitFor();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(() => outboxCount(page), { timeout: SYNC_TIMEOUT }).toBe(0);
  await expect
    .poll(() => page.getByTestId('sync-phase').innerText(), { timeout: SYNC_TIMEOUT })
    .toContain('Up to date');
}

/** Types into an antd searchable Select (by test id) and takes the first match. */
export async function pickByTyping(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
  await page.keyboard.press('Enter');
}
