import { TIME_FONT_PX, timeTextWidth } from '../model/block-layout';

/**
 * The pixel width of a block's time text in the font the screen really uses
 * (canvas measureText, 600 12px, or 10px for a short block's start, in the
 * page's font family), cached per family, size and text; the estimate of
 * blockLayout.timeTextWidth where there is no canvas.
 */
const widths = new Map<string, number>();
let context: CanvasRenderingContext2D | null | undefined;

export function measureTimeText(
  text: string,
  family: string,
  fontPx: number = TIME_FONT_PX,
): number {
  const key = `${family}|${fontPx}|${text}`;
  let width = widths.get(key);
  if (width !== undefined) return width;
  if (context === undefined) {
    try {
      context = document.createElement('canvas').getContext('2d');
    } catch {
      context = null;
    }
  }
  if (context && family) {
    context.font = `600 ${fontPx}px ${family}`;
    // One pixel of slack for sub-pixel rounding of the laid-out text.
    width = Math.ceil(context.measureText(text).width) + 1;
  } else {
    width = timeTextWidth(text, fontPx);
  }
  widths.set(key, width);
  return width;
}

/** The page's font family now (the app sets it per UI language). */
export function pageFontFamily(): string {
  if (typeof document === 'undefined' || typeof getComputedStyle !== 'function') return '';
  try {
    return getComputedStyle(document.body).fontFamily;
  } catch {
    return '';
  }
}
