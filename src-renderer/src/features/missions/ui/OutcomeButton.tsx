import { FileDoneOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TradeTalk } from '@shared/crm/schemas';
import type { Meeting, MeetingRequest, Participant } from '@shared/missions';
import { useDatabase } from '../../../data/database-context';
import { TalkFormModal } from '../../crm';
import { outcomeLink } from '../data/outcome';

/**
 * "Record the outcome" of a held meeting: the CRM's trade-talk form with who,
 * whom, when and the interpreter already filled in, so staff at the buyer's
 * door type only the amounts, stage and follow-ups. Once recorded, the same
 * button edits that talk.
 */
export function OutcomeButton({
  meeting,
  request,
  participant,
}: {
  meeting: Meeting;
  request: MeetingRequest;
  participant: Participant;
}) {
  const { t } = useTranslation('missions');
  const db = useDatabase();
  const [open, setOpen] = useState(false);
  const [talk, setTalk] = useState<TradeTalk | undefined>();

  const show = async () => {
    setTalk(
      meeting.tradeTalkId
        ? ((await db.table('tradeTalks').get(meeting.tradeTalkId)) as TradeTalk | undefined)
        : undefined,
    );
    setOpen(true);
  };
  const recorded = Boolean(meeting.tradeTalkId);

  return (
    <>
      <Button
        size="small"
        type={recorded ? 'default' : 'primary'}
        ghost={!recorded}
        icon={<FileDoneOutlined aria-hidden />}
        onClick={() => void show()}
        data-testid="plan-outcome"
      >
        {recorded ? t('outcome.edit') : t('outcome.record')}
      </Button>
      {open && (
        <TalkFormModal
          open={open}
          onClose={() => setOpen(false)}
          {...(talk
            ? { talk }
            : {
                prefill: {
                  buyerId: request.buyerId,
                  ...(request.contactId ? { contactId: request.contactId } : {}),
                  smeFirmId: participant.smeFirmId,
                  ...(meeting.interpreterId ? { interpreterId: meeting.interpreterId } : {}),
                  startsAt: meeting.start,
                  timeZone: meeting.timeZone,
                },
                link: outcomeLink(db, meeting.id),
              })}
        />
      )}
    </>
  );
}
