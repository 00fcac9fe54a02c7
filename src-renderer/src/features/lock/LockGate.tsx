import type { ReactNode } from 'react';
import './lock.css';
import { LockScreen } from './LockScreen';
import { PinSetup } from './PinSetup';
import { useLockState } from './use-lock';

/**
 * Renders the app only when it may be seen: not linked (nothing to lock) or unlocked. Locked,
 * the lock screen REPLACES the app (its screens unmount: no personal data stays in the DOM or
 * the window title); linked without a PIN for this link, the PIN is chosen first. `toolbar`:
 * what the lock screens offer besides (the language switcher, from the composition root).
 */
export function LockGate({ children, toolbar }: { children: ReactNode; toolbar?: ReactNode }) {
  const phase = useLockState((s) => s.phase);
  if (phase === 'loading') return <div className="bh-lock-splash" data-testid="lock-loading" />;
  if (phase === 'setup') return <PinSetup toolbar={toolbar} />;
  if (phase === 'locked') return <LockScreen toolbar={toolbar} />;
  return <>{children}</>;
}
