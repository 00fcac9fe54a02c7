import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { SettingsState, SettingsStore } from './settings-store';

const SettingsStoreContext = createContext<SettingsStore | null>(null);

export function SettingsStoreProvider({
  store,
  children,
}: {
  store: SettingsStore;
  children: ReactNode;
}) {
  return <SettingsStoreContext.Provider value={store}>{children}</SettingsStoreContext.Provider>;
}

export function useSettings<T>(selector: (state: SettingsState) => T): T {
  const store = useContext(SettingsStoreContext);
  if (!store) throw new Error('useSettings must be used inside SettingsStoreProvider');
  return useStore(store, selector);
}
