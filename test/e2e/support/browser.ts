// Launches Debian's Chromium through playwright-core with a persistent profile
// (real IndexedDB that survives a restart) and records console errors.
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_FLAGS } from '../../../scripts/chromium.mjs';

export const baseUrl = () => inject('baseUrl');

export function newProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'bridgehead-e2e-'));
}

export interface Laptop {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

export async function openLaptop(
  options: { profileDir?: string; locale?: string } = {},
): Promise<Laptop> {
  const profileDir = options.profileDir ?? newProfileDir();
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: inject('chromiumPath'),
    headless: true,
    args: CHROMIUM_FLAGS.filter((f) => f !== '--headless'),
    locale: options.locale ?? 'en-US',
    viewport: { width: 1366, height: 860 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  return { context, page, errors, close: () => context.close() };
}

const resultsDir = resolve(__dirname, '../../../test-results');

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = join(resultsDir, 'screenshots', `${name}.png`);
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
