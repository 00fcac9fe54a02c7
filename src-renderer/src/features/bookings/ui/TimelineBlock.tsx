import { memo } from 'react';
import type { BookingStatus } from '@shared/bookings';

export interface TimelineRow {
  readonly id: string;
  readonly title: string;
  readonly titleLang?: string;
  readonly subtitle: string;
  readonly inactive?: boolean;
}

export interface TimelineItem {
  /** Unique per occurrence: `${bookingId}@${start}`. */
  readonly key: string;
  readonly bookingId: string;
  readonly rowId: string;
  readonly start: number;
  readonly end: number;
  /** Turnaround buffer after the trip, drawn as a hatched tail. */
  readonly bufferMs: number;
  readonly status: BookingStatus;
  readonly label: string;
  /** The script of the label when it is a name in one (lang attribute: fonts, speech). */
  readonly labelLang?: string;
  readonly inConflict: boolean;
  readonly recurring: boolean;
}

export const KEYS =
  'ArrowLeft ArrowRight ArrowUp ArrowDown Home End Enter M Shift+ArrowLeft Shift+ArrowRight Escape';

/** The resize grip: the block's last pixels (drawn by CSS as ::after). */
export const GRIP_PX = 8;

export interface BlockProps {
  readonly itemKey: string;
  readonly bookingId: string;
  readonly status: BookingStatus;
  readonly inConflict: boolean;
  readonly unsent: boolean;
  readonly pending: boolean;
  readonly pressed: boolean;
  readonly disabled: boolean;
  readonly tabStop: boolean;
  /** Absolute position on a track; absent in a day column of the fitted week (stacked). */
  readonly place?: { readonly left: number; readonly width: number; readonly top: number };
  readonly bufferWidth: number;
  readonly start: number;
  readonly end: number;
  /** The time as shown: whole ("08:00–10:30", "08:00") or nothing, never cut. */
  readonly time: string;
  /** The start in small type: a short block (30 minutes of a fitted day). */
  readonly smallTime?: boolean;
  /** The range on two lines, broken after this many characters ("08:00–" / "10:30"). */
  readonly stackAt?: number;
  readonly text: string;
  readonly textLang?: string;
  readonly showText: boolean;
  readonly label: string;
}

/**
 * One booking: the button itself (no wrapper) and, for vehicles on a track, its
 * turnaround tail as a sibling. Primitive props only, so that a drag or a focus
 * change re-renders the one or two blocks it touches, not the week. Events are
 * handled once for the whole timeline (delegation on the grid, by data-key).
 * The tooltip (title) is set on hover; the keyboard help and shortcuts are on
 * the tab stop, where keyboard focus enters the timeline.
 */
export const Block = memo(function Block(p: BlockProps) {
  return (
    <>
      <button
        type="button"
        className={`bk-block bk-status-${p.status}${p.inConflict ? ' bk-in-conflict' : ''}${p.unsent ? ' bk-not-at-hq' : ''}${p.pending ? ' bk-pending' : ''}${p.smallTime ? ' bk-block-small' : ''}`}
        style={p.place ? { left: p.place.left, width: p.place.width, top: p.place.top } : undefined}
        tabIndex={p.tabStop ? 0 : -1}
        aria-label={p.label}
        aria-describedby={p.tabStop ? 'bk-timeline-help' : undefined}
        aria-keyshortcuts={p.tabStop ? KEYS : undefined}
        aria-pressed={p.pressed ? true : undefined}
        data-key={p.itemKey}
        data-testid={`block-${p.bookingId}`}
        data-start={new Date(p.start).toISOString()}
        data-end={new Date(p.end).toISOString()}
        disabled={p.disabled}
      >
        {p.inConflict && <span aria-hidden className="bk-block-warn bk-icon bk-icon-warning" />}
        {p.unsent && (
          <span
            aria-hidden
            className="bk-block-hq bk-icon bk-icon-cloud"
            data-testid="block-not-at-hq"
          />
        )}
        {/* The space keeps the visible text a prefix of the accessible name. */}
        {p.time && (
          <span className="bk-block-time">
            {p.stackAt ? (
              <>
                {p.time.slice(0, p.stackAt)}
                <br />
                {p.time.slice(p.stackAt)}
              </>
            ) : (
              p.time
            )}
          </span>
        )}{' '}
        {p.showText && (
          <span className="bk-block-label" lang={p.textLang}>
            {p.text}
          </span>
        )}
      </button>
      {p.place && p.bufferWidth > 0 && (
        <span
          className="bk-buffer"
          aria-hidden
          style={{ left: p.place.left + p.place.width, width: p.bufferWidth, top: p.place.top }}
        />
      )}
    </>
  );
});
