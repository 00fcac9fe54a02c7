/** A fake release build for the HQ releases tests and the laptop updater tests. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump } from 'js-yaml';

/**
 * What `npm run package` leaves in its output folder, for one version. `channelFile` names the
 * channel file (default `latest.yml`, Windows; electron-updater asks for the one of the
 * platform it runs on, e.g. `latest-linux.yml`).
 */
export function fakeBuild(
  root: string,
  version: string,
  opts: { tamper?: boolean; channelFile?: string } = {},
) {
  const dir = join(root, `build-${version}`);
  mkdirSync(dir, { recursive: true });
  const exe = `Bridgehead-Setup-${version}.exe`;
  const bytes = randomBytes(64 * 1024);
  writeFileSync(join(dir, exe), bytes);
  writeFileSync(join(dir, `${exe}.blockmap`), randomBytes(512));
  const sha512 = createHash('sha512').update(bytes).digest('base64');
  writeFileSync(
    join(dir, opts.channelFile ?? 'latest.yml'),
    dump({
      version,
      files: [{ url: exe, sha512, size: bytes.length }],
      path: exe,
      sha512,
      releaseDate: '2026-05-01T00:00:00.000Z',
      stagingPercentage: 10,
    }),
  );
  if (opts.tamper)
    writeFileSync(join(dir, exe), Buffer.concat([bytes.subarray(1), Buffer.from('!')]));
  return { dir, exe, bytes, sha512 };
}
