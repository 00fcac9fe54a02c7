// App updates from the linked HQ: the notice, and the unsaved-edits flag forms raise so an
// update does not restart over a person's typing. It imports sync-ui only.
export { UpdateNotice } from './UpdateNotice';
export { useUnsavedEdits } from './unsaved-edits';
