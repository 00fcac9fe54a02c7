/**
 * Wires a database's access records at startup: who acts (from the composition root) and
 * the push to HQ after each successful sync.
 */
import type { Actor } from '@shared/audit';
import type { BridgeheadDatabase } from '../../data/db';
import { getSyncService } from '../sync-ui';
import { getAccessLog, type ActorSource } from './data/access-log';
import { pushAccessLog } from './data/push';

const started = new WeakSet<BridgeheadDatabase>();

/**
 * The actor from this laptop's HQ link alone (device and office; no person until the link
 * names one): used until the composition root gives a better source.
 */
export function linkActor(db: BridgeheadDatabase, fallbackOfficeId: () => string | null): Actor {
  const enrollment = getSyncService(db).store.getState().enrollment;
  return {
    staffId: null,
    staffName: null,
    deviceId: enrollment?.deviceId ?? null,
    officeId: enrollment ? enrollment.officeId : fallbackOfficeId(),
  };
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
