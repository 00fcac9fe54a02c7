/**
 * Wires a database's access records at startup: who acts (from the composition root) and
 * the push to HQ after each successful sync.
 */
import type { Actor } from '@shared/audit';
import type { BridgeheadDatabase } from '../../data/db';
import { currentActor, getSyncService } from '../sync-ui';
import { getAccessLog, type ActorSource } from './data/access-log';
import { continueChain, forgetDeliveredLog, pushAccessLog } from './data/push';

const started = new WeakSet<BridgeheadDatabase>();

/**
 * Who acts: the person, device and office of this laptop's HQ link (sync-ui's actor, issue 14
 * item 1); on a laptop not linked yet, nobody named and the settings' office.
 */
export function linkActor(db: BridgeheadDatabase, fallbackOfficeId: () => string | null): Actor {
  return (
    currentActor(getSyncService(db)) ?? {
      staffId: null,
      staffName: null,
      deviceId: null,
      officeId: fallbackOfficeId(),
    }
  );
}

export function startAccessLog(db: BridgeheadDatabase, options: { actor?: ActorSource } = {}) {
  const log = getAccessLog(db);
  log.setActorSource(options.actor ?? (() => linkActor(db, () => null)));
  if (!started.has(db)) {
    started.add(db);
    const sync = getSyncService(db);
    sync.addAfterSync((link) => pushAccessLog(db, link).then(() => undefined));
    // A relink: the new device continues the old one's chain after what HQ holds of it.
    sync.addOnLinked(async (link, replaced) => {
      if (replaced) await continueChain(db, link.deviceId, replaced.accessLogSeq);
    });
    // An unlink: the tail goes under the old link; a fully delivered log is emptied.
    sync.addBeforeUnlink(async (link) => {
      await pushAccessLog(db, link);
      await forgetDeliveredLog(db, link.deviceId);
    });
  }
  return log;
}
