import { Button, Card, Empty, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  applyResolution,
  describeResolutions,
  type BookingConflict,
  type ResolutionAction,
  type ResourceRef,
} from '@shared/bookings';
import type { Language } from '@shared/i18n/languages';
import type { SaveRefusal } from '../data/repository';
import { bookingLabel, dateTimeRange, resourceName } from '../model/describe';
import type { BookingsContext } from '../model/use-bookings';
import { groupByPair } from '../model/conflicts';
import { RefusalAlert } from './RefusalAlert';

/** After-sync overlaps, each with reschedule / reassign / cancel for either booking. */
export function ConflictInbox({
  ctx,
  conflicts,
  language,
  onOpen,
}: {
  ctx: BookingsContext;
  conflicts: readonly BookingConflict[];
  language: Language;
  onOpen: (bookingId: string) => void;
}) {
  const { t } = useTranslation('bookings');
  const { data, repo, viewZone } = ctx;
  const [error, setError] = useState<SaveRefusal | null>(null);
  const [reassignTo, setReassignTo] = useState<Record<string, string>>({});

  if (conflicts.length === 0) {
    return <Empty description={t('conflict.none')} data-testid="conflicts-empty" />;
  }

  const apply = async (action: ResolutionAction, to?: ResourceRef) => {
    const booking = data.byId.get(action.bookingId);
    if (!booking) return;
    const result = await repo.saveBooking(applyResolution(booking, action, to));
    setError(result.ok ? null : result.error);
  };

  return (
    <div className="bk-conflicts" data-testid="conflict-inbox">
      {error && (
        <RefusalAlert
          error={error}
          data={data}
          zone={viewZone}
          language={language}
          onClose={() => setError(null)}
        />
      )}
      {groupByPair(conflicts).map((group) => {
        const conflict = group[0]!;
        const actions = describeResolutions(conflict, data.index);
        const reassigns = group.flatMap((c) =>
          describeResolutions(c, data.index).filter((a) => a.kind === 'reassign'),
        );
        return (
          <Card
            key={conflict.key}
            size="small"
            className="bk-conflict-card"
            data-testid="conflict-card"
            title={
              <span className="bk-conflict-title">
                <Tag color="red">{t('conflict.marker')}</Tag>
                {group
                  .map((c) =>
                    t(`conflict.title.${c.resource.kind}`, {
                      name: resourceName(data, c.resource, language),
                    }),
                  )
                  .join(' · ')}
              </span>
            }
          >
            {conflict.bookingIds.map((id) => {
              const booking = data.byId.get(id);
              if (!booking) return null;
              const mine = actions.filter((a) => a.bookingId === id);
              const reschedule = mine.find((a) => a.kind === 'reschedule');
              const myReassigns = reassigns.filter(
                (a): a is Extract<ResolutionAction, { kind: 'reassign' }> =>
                  a.kind === 'reassign' && a.bookingId === id && a.candidates.length > 0,
              );
              const cancel = mine.find((a) => a.kind === 'cancel');
              return (
                <div key={id} className="bk-conflict-booking">
                  <Button type="link" className="bk-link" onClick={() => onOpen(id)}>
                    {bookingLabel(booking, data, language, t)}
                  </Button>
                  <div className="bk-conflict-time">
                    {dateTimeRange(booking.start, booking.end, viewZone, language)}
                    {' · '}
                    {t(`status.${booking.status}`)}
                  </div>
                  <Space wrap>
                    {reschedule?.kind === 'reschedule' && (
                      <Button size="small" onClick={() => void apply(reschedule)}>
                        {t('conflict.reschedule', {
                          time: dateTimeRange(
                            reschedule.slot.start,
                            reschedule.slot.end,
                            viewZone,
                            language,
                          ),
                        })}
                      </Button>
                    )}
                    {myReassigns.map((reassign) => {
                      const key = `${id}|${reassign.resource.kind}`;
                      return (
                        <Space.Compact key={key}>
                          <Select
                            size="small"
                            className="bk-reassign-select"
                            aria-label={t(`conflict.reassignTo.${reassign.resource.kind}`)}
                            placeholder={t(`conflict.reassignTo.${reassign.resource.kind}`)}
                            value={reassignTo[key]}
                            onChange={(value: string) =>
                              setReassignTo((m) => ({ ...m, [key]: value }))
                            }
                            options={reassign.candidates.map((c) => ({
                              value: c.id,
                              label: resourceName(data, c, language),
                            }))}
                          />
                          <Button
                            size="small"
                            disabled={!reassignTo[key]}
                            onClick={() =>
                              void apply(reassign, {
                                kind: reassign.resource.kind,
                                id: reassignTo[key]!,
                              })
                            }
                          >
                            {t('conflict.reassign')}
                          </Button>
                        </Space.Compact>
                      );
                    })}
                    {cancel && (
                      <Button size="small" danger onClick={() => void apply(cancel)}>
                        {t('conflict.cancel')}
                      </Button>
                    )}
                  </Space>
                </div>
              );
            })}
          </Card>
        );
      })}
    </div>
  );
}
