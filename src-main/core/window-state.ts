export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rectangle;
  isMaximized: boolean;
}

export interface DisplayArea {
  /** The display's work area (without task bar / dock). */
  workArea: Rectangle;
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 } as const;
export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;
/** How much of the title bar must be on a display for the user to grab it. */
const MIN_VISIBLE = 64;

function isFiniteInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e6;
}

/** Reads a saved state; anything unexpected (corrupt file, old format) gives null. */
export function parseWindowState(json: string | null | undefined): WindowState | null {
  if (!json) return null;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const { bounds, isMaximized } = data as Record<string, unknown>;
  if (typeof bounds !== 'object' || bounds === null) return null;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  if (![x, y, width, height].every(isFiniteInt)) return null;
  if ((width as number) <= 0 || (height as number) <= 0) return null;
  return {
    bounds: {
      x: Math.round(x as number),
      y: Math.round(y as number),
      width: Math.round(width as number),
      height: Math.round(height as number),
    },
    isMaximized: isMaximized === true,
  };
}

export function serializeWindowState(state: WindowState): string {
  return JSON.stringify(state);
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

function centered(area: Rectangle, width: number, height: number): Rectangle {
  const w = Math.min(width, area.width);
  const h = Math.min(height, area.height);
  return {
    x: area.x + Math.round((area.width - w) / 2),
    y: area.y + Math.round((area.height - h) / 2),
    width: w,
    height: h,
  };
}

/**
 * Returns bounds that are usable on the current displays: the saved bounds if
 * their title bar is reachable on some display (shrunk to fit it), otherwise
 * the default size centred on the primary (first) display. A window saved on
 * a monitor that has since been unplugged comes back this way.
 */
export function clampWindowState(
  saved: WindowState | null,
  displays: readonly DisplayArea[],
): WindowState {
  const primary = displays[0]?.workArea ?? { x: 0, y: 0, ...DEFAULT_WINDOW_SIZE };
  const fallback: WindowState = {
    bounds: centered(primary, DEFAULT_WINDOW_SIZE.width, DEFAULT_WINDOW_SIZE.height),
    isMaximized: saved?.isMaximized ?? false,
  };
  if (!saved) return fallback;

  const { bounds } = saved;
  const titleBar: Rectangle = { x: bounds.x, y: bounds.y, width: bounds.width, height: 32 };
  const home = displays.find((d) => {
    const o = overlap(titleBar, d.workArea);
    return o.width >= Math.min(MIN_VISIBLE, bounds.width) && o.height > 0;
  });
  if (!home) return fallback;

  const area = home.workArea;
  const width = Math.max(
    Math.min(bounds.width, area.width),
    Math.min(MIN_WINDOW_SIZE.width, area.width),
  );
  const height = Math.max(
    Math.min(bounds.height, area.height),
    Math.min(MIN_WINDOW_SIZE.height, area.height),
  );
  // Keep the window inside its display's work area.
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - height);
  return { bounds: { x, y, width, height }, isMaximized: saved.isMaximized };
}
