import { createContext, useContext } from 'react';

/** Whether IndexedDB opened at startup; false shows a warning banner. */
export const StorageStatusContext = createContext(true);

export function useStorageAvailable(): boolean {
  return useContext(StorageStatusContext);
}
