// The access records' public surface (issue 14): the writer, the reason prompt, startup
// wiring. It imports sync-ui only (its push runs after each sync cycle).
export { AccessLog, getAccessLog, NO_ACTOR, type ActorSource } from './data/access-log';
export { pushAccessLog, sentThrough } from './data/push';
export { ACCESS_LOG, ACCESS_LOG_CURSORS } from './data/stores';
export { ReasonModal, type ReasonRequest } from './ReasonModal';
export { useAccessLog, useReasonPrompt, useRecordedOutput } from './use-access-log';
export { linkActor, startAccessLog } from './start';
