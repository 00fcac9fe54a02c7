// HQ's Laptops screen shows which app version each laptop runs, end to end in Debian's
// Chromium: a real HQ server (child process, SQLite), a release published with the HQ CLI
// (`releases:publish`, checked against its sha512), a Tokyo laptop linked and synced through
// the app (its sync sends the app's version), and an HQ laptop opening Laptops: the Tokyo
// laptop's row shows its version and "Behind", and the summary names the newest release.
// On the way, the linked laptop's sync screen passes axe (the red Unlink button's contrast).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { version as APP_VERSION } from '../../package.json';
import { chooseLanguage, enrollThroughUi, syncNow } from './support/app';
import { seriousA11yViolations } from './support/axe';
import { baseUrl, openLaptop, screenshot, type Laptop } from './support/browser';
import { startHqServer, type HqServer } from './support/hq-server';

const NEWEST = '9.0.0';

/** What `npm run package` leaves for a Windows release: installer, blockmap, latest.yml. */
function releaseFolder(root: string): string {
  const dir = join(root, `build-${NEWEST}`);
  mkdirSync(dir, { recursive: true });
  const exe = `Bridgehead-Setup-${NEWEST}.exe`;
  const bytes = randomBytes(32 * 1024);
  writeFileSync(join(dir, exe), bytes);
  writeFileSync(join(dir, `${exe}.blockmap`), randomBytes(256));
  const sha512 = createHash('sha512').update(bytes).digest('base64');
  writeFileSync(
    join(dir, 'latest.yml'),
    dump({
      version: NEWEST,
      files: [{ url: exe, sha512, size: bytes.length }],
      path: exe,
      sha512,
      releaseDate: '2026-12-01T00:00:00.000Z',
    }),
  );
  return dir;
}

describe('HQ Laptops screen: app versions', () => {
  let hq: HqServer;
  let tokyo: Laptop;
  let desk: Laptop;
  let tmp: string;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'bridgehead-release-'));
    hq = await startHqServer();
    [tokyo, desk] = await Promise.all([openLaptop(), openLaptop()]);
  });

  afterAll(async () => {
    await Promise.all([tokyo?.close(), desk?.close()]);
    await hq?.dispose();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('shows each laptop version, who is behind, and the newest release', async () => {
    const published = await hq.cli(['releases:publish', releaseFolder(tmp), '--percent', '10']);
    expect(published).toContain(NEWEST);

    await chooseLanguage(tokyo.page, 'en');
    await enrollThroughUi(
      tokyo.page,
      hq.url,
      await hq.createEnrollmentCode('tokyo'),
      'Tokyo laptop 7',
      'Tokyo',
    );
    await syncNow(tokyo.page);
    // The linked laptop's sync screen, with its red "Unlink this laptop": readable (axe's
    // colour contrast), and one main landmark as on every screen.
    await tokyo.page.getByTestId('sync-unlink').waitFor();
    expect(await seriousA11yViolations(tokyo.page)).toEqual([]);
    expect(await tokyo.page.locator('main, [role="main"]').count()).toBe(1);

    await chooseLanguage(desk.page, 'en');
    await enrollThroughUi(desk.page, hq.url, await hq.createEnrollmentCode('hq'), 'HQ desk', 'HQ');
    await desk.page.goto(`${baseUrl()}#/hq-devices`);
    const row = desk.page.getByRole('row').filter({ hasText: 'Tokyo laptop 7' });
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toContain(APP_VERSION);
    expect(await row.innerText()).toContain('Behind');
    const summary = desk.page.getByTestId('hq-devices-versions');
    expect(await summary.innerText()).toContain(`newest release (${NEWEST})`);
    await screenshot(desk.page, 'hq-laptops-versions-en');

    await chooseLanguage(desk.page, 'ko');
    await desk.page.goto(`${baseUrl()}#/hq-devices`);
    await expect
      .poll(() => desk.page.getByRole('row').filter({ hasText: 'Tokyo laptop 7' }).innerText())
      .toContain(APP_VERSION);
    await screenshot(desk.page, 'hq-laptops-versions-ko');
    expect([...tokyo.errors, ...desk.errors]).toEqual([]);
  });
});
