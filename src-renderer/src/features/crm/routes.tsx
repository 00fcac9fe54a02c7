import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { BuyerDetailScreen } from './buyers/BuyerDetailScreen';
import { BuyerFormScreen } from './buyers/BuyerFormScreen';
import { BuyerListScreen } from './buyers/BuyerListScreen';
import { TalksScreen } from './talks/TalksScreen';
import { SubjectScreen, type SubjectEraseSlot } from './subjects/SubjectScreen';

/** What the composition root hands the CRM screens from features that sit above crm. */
export interface CrmSlots {
  /** Offered on the empty buyer list beside "create" (the demo loader: demo imports crm). */
  emptyBuyersAction?: ReactNode;
  /** HQ's "erase everywhere" on a contact's personal-data page (the hq feature offers it). */
  subjectErase?: SubjectEraseSlot;
}

/** Routes of the CRM screens (buyers, trade talks), under the app layout. */
export function crmRoutes(slots: CrmSlots = {}): RouteObject[] {
  return [
    { path: 'buyers', element: <BuyerListScreen emptyAction={slots.emptyBuyersAction} /> },
    { path: 'buyers/new', element: <BuyerFormScreen /> },
    { path: 'buyers/:id', element: <BuyerDetailScreen /> },
    { path: 'buyers/:id/edit', element: <BuyerFormScreen key="edit" /> },
    {
      path: 'buyers/:id/contacts/:contactId/personal-data',
      element: <SubjectScreen erase={slots.subjectErase} />,
    },
    { path: 'talks', element: <TalksScreen /> },
  ];
}
