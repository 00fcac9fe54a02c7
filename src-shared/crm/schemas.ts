import { z } from 'zod';
import { SUPPORTED_LANGUAGES } from '../i18n/languages';
import { moneySchema, monthSchema } from '../money';
import {
  BUYER_STATUSES,
  CONSENT_SCOPES,
  DATA_SOURCES,
  INDUSTRY_CODES,
  LEGAL_BASES,
  MESSENGER_CHANNELS,
  NAME_SCRIPTS,
  PHONE_KINDS,
  TALK_STAGES,
} from './codes';
import {
  E164_PATTERN,
  isValidTimeZone,
  normalizeBusinessRegistrationNumber,
  normalizeHsCode,
} from './validators';

/**
 * Zod issue messages are error CODES (keys of locales/<lang>/errors.json),
 * never prose, so the UI can translate them.
 */
export const CRM_ERROR = {
  required: 'crm.required',
  /** A contact needs one name of the four (no single field is required). */
  contactNameMissing: 'crm.contact_name_missing',
  tooLong: 'crm.too_long',
  badEmail: 'crm.invalid_email',
  badPhone: 'crm.invalid_phone',
  badHsCode: 'crm.invalid_hs_code',
  badBrn: 'crm.invalid_business_number',
  badCountry: 'crm.invalid_country',
  badUrl: 'crm.invalid_url',
  badDate: 'crm.invalid_date',
  badTimeZone: 'crm.invalid_time_zone',
  badCode: 'crm.invalid_code',
  badMoney: 'crm.invalid_amount',
  duplicateMessenger: 'crm.duplicate_messenger',
  multiplePreferred: 'crm.multiple_preferred_messengers',
} as const;

const idSchema = z.string().min(1, CRM_ERROR.required).max(64, CRM_ERROR.tooLong);
const text = (max: number) => z.string().trim().max(max, CRM_ERROR.tooLong);
const requiredText = (max: number) => text(max).min(1, CRM_ERROR.required);
const countrySchema = z.string().regex(/^[A-Z]{2}$/, CRM_ERROR.badCountry);
const isoDate = z.iso.date({ error: CRM_ERROR.badDate });
const code = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: CRM_ERROR.badCode });

/** Stored as digits only; input may carry dots or dashes. */
export const hsCodeSchema = z.string().transform((v, ctx) => {
  const n = normalizeHsCode(v);
  if (n === null) {
    ctx.addIssue({ code: 'custom', message: CRM_ERROR.badHsCode });
    return z.NEVER;
  }
  return n;
});

export const productSchema = z.object({
  name: requiredText(200),
  hsCode: hsCodeSchema.optional(),
});
export type Product = z.infer<typeof productSchema>;

export const buyerCompanySchema = z.object({
  id: idSchema,
  officeId: idSchema,
  /** As the company writes it (株式会社山田商事, 上海浦东贸易有限公司, Công ty TNHH ...). */
  nameNative: requiredText(300),
  /** As printed on the card or in the register (Yamada Shoji Co., Ltd.). */
  nameLatin: text(300).default(''),
  /** Katakana for Japanese, toneless pinyin for Chinese; kanji readings are entered by people. */
  reading: text(300).default(''),
  nameScript: code(NAME_SCRIPTS),
  country: countrySchema,
  city: text(120).default(''),
  addressLocal: text(500).default(''),
  website: z
    .union([z.literal(''), z.url({ error: CRM_ERROR.badUrl, protocol: /^https?$/ })])
    .default(''),
  industries: z.array(code(INDUSTRY_CODES)).max(24).default([]),
  products: z.array(productSchema).max(200).default([]),
  status: code(BUYER_STATUSES).default('prospect'),
  tags: z.array(requiredText(60)).max(50).default([]),
  notes: text(10_000).default(''),
});
export type BuyerCompany = z.infer<typeof buyerCompanySchema>;
export type BuyerCompanyInput = z.input<typeof buyerCompanySchema>;

export const phoneSchema = z
  .object({
    /** E.164 (+819012345678); with `asTyped`, the number exactly as its source wrote it. */
    e164: z.string().trim().min(1, CRM_ERROR.required).max(40, CRM_ERROR.tooLong),
    kind: code(PHONE_KINDS).default('work'),
    /**
     * No country's numbering plan could read it (an import keeps such a number rather
     * than dropping the contact): screens show it with a warning until someone fixes it.
     */
    asTyped: z.literal(true).optional(),
  })
  .refine((p) => p.asTyped === true || E164_PATTERN.test(p.e164), {
    message: CRM_ERROR.badPhone,
    path: ['e164'],
  });
export type Phone = z.infer<typeof phoneSchema>;

export const messengerSchema = z.object({
  channel: code(MESSENGER_CHANNELS),
  /** The ID or handle as the person gave it (LINE ID, WeChat ID, Zalo phone...). */
  handle: requiredText(200),
  preferred: z.boolean().default(false),
});
export type Messenger = z.infer<typeof messengerSchema>;

export const consentSchema = z.object({
  date: isoDate,
  scope: z.array(code(CONSENT_SCOPES)).min(1, CRM_ERROR.required),
  /** Where it was given (card exchange, web form...); free text. */
  source: text(200).default(''),
  noticeVersion: text(40).default(''),
  noticeLanguage: code(SUPPORTED_LANGUAGES).optional(),
});
export type Consent = z.infer<typeof consentSchema>;

export const contactSchema = z
  .object({
    id: idSchema,
    officeId: idSchema,
    buyerId: idSchema,
    familyName: text(100).default(''),
    givenName: text(100).default(''),
    /** As printed (passport / card spelling: "Park", not the romanizer's "Bak"). */
    latinFamily: text(100).default(''),
    latinGiven: text(100).default(''),
    reading: text(200).default(''),
    nameScript: code(NAME_SCRIPTS),
    title: text(200).default(''),
    emails: z
      .array(z.email({ error: CRM_ERROR.badEmail }))
      .max(10)
      .default([]),
    phones: z.array(phoneSchema).max(10).default([]),
    messengers: z.array(messengerSchema).max(10).default([]),
    /** BCP 47 tag of the language the person prefers to be written to. */
    preferredLanguage: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, CRM_ERROR.badCode)
      .optional(),
    consent: consentSchema.optional(),
    /** Where the data came from and the basis for holding it and sending it to HQ (issue 14). */
    dataSource: code(DATA_SOURCES).optional(),
    legalBasis: code(LEGAL_BASES).optional(),
    basisNote: text(500).optional(),
    notes: text(10_000).default(''),
  })
  .superRefine((c, ctx) => {
    if (!c.familyName && !c.givenName && !c.latinFamily && !c.latinGiven) {
      ctx.addIssue({
        code: 'custom',
        message: CRM_ERROR.contactNameMissing,
        path: ['familyName'],
      });
    }
    const seen = new Set<string>();
    c.messengers.forEach((m, i) => {
      const key = `${m.channel}:${m.handle.toLowerCase()}`;
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          message: CRM_ERROR.duplicateMessenger,
          path: ['messengers', i],
        });
      seen.add(key);
    });
    if (c.messengers.filter((m) => m.preferred).length > 1) {
      ctx.addIssue({ code: 'custom', message: CRM_ERROR.multiplePreferred, path: ['messengers'] });
    }
  });
export type Contact = z.infer<typeof contactSchema>;
export type ContactInput = z.input<typeof contactSchema>;

/** Province-wide exporter firm: shared by all offices, so no officeId. */
export const smeFirmSchema = z.object({
  id: idSchema,
  nameKo: requiredText(200),
  nameEn: text(200).default(''),
  businessRegistrationNumber: z.string().transform((v, ctx) => {
    const n = normalizeBusinessRegistrationNumber(v);
    if (n === null) {
      ctx.addIssue({ code: 'custom', message: CRM_ERROR.badBrn });
      return z.NEVER;
    }
    return n;
  }),
  industry: code(INDUSTRY_CODES),
  products: z.array(productSchema).max(200).default([]),
  contactPerson: text(100).default(''),
  phone: z.union([z.literal(''), z.string().regex(E164_PATTERN, CRM_ERROR.badPhone)]).default(''),
  email: z.union([z.literal(''), z.email({ error: CRM_ERROR.badEmail })]).default(''),
});
export type SmeFirm = z.infer<typeof smeFirmSchema>;

/** The FX rate applied to a stored USD snapshot (see money/fx.ts FxRateUsed). */
export const fxStampSchema = z.object({
  month: monthSchema,
  rateMonth: monthSchema,
  perUsd: z.string().min(1),
  source: z.enum(['builtin-default', 'hq']),
  tableVersion: z.string(),
});

/** An amount in its original currency plus its USD value at the talk month's rate. */
export const talkAmountSchema = z
  .object({
    amount: moneySchema,
    usd: moneySchema,
    fx: fxStampSchema,
  })
  .refine((a) => a.usd.currency === 'USD', { message: CRM_ERROR.badMoney, path: ['usd'] })
  .refine((a) => a.amount.amountMinor >= 0, { message: CRM_ERROR.badMoney, path: ['amount'] });
export type TalkAmount = z.infer<typeof talkAmountSchema>;

export const followUpSchema = z.object({
  id: idSchema,
  due: isoDate,
  text: requiredText(1000),
  done: z.boolean().default(false),
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const tradeTalkSchema = z.object({
  id: idSchema,
  officeId: idSchema,
  /** UTC instant plus the zone it was entered in. */
  startsAt: z.iso.datetime({ offset: false, error: CRM_ERROR.badDate }),
  timeZone: z.string().refine(isValidTimeZone, CRM_ERROR.badTimeZone),
  buyerId: idSchema,
  contactId: idSchema.optional(),
  smeFirmId: idSchema,
  interpreterId: idSchema.optional(),
  products: z.array(productSchema).max(50).default([]),
  stage: code(TALK_STAGES).default('inquiry'),
  negotiated: talkAmountSchema.optional(),
  contract: talkAmountSchema.optional(),
  actualExport: talkAmountSchema.optional(),
  followUps: z.array(followUpSchema).max(100).default([]),
  notes: text(10_000).default(''),
});
export type TradeTalk = z.infer<typeof tradeTalkSchema>;
export type TradeTalkInput = z.input<typeof tradeTalkSchema>;

/** Flattens a ZodError into translatable codes with their field paths. */
export interface FieldError {
  path: string;
  code: string;
}
export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    code:
      i.message.startsWith('crm.') || i.message.startsWith('money.') || i.message.startsWith('fx.')
        ? i.message
        : CRM_ERROR.badCode,
  }));
}
