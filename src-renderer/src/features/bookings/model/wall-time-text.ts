import { instantToWallTime, offsetLabel } from '@shared/bookings';
import { formatTime } from '@shared/format';
import type { Language } from '@shared/i18n/languages';

/**
 * A wall time as a schedule shows it: "09:00", and in the hour that happens
 * twice when the clocks go back, with its offset, "01:30 (UTC-07:00)", so the
 * choice saved with the booking shows wherever the booking does.
 */
export function wallTimeText(at: number | string, zone: string, language: Language): string {
  const text = formatTime(at, zone, language);
  const wall = instantToWallTime(at, zone);
  return wall.ambiguous ? `${text} (${offsetLabel(wall.offsetMinutes)})` : text;
}
