/** Fixed code lists. The UI translates codes; data never stores labels. */

export const INDUSTRY_CODES = [
  'farm_produce',
  'fishery_products',
  'processed_food',
  'beverages',
  'auto_parts',
  'shipbuilding_material',
  'machinery',
  'industrial_equipment',
  'metal_products',
  'chemicals',
  'plastics_rubber',
  'cosmetics',
  'health_supplements',
  'medical_devices',
  'electronics',
  'electrical_equipment',
  'textiles_apparel',
  'household_goods',
  'construction_materials',
  'energy_environment',
  'aerospace',
  'it_software',
  'logistics',
  'other',
] as const;
export type IndustryCode = (typeof INDUSTRY_CODES)[number];

export const BUYER_STATUSES = ['prospect', 'active', 'dormant'] as const;
export type BuyerStatus = (typeof BUYER_STATUSES)[number];

/** One messenger list for CRM and scheduling: src-shared/contact/messengers.ts. */
export { MESSENGER_CHANNELS, type MessengerChannel } from '../contact/messengers';

export const TALK_STAGES = [
  'inquiry',
  'sample',
  'quotation',
  'negotiation',
  'contract',
  'shipped',
  'lost',
] as const;
export type TalkStage = (typeof TALK_STAGES)[number];

export const PHONE_KINDS = ['mobile', 'work', 'home', 'fax', 'other'] as const;
export type PhoneKind = (typeof PHONE_KINDS)[number];

export const CONSENT_SCOPES = [
  'contact',
  'marketing',
  'share_with_sme',
  'transfer_abroad',
] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

/** Where a contact's data came from (issue 14: PIPL / Decree 13 want it recorded). */
export const DATA_SOURCES = [
  'business_card',
  'meeting',
  'event_registration',
  'referral',
  'public_source',
  'other',
] as const;
export type DataSource = (typeof DATA_SOURCES)[number];

/** The legal basis for holding a contact's data and sending it to HQ in Korea. */
export const LEGAL_BASES = [
  'consent',
  'contract',
  'business_card',
  'public_source',
  'legal_obligation',
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** Scripts a person's or company's name can be written in; drives order, reading and collation. */
export const NAME_SCRIPTS = ['ja', 'zh', 'ko', 'vi', 'latin'] as const;
export type NameScript = (typeof NAME_SCRIPTS)[number];
