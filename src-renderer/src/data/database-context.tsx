import { createContext, useContext, type ReactNode } from 'react';
import type { BridgeheadDatabase } from './db';

const DatabaseContext = createContext<BridgeheadDatabase | null>(null);

export function DatabaseProvider({
  db,
  children,
}: {
  db: BridgeheadDatabase;
  children: ReactNode;
}) {
  return <DatabaseContext.Provider value={db}>{children}</DatabaseContext.Provider>;
}

/** The app's Dexie database; screens read and write through it (and only it). */
export function useDatabase(): BridgeheadDatabase {
  const db = useContext(DatabaseContext);
  if (!db) throw new Error('useDatabase outside <DatabaseProvider>');
  return db;
}
