import type { Dexie } from 'dexie';
import { DEFAULT_FX_RATES, fxTableFromRows, type FxRateTable, type Money } from '@shared/money';
import {
  smeFirmSchema,
  tradeTalkSchema,
  type FieldError,
  type FollowUp,
  type Product,
  type SmeFirm,
  type TradeTalk,
} from '@shared/crm/schemas';
import type { TalkStage } from '@shared/crm/codes';
import { stampTalkAmount } from '@shared/crm/talk-amounts';
import { CRM_TABLES, CrmError, newId, parseOrCollect } from './records';

const talks = (db: Dexie) => db.table<TradeTalk, string>(CRM_TABLES.tradeTalks);
const firms = (db: Dexie) => db.table<SmeFirm, string>(CRM_TABLES.smeFirms);

/**
 * The FX tables to stamp amounts with: HQ's rates synced into `fxRates` (one row per
 * month, `{ id: 'YYYY-MM', month, perUsd: { KRW: '1385.5', … } }`, merged into one table
 * by `fxTableFromRows`), then the built-in default so stamping works offline from day one.
 */
export async function loadFxTables(db: Dexie): Promise<FxRateTable[]> {
  const hq = fxTableFromRows(await db.table(CRM_TABLES.fxRates).toArray());
  return hq ? [hq, DEFAULT_FX_RATES] : [DEFAULT_FX_RATES];
}

export interface TalkDraft {
  startsAt: string;
  timeZone: string;
  buyerId: string;
  contactId?: string;
  smeFirmId: string;
  interpreterId?: string;
  products?: Product[];
  stage: TalkStage;
  negotiated?: Money;
  contract?: Money;
  actualExport?: Money;
  /** Follow-ups; an `id` keeps an existing one (edits), none makes a new one. */
  followUps?: (Omit<FollowUp, 'id'> & { id?: string })[];
  notes?: string;
}

function buildTalk(
  id: string,
  officeId: string,
  draft: TalkDraft,
  fx: readonly FxRateTable[],
  existing?: TradeTalk,
): TradeTalk {
  const errors: FieldError[] = [];
  const stamp = (m: Money | undefined, key: 'negotiated' | 'contract' | 'actualExport') => {
    if (!m) return undefined;
    const before = existing?.[key];
    // Keep the original snapshot when neither the amount nor the month changed.
    if (
      before &&
      before.amount.amountMinor === m.amountMinor &&
      before.amount.currency === m.currency &&
      existing?.startsAt === draft.startsAt
    ) {
      return before;
    }
    try {
      return stampTalkAmount(m, draft.startsAt, draft.timeZone, fx);
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'crm.invalid_amount';
      errors.push({ path: key, code });
      return undefined;
    }
  };
  const candidate = {
    id,
    officeId,
    startsAt: draft.startsAt,
    timeZone: draft.timeZone,
    buyerId: draft.buyerId,
    ...(draft.contactId ? { contactId: draft.contactId } : {}),
    smeFirmId: draft.smeFirmId,
    ...(draft.interpreterId ? { interpreterId: draft.interpreterId } : {}),
    products: draft.products ?? [],
    stage: draft.stage,
    negotiated: stamp(draft.negotiated, 'negotiated'),
    contract: stamp(draft.contract, 'contract'),
    actualExport: stamp(draft.actualExport, 'actualExport'),
    followUps: (draft.followUps ?? []).map((f) => ({ ...f, id: f.id ?? newId() })),
    notes: draft.notes ?? '',
  };
  for (const key of ['negotiated', 'contract', 'actualExport'] as const) {
    if (candidate[key] === undefined) delete candidate[key];
  }
  const talk = parseOrCollect(tradeTalkSchema, candidate, 'talk', errors);
  if (!talk || errors.length) throw new CrmError('crm.invalid_record', errors);
  return talk;
}

/**
 * A write another module makes in the same transaction as the talk (a mission
 * meeting that records its outcome): both land or neither does.
 */
export interface TalkLink {
  readonly tables: readonly string[];
  readonly write: (talk: TradeTalk) => Promise<void>;
}

/** Logs a trade talk; amounts get their USD snapshot at the talk month's rate. */
export async function createTalk(
  db: Dexie,
  officeId: string,
  draft: TalkDraft,
  link?: TalkLink,
): Promise<TradeTalk> {
  const fx = await loadFxTables(db);
  const talk = buildTalk(newId(), officeId, draft, fx);
  const linked = (link?.tables ?? []).map((name) => db.table(name));
  await db.transaction('rw', [talks(db), db.table(CRM_TABLES.buyers), ...linked], async () => {
    if (!(await db.table(CRM_TABLES.buyers).get(draft.buyerId))) {
      throw new CrmError('crm.buyer_not_found');
    }
    await talks(db).add(talk);
    await link?.write(talk);
  });
  return talk;
}

/**
 * Edits every field of a talk. Amounts are re-stamped with the rate of the
 * talk's month when the amount, currency or date changed (else the original
 * snapshot stays); follow-ups keep their ids. The office never changes.
 */
export async function updateTalk(db: Dexie, talkId: string, draft: TalkDraft): Promise<TradeTalk> {
  const fx = await loadFxTables(db);
  return db.transaction('rw', [talks(db), db.table(CRM_TABLES.buyers)], async () => {
    const existing = await talks(db).get(talkId);
    if (!existing) throw new CrmError('crm.talk_not_found');
    if (
      draft.buyerId !== existing.buyerId &&
      !(await db.table(CRM_TABLES.buyers).get(draft.buyerId))
    ) {
      throw new CrmError('crm.buyer_not_found');
    }
    const talk = buildTalk(talkId, existing.officeId, draft, fx, existing);
    await talks(db).put(talk);
    return talk;
  });
}

/** Marks one follow-up of a talk done (or open again); the rest of the talk is untouched. */
export async function setFollowUpDone(
  db: Dexie,
  talkId: string,
  followUpId: string,
  done: boolean,
): Promise<void> {
  await db.transaction('rw', [talks(db)], async () => {
    const talk = await talks(db).get(talkId);
    if (!talk) throw new CrmError('crm.talk_not_found');
    if (!talk.followUps.some((f) => f.id === followUpId)) throw new CrmError('crm.talk_not_found');
    await talks(db).update(talkId, {
      followUps: talk.followUps.map((f) => (f.id === followUpId ? { ...f, done } : f)),
    });
  });
}

/** Follow-ups of talks that are not done, with whether they are overdue on `today` (office calendar). */
export function openFollowUps(
  list: readonly TradeTalk[],
  today: string,
): { talk: TradeTalk; followUp: FollowUp; overdue: boolean }[] {
  return list
    .flatMap((talk) =>
      talk.followUps
        .filter((f) => !f.done)
        .map((followUp) => ({ talk, followUp, overdue: followUp.due < today })),
    )
    .sort((a, b) =>
      a.followUp.due < b.followUp.due ? -1 : a.followUp.due > b.followUp.due ? 1 : 0,
    );
}

/** Moves a talk on the pipeline board (one field: syncs as one register). */
export async function setTalkStage(db: Dexie, talkId: string, stage: TalkStage): Promise<void> {
  const parsed = tradeTalkSchema.shape.stage.safeParse(stage);
  if (!parsed.success) throw new CrmError('crm.invalid_code');
  const changed = await talks(db).update(talkId, { stage: parsed.data });
  if (!changed && !(await talks(db).get(talkId))) throw new CrmError('crm.talk_not_found');
}

export type SmeFirmDraft = Omit<SmeFirm, 'id'>;

/** Creates an SME firm (shared province-wide); one firm per registration number. */
export async function saveSmeFirm(
  db: Dexie,
  draft: SmeFirmDraft,
  firmId?: string,
): Promise<SmeFirm> {
  const errors: FieldError[] = [];
  const firm = parseOrCollect(smeFirmSchema, { ...draft, id: firmId ?? newId() }, 'firm', errors);
  if (!firm) throw new CrmError('crm.invalid_record', errors);
  await db.transaction('rw', [firms(db)], async () => {
    const same = await firms(db)
      .where('businessRegistrationNumber')
      .equals(firm.businessRegistrationNumber)
      .first();
    if (same && same.id !== firm.id) {
      throw new CrmError('crm.duplicate_business_number', [
        { path: 'firm.businessRegistrationNumber', code: 'crm.duplicate_business_number' },
      ]);
    }
    await firms(db).put(firm);
  });
  return firm;
}

/** Writes validated talks and firms (demo data, imports) in one transaction. */
export async function bulkWriteTalks(
  db: Dexie,
  records: { talks: readonly TradeTalk[]; firms: readonly SmeFirm[] },
): Promise<void> {
  const errors: FieldError[] = [];
  const cleanFirms = records.firms.map((f, i) =>
    parseOrCollect(smeFirmSchema, f, `firms.${i}`, errors),
  );
  const cleanTalks = records.talks.map((t, i) =>
    parseOrCollect(tradeTalkSchema, t, `talks.${i}`, errors),
  );
  if (errors.length) throw new CrmError('crm.invalid_record', errors);
  await db.transaction('rw', [firms(db), talks(db)], async () => {
    await firms(db).bulkPut(cleanFirms as SmeFirm[]);
    await talks(db).bulkPut(cleanTalks as TradeTalk[]);
  });
}
