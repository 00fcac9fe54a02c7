/**
 * Wires a database's access records at startup: who acts (from the composition root) and
 * the push to HQ after each successful sync.
 */
import type { Actor } from '@shared/audit';
import type { BridgeheadDatabase } from '../../data/db';
import { currentActor, getSyncService } from '../sync-ui';
import { getAccessLog, type ActorSource } from './data/access-log';
import { pushAccessLog } from './data/push';

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
    getSyncService(db).addAfterSync((link) => pushAccessLog(db, link).then(() => undefined));
  }
  return log;
}
