// The CRM feature's public surface (buyers, contacts, trade talks, SME firms). Other
// features use only what is exported here; it imports sync-ui and updates only.
export { crmRoutes, type CrmSlots } from './routes';
export { CRM_TABLES } from './data/records';
export { useCrmIndex } from './data/use-crm';
export type { BuyerRow } from './data/crm-index';
export { bulkWriteBuyers } from './data/buyer-repository';
export { bulkWriteTalks, loadFxTables, type TalkLink } from './data/talk-repository';
export { TalkFormModal } from './talks/TalkFormModal';
export { SmeFirmModal } from './talks/SmeFirmModal';
export { firmLabel } from './common/firms';
export { CityName, CompanyName } from './common/names';
export { useCrmLabels, useOfficeContext } from './common/use-labels';
