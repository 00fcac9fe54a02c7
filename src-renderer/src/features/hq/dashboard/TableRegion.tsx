import type { ReactNode } from 'react';

/**
 * A wide table in a region that scrolls sideways on its own: focusable (keyboard users can
 * scroll it) and named, as axe's scrollable-region-focusable asks. The table inside is
 * rendered without antd's own scroll container.
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="bh-hq-table-region" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
