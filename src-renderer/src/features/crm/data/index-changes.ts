import type { IntervalTree } from 'dexie';
import { CRM_TABLES } from './records';
import { namedKeysOf } from './named-writes';

/** Primary keys named by a Dexie change set; false when a range (clear, bulk delete) changed. */
function pointKeys(tree: IntervalTree, out: string[]): boolean {
  if (!('from' in tree)) return true;
  if (tree.from !== tree.to || typeof tree.from !== 'string') return false;
  out.push(tree.from);
  return (!tree.l || pointKeys(tree.l, out)) && (!tree.r || pointKeys(tree.r, out));
}

/**
 * The writes the CRM index has heard of (Dexie's storagemutated: this window,
 * another one, the sync pull worker) and not applied yet: keys per table, or
 * a full reload when a write named no keys (a clear, a range delete).
 */
export class PendingChanges {
  buyers = new Set<string>();
  contacts = new Set<string>();
  talks = new Set<string>();
  fullReload = false;

  get any(): boolean {
    return this.fullReload || !!(this.buyers.size || this.contacts.size || this.talks.size);
  }

  /** Takes the keyed changes out (to apply them); the full-reload flag stays. */
  take(): { buyers: Set<string>; contacts: Set<string>; talks: Set<string> } {
    const taken = { buyers: this.buyers, contacts: this.contacts, talks: this.talks };
    this.buyers = new Set();
    this.contacts = new Set();
    this.talks = new Set();
    return taken;
  }

  /**
   * Records the CRM writes of one committed change set of database `dbName`.
   * Returns which tables were touched (none: nothing to do).
   */
  record(dbName: string, parts: Record<string, IntervalTree>): { any: boolean; buyers: boolean } {
    const prefix = `idb://${dbName}/`;
    const named = namedKeysOf(parts);
    let any = false;
    let buyers = false;
    for (const [part, tree] of Object.entries(parts)) {
      if (!part.startsWith(prefix)) continue;
      const [table, index] = part.slice(prefix.length).split('/');
      if (index !== '' && index !== ':dels') continue;
      const target =
        table === CRM_TABLES.buyers
          ? this.buyers
          : table === CRM_TABLES.contacts
            ? this.contacts
            : table === CRM_TABLES.tradeTalks
              ? this.talks
              : null;
      if (!target) continue;
      if (target === this.buyers) buyers = true;
      const keys: string[] = [];
      const namedKeys =
        target === this.buyers
          ? named?.buyers
          : target === this.contacts
            ? named?.contacts
            : undefined;
      if (pointKeys(tree, keys)) keys.forEach((k) => target.add(k));
      // A bulk write reported as a range, whose writer named its keys: just those.
      else if (namedKeys) namedKeys.forEach((k) => target.add(k));
      else this.fullReload = true;
      any = true;
    }
    return { any, buyers };
  }
}
