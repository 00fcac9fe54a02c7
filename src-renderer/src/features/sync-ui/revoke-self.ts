/**
 * An unlink revokes this laptop's own link at HQ (issue 14, sync-protocol.md §4): a copy of
 * the credential then opens nothing.
 */
import { SYNC_PATHS, revokeSelfResponseSchema } from '@shared/sync/protocol';
import { SyncRequestError, postToHq } from '../../sync';
import type { FetchLike } from '../../sync/transport';

/**
 * True when HQ no longer accepts the credential (revoked now or earlier, or unknown to HQ);
 * false when HQ could not be reached or did not do it (offline, an older HQ without the
 * endpoint): HQ should then revoke the laptop on its Laptops screen.
 */
export async function revokeOwnLink(link: {
  hqUrl: string;
  credential: string;
  fetch?: FetchLike;
}): Promise<boolean> {
  try {
    await postToHq(
      {
        baseUrl: link.hqUrl,
        credential: link.credential,
        ...(link.fetch ? { fetch: link.fetch } : {}),
      },
      SYNC_PATHS.revokeSelf,
      {},
      revokeSelfResponseSchema,
    );
    return true;
  } catch (error) {
    if (error instanceof SyncRequestError && error.status === 401) return true;
    console.warn('[sync] could not revoke this laptop at HQ while unlinking', error);
    return false;
  }
}
