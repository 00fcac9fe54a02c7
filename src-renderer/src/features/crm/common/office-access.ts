/**
 * Who may change an office's CRM records. An office's buyers and talks belong to that
 * office: its laptops record them. An HQ laptop sees every office (as last synced) but
 * changes only HQ's own records, so Buyers agrees with Offices › <office> ("read only").
 * Plain module: the list, the detail screen and the edit form ask the same question.
 */
import { DEFAULT_OFFICE_ID } from '../../../state/settings-store';

/** Whether this laptop may edit, merge or log talks on a record of `recordOfficeId`. */
export function canEditOfficeRecord(isHqDevice: boolean, recordOfficeId: string): boolean {
  return !isHqDevice || recordOfficeId === DEFAULT_OFFICE_ID;
}
