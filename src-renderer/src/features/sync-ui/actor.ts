/**
 * Who is using this laptop: the staff member HQ linked it for (issue 14). Access records,
 * the lock screen and anything else that must name the person read it here, from the link
 * state the sync service holds (never from anything the person types).
 */
import { useStore } from 'zustand';
import type { Enrollment } from './enrollment';
import type { SyncService } from './sync-service';
import { useSyncService } from './use-sync';

export interface Actor {
  /** Stable across the person's laptops and links; null: the link names nobody. */
  staffId: string | null;
  staffName: string | null;
  /** This laptop's link (HQ's device id). */
  deviceId: string;
  /** null = an HQ laptop (reads every office). */
  officeId: string | null;
}

/** The actor of a link (null while not linked). */
export function actorOf(enrollment: Enrollment | null): Actor | null {
  if (!enrollment) return null;
  return {
    staffId: enrollment.staff?.id ?? null,
    staffName: enrollment.staff?.name ?? null,
    deviceId: enrollment.deviceId,
    officeId: enrollment.officeId,
  };
}

/** The current actor of a sync service, outside React (null: not linked, or not loaded yet). */
export function currentActor(service: SyncService): Actor | null {
  return actorOf(service.store.getState().enrollment);
}

/** The current actor in a component; re-renders when the link changes. */
export function useActor(): Actor | null {
  const enrollment = useStore(useSyncService().store, (s) => s.enrollment);
  return actorOf(enrollment);
}
