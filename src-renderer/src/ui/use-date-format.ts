import { useSettings } from '../state/settings-context';
import { datePickerFormat } from './picker-formats';

/** The reader's date format for a DatePicker's `format` (ISO typed is read too). */
export function useDatePickerFormat(): string[] {
  return datePickerFormat(useSettings((s) => s.language));
}
