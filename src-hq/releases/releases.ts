/**
 * Laptop releases served from HQ to electron-updater's generic provider.
 *
 * `hq releases:publish <folder>` registers what `npm run package` made: the channel files
 * (`latest.yml`, `latest-mac.yml`, `latest-linux.yml`), the installers and blockmaps they
 * name. Every file is checked against its sha512 and size in the channel file (a tampered or
 * incomplete build is refused) and copied under HQ_RELEASES_DIR/<version>/.
 *
 * Which release a laptop is offered: the highest one not paused or withdrawn whose rollout
 * share (its office's, else the release's) covers the laptop. A laptop's place in a release's
 * rollout is a hash of (version, device id): deterministic, and another shuffle per release.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { load } from 'js-yaml';
import type { Kysely } from 'kysely';
import { compareAppVersions, isAppVersion } from '@shared/sync/protocol';
import type { HqSchema } from '../db/schema';

export class ReleaseError extends Error {}

/** electron-builder's channel files: `latest.yml` (Windows), `latest-mac.yml`, `latest-linux*.yml`. */
export const CHANNEL_FILE = /^latest(?:-(?:mac|linux(?:-[a-z0-9]+)?))?\.yml$/;

export interface UpdateInfo {
  version: string;
  files: Array<{ url: string; sha512: string; size: number; blockMapSize?: number }>;
  path?: string;
  sha512?: string;
  releaseDate?: string;
  stagingPercentage?: number;
  [key: string]: unknown;
}

export interface ReleaseFile {
  name: string;
  size: number;
  sha512: string;
}

export function sha512Base64(file: string): Promise<string> {
  return new Promise((res, rej) => {
    const hash = createHash('sha512');
    createReadStream(file)
      .on('data', (c) => hash.update(c))
      .on('end', () => res(hash.digest('base64')))
      .on('error', rej);
  });
}

export const compareVersions = compareAppVersions;

/** The laptop's place (0-99) in a release's rollout: the same answer every time it asks. */
export function rolloutBucket(version: string, deviceId: string): number {
  return createHash('sha256').update(`${version}\u0000${deviceId}`).digest().readUInt32BE(0) % 100;
}

export interface PublishResult {
  version: string;
  files: ReleaseFile[];
  channels: string[];
}

export async function publishRelease(
  db: Kysely<HqSchema>,
  releasesDir: string,
  folder: string,
  opts: { percent: number; notes: string | null; now: number },
): Promise<PublishResult> {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new ReleaseError(`${folder} is not a folder`);
  }
  const channelNames = readdirSync(folder)
    .filter((f) => CHANNEL_FILE.test(f))
    .sort();
  if (channelNames.length === 0) {
    throw new ReleaseError(
      `no latest*.yml in ${folder}: publish the output folder of npm run package`,
    );
  }
  const channels: Record<string, UpdateInfo> = {};
  for (const name of channelNames) {
    const info = load(readFileSync(join(folder, name), 'utf8')) as UpdateInfo;
    if (
      !info ||
      typeof info !== 'object' ||
      !isAppVersion(info.version) ||
      !Array.isArray(info.files)
    ) {
      throw new ReleaseError(`${name}: not an electron-builder update file`);
    }
    channels[name] = info;
  }
  const version = channels[channelNames[0]!]!.version;
  for (const [name, info] of Object.entries(channels)) {
    if (info.version !== version)
      throw new ReleaseError(`${name} is version ${info.version}, not ${version}`);
  }
  if (
    await db
      .selectFrom('releases')
      .select('version')
      .where('version', '=', version)
      .executeTakeFirst()
  ) {
    throw new ReleaseError(`version ${version} is already published (publish a higher version)`);
  }
  const files = new Map<string, ReleaseFile>();
  for (const info of Object.values(channels)) {
    for (const f of info.files) {
      const name = basename(decodeURIComponent(f.url));
      if (name !== decodeURIComponent(f.url) || name.startsWith('.')) {
        throw new ReleaseError(`${f.url}: files must be plain names in the release folder`);
      }
      const path = join(folder, name);
      if (!existsSync(path))
        throw new ReleaseError(`${name} is named by a channel file but missing`);
      const size = statSync(path).size;
      const sha512 = await sha512Base64(path);
      if (sha512 !== f.sha512 || size !== f.size) {
        throw new ReleaseError(
          `${name} does not match its sha512 or size in the channel file: tampered or incomplete, refused`,
        );
      }
      files.set(name, { name, size, sha512 });
      const blockmap = `${name}.blockmap`;
      if (existsSync(join(folder, blockmap))) {
        const p = join(folder, blockmap);
        files.set(blockmap, {
          name: blockmap,
          size: statSync(p).size,
          sha512: await sha512Base64(p),
        });
      }
    }
  }
  const dir = join(releasesDir, version);
  mkdirSync(dir, { recursive: true });
  for (const f of files.values()) copyFileSync(join(folder, f.name), join(dir, f.name));
  const percent = Math.max(0, Math.min(100, Math.round(opts.percent)));
  await db
    .insertInto('releases')
    .values({
      version,
      published_at: opts.now,
      rollout_percent: percent,
      paused: 0,
      withdrawn_at: null,
      notes: opts.notes,
      files: JSON.stringify([...files.values()]),
      channel_files: JSON.stringify(channels),
    })
    .execute();
  return { version, files: [...files.values()], channels: channelNames };
}

export interface ReleaseRow {
  version: string;
  publishedAt: number;
  percent: number;
  officePercents: Record<string, number>;
  paused: boolean;
  withdrawn: boolean;
  files: ReleaseFile[];
  channels: Record<string, UpdateInfo>;
}

export async function listReleases(db: Kysely<HqSchema>): Promise<ReleaseRow[]> {
  const [rows, offices] = await Promise.all([
    db.selectFrom('releases').selectAll().execute(),
    db.selectFrom('release_office_rollouts').selectAll().execute(),
  ]);
  return rows
    .map((r) => ({
      version: r.version,
      publishedAt: r.published_at,
      percent: r.rollout_percent,
      officePercents: Object.fromEntries(
        offices.filter((o) => o.version === r.version).map((o) => [o.office_id, o.rollout_percent]),
      ),
      paused: r.paused === 1,
      withdrawn: r.withdrawn_at !== null,
      files: JSON.parse(r.files) as ReleaseFile[],
      channels: JSON.parse(r.channel_files) as Record<string, UpdateInfo>,
    }))
    .sort((a, b) => compareVersions(b.version, a.version));
}

/** The release this laptop is offered now (highest first), or null. */
export function releaseFor(
  releases: readonly ReleaseRow[],
  device: { id: string; officeId: string | null },
): ReleaseRow | null {
  for (const r of releases) {
    if (r.paused || r.withdrawn) continue;
    const percent =
      (device.officeId !== null ? r.officePercents[device.officeId] : undefined) ?? r.percent;
    if (rolloutBucket(r.version, device.id) < percent) return r;
  }
  return null;
}

/** The newest release offered to anyone (the Laptops screen's "behind" line). */
export function newestRelease(releases: readonly ReleaseRow[]): ReleaseRow | null {
  return releases.find((r) => !r.withdrawn && !r.paused) ?? null;
}

async function mustExist(db: Kysely<HqSchema>, version: string) {
  const row = await db
    .selectFrom('releases')
    .select('version')
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw new ReleaseError(`no published release ${version} (releases:list)`);
}

export async function setRollout(
  db: Kysely<HqSchema>,
  version: string,
  percent: number,
  officeId: string | null,
) {
  await mustExist(db, version);
  if (officeId === null) {
    await db
      .updateTable('releases')
      .set({ rollout_percent: percent })
      .where('version', '=', version)
      .execute();
    return;
  }
  const office = await db
    .selectFrom('offices')
    .select('id')
    .where('id', '=', officeId)
    .executeTakeFirst();
  if (!office) throw new ReleaseError(`no office ${officeId}`);
  await db
    .insertInto('release_office_rollouts')
    .values({ version, office_id: officeId, rollout_percent: percent })
    .onConflict((oc) =>
      oc.columns(['version', 'office_id']).doUpdateSet({ rollout_percent: percent }),
    )
    .execute();
}

export async function setPaused(db: Kysely<HqSchema>, version: string, paused: boolean) {
  await mustExist(db, version);
  await db
    .updateTable('releases')
    .set({ paused: paused ? 1 : 0 })
    .where('version', '=', version)
    .execute();
}

/** Withdraws a release for good (laptops are never downgraded: publish a higher version). */
export async function withdrawRelease(db: Kysely<HqSchema>, version: string, now: number) {
  await mustExist(db, version);
  await db
    .updateTable('releases')
    .set({ withdrawn_at: now })
    .where('version', '=', version)
    .execute();
}
