/**
 * Which forms hold edits not yet saved. The app never restarts to update while any does
 * (main asks through the update report). Forms register with useUnsavedEdits(dirty).
 */
import { useEffect, useId } from 'react';
import { createStore } from 'zustand/vanilla';

export const unsavedEditsStore = createStore<{ keys: ReadonlySet<string> }>()(() => ({
  keys: new Set<string>(),
}));

export function setUnsavedEdits(key: string, dirty: boolean): void {
  const { keys } = unsavedEditsStore.getState();
  if (keys.has(key) === dirty) return;
  const next = new Set(keys);
  if (dirty) next.add(key);
  else next.delete(key);
  unsavedEditsStore.setState({ keys: next });
}

export function hasUnsavedEdits(): boolean {
  return unsavedEditsStore.getState().keys.size > 0;
}

/** Marks this component's form as holding unsaved edits while `dirty` (cleared on unmount). */
export function useUnsavedEdits(dirty: boolean): void {
  const key = useId();
  useEffect(() => {
    setUnsavedEdits(key, dirty);
  }, [key, dirty]);
  useEffect(() => () => setUnsavedEdits(key, false), [key]);
}
