import { App, Checkbox, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TradeTalk } from '@shared/crm/schemas';
import { formatDate } from '@shared/format';
import type { Language } from '@shared/i18n/languages';
import { useDatabase } from '../../../data/database-context';
import { errorMessageKey } from '../../../i18n/error-message';
import { useOfficeContext } from '../common/use-labels';
import { openFollowUps, setFollowUpDone } from '../data/talk-repository';
import { todayInZone } from './wall-time';

/** A due date is a calendar day: shown as that day, whatever the zone. */
const dueDate = (due: string, language: Language) =>
  formatDate(`${due}T12:00:00Z`, 'UTC', language);

/** The follow-ups of one talk: a checkbox marks each done; open ones show their due date, overdue in red. */
export function TalkFollowUps({ talk }: { talk: TradeTalk }) {
  const { t } = useTranslation('crm');
  const { message } = App.useApp();
  const db = useDatabase();
  const { language, timeZone } = useOfficeContext();
  const today = todayInZone(timeZone);
  if (!talk.followUps.length) return null;
  const toggle = (id: string, done: boolean) =>
    setFollowUpDone(db, talk.id, id, done).then(
      () => message.success(done ? t('followUps.markedDone') : t('followUps.reopened')),
      (error: unknown) => message.error(t(errorMessageKey(error))),
    );
  return (
    <ul className="bh-crm-followups" aria-label={t('followUps.title')}>
      {talk.followUps.map((f) => {
        const overdue = !f.done && f.due < today;
        return (
          <li
            key={f.id}
            data-testid="followup"
            data-done={f.done}
            data-overdue={overdue}
            className={f.done ? 'bh-crm-followup-done' : undefined}
          >
            <Checkbox
              checked={f.done}
              onChange={(e) => void toggle(f.id, e.target.checked)}
              aria-label={`${t('followUps.done')}: ${f.text}`}
              data-testid="followup-done"
            />
            <span className="bh-crm-followup-text">{f.text}</span>
            <Tag color={f.done ? undefined : overdue ? 'red' : 'blue'}>
              {f.done
                ? t('followUps.done')
                : overdue
                  ? t('followUps.overdueSince', { date: dueDate(f.due, language) })
                  : t('followUps.due', { date: dueDate(f.due, language) })}
            </Tag>
          </li>
        );
      })}
    </ul>
  );
}

/** "3 open follow-ups · 1 overdue" for a buyer (or any set of talks), with the next one due. */
export function FollowUpSummary({ talks }: { talks: readonly TradeTalk[] }) {
  const { t } = useTranslation('crm');
  const { language, timeZone } = useOfficeContext();
  const open = openFollowUps(talks, todayInZone(timeZone));
  if (!open.length) return null;
  const overdue = open.filter((o) => o.overdue).length;
  const next = open[0]!;
  return (
    <div className="bh-crm-followup-summary" data-testid="followup-summary" role="status">
      <Tag color={overdue ? 'red' : 'blue'}>
        {t('followUps.open', { count: open.length })}
        {overdue ? ` · ${t('followUps.overdueCount', { count: overdue })}` : ''}
      </Tag>
      <span className="bh-crm-muted">
        {t('followUps.next', {
          date: dueDate(next.followUp.due, language),
          text: next.followUp.text,
        })}
      </span>
    </div>
  );
}
