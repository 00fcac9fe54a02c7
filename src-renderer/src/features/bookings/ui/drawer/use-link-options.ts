import { DateTime } from 'luxon';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Booking } from '@shared/bookings';
import type { SmeFirm } from '@shared/crm/schemas';
import type { Language } from '@shared/i18n/languages';
import { useDatabase } from '../../../../data/database-context';
import { firmLabel } from '../../../crm';
import { requesterName } from '../../model/requester-name';
import type { Option } from './form-values';

/**
 * The trade talks and SMEs a booking can be linked to, when the CRM tables hold
 * any: SMEs named as the CRM names them for this reader, and the booking's own
 * SME even when the CRM does not hold it (by the name stored with it, never its id).
 */
export function useLinkOptions(
  open: boolean,
  officeId: string,
  officeZone: string,
  language: Language,
  existing: Booking | undefined,
): { talks: Option[]; smes: Option[]; firms: ReadonlyMap<string, SmeFirm> } {
  const { t } = useTranslation('bookings');
  const db = useDatabase();
  const [talks, setTalks] = useState<Option[]>([]);
  const [smes, setSmes] = useState<Option[]>([]);
  const [firms, setFirms] = useState<ReadonlyMap<string, SmeFirm>>(new Map());
  useEffect(() => {
    if (!open) return;
    let alive = true;
    void (async () => {
      const [talkRows, smeRows] = await Promise.all([
        db.table('tradeTalks').where('officeId').equals(officeId).limit(500).toArray(),
        db.table('smeFirms').limit(2000).toArray(),
      ]);
      if (!alive) return;
      // Names as the CRM shows them to this reader (Korean for ko, else the English name).
      const firmById = new Map((smeRows as SmeFirm[]).map((f) => [f.id, f]));
      setFirms(firmById);
      const smeName = new Map<string, string>();
      for (const firm of firmById.values()) smeName.set(firm.id, firmLabel(firm, language).text);
      // The booking's own SME even when the CRM does not hold it (yet): by its stored name.
      const own = existing?.requester?.kind === 'sme' ? existing.requester : undefined;
      if (own && !smeName.has(own.smeId)) {
        smeName.set(own.smeId, requesterName(own, language)?.text || t('form.unknownSme'));
      }
      setSmes([...smeName].map(([value, label]) => ({ value, label })));
      setTalks(
        (talkRows as Array<{ id: string; startsAt?: string; smeFirmId?: string }>).map((row) => ({
          value: row.id,
          label:
            [
              row.startsAt
                ? DateTime.fromISO(row.startsAt, { zone: 'utc' })
                    .setZone(officeZone)
                    .toFormat('yyyy-MM-dd HH:mm')
                : '',
              row.smeFirmId ? (smeName.get(row.smeFirmId) ?? '') : '',
            ]
              .filter(Boolean)
              .join(' · ') || row.id,
        })),
      );
    })().catch(() => {
      // Without the CRM tables the link is simply not offered.
    });
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, db, officeId, officeZone, language]);
  return { talks, smes, firms };
}
