/**
 * The update feed for electron-updater's generic provider, for linked laptops only (device
 * credential and protocol header on every request, set as the updater's request headers):
 *   GET /v1/updates/latest.yml (latest-mac.yml, latest-linux.yml)  the release this laptop is
 *       offered (404 when none), file URLs pointing at the release's folder
 *   GET /v1/updates/<version>/<file>   an installer or blockmap, served only while its bytes
 *       still match the sha512 registered at publish (a file changed on disk is refused)
 */
import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { HttpError } from '../errors';
import type { RouteContext } from '../route-context';
import { CHANNEL_FILE, listReleases, releaseFor, sha512Base64, type UpdateInfo } from './releases';

export const UPDATES_PREFIX = '/v1/updates';

export function registerReleaseRoutes(ctx: RouteContext, releasesDir: string): void {
  const { app, hq, requireDevice } = ctx;
  /** path -> "mtime:size" of the last copy whose sha512 matched. */
  const verified = new Map<string, string>();

  app.get<{ Params: { channel: string } }>(
    `${UPDATES_PREFIX}/:channel`,
    { preHandler: requireDevice },
    async (request, reply) => {
      const { channel } = request.params;
      if (!CHANNEL_FILE.test(channel)) throw new HttpError(404, 'not_found', 'No such update file');
      const release = releaseFor(await listReleases(hq.db), request.device!);
      const info = release?.channels[channel];
      if (!release || !info) {
        throw new HttpError(404, 'not_found', 'No update is offered to this laptop now');
      }
      // HQ decides the rollout per laptop: the client-side staging is switched off.
      const { stagingPercentage: _staged, ...rest } = info;
      const served: UpdateInfo = {
        ...rest,
        files: info.files.map((f) => ({ ...f, url: `${release.version}/${f.url}` })),
        ...(info.path ? { path: `${release.version}/${info.path}` } : {}),
      };
      reply.header('content-type', 'text/yaml; charset=utf-8');
      reply.header('cache-control', 'no-store');
      return dump(served, { lineWidth: -1 });
    },
  );

  app.get<{ Params: { version: string; file: string } }>(
    `${UPDATES_PREFIX}/:version/:file`,
    { preHandler: requireDevice },
    async (request, reply) => {
      const { version, file } = request.params;
      const release = (await listReleases(hq.db)).find((r) => r.version === version);
      const entry =
        release && !release.withdrawn ? release.files.find((f) => f.name === file) : undefined;
      if (!release || !entry) throw new HttpError(404, 'not_found', 'No such release file');
      const path = join(releasesDir, release.version, entry.name);
      let stat;
      try {
        stat = statSync(path);
      } catch {
        request.log.error({ path }, 'release file missing');
        throw new HttpError(404, 'not_found', 'Release file missing on HQ');
      }
      const stamp = `${stat.mtimeMs}:${stat.size}`;
      if (verified.get(path) !== stamp) {
        if (stat.size !== entry.size || (await sha512Base64(path)) !== entry.sha512) {
          request.log.error({ path }, 'release file does not match its sha512: refused');
          throw new HttpError(500, 'server_error', 'Release file damaged on HQ');
        }
        verified.set(path, stamp);
      }
      reply.header('content-type', 'application/octet-stream');
      reply.header('content-length', String(stat.size));
      return reply.send(createReadStream(path));
    },
  );
}
