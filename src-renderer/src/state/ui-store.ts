import { create } from 'zustand';

/** Transient UI state: lives for the session, never stored. */
export interface UiState {
  navCollapsed: boolean;
  setNavCollapsed(collapsed: boolean): void;
}

export const useUiStore = create<UiState>()((set) => ({
  navCollapsed: false,
  setNavCollapsed: (navCollapsed) => set({ navCollapsed }),
}));
