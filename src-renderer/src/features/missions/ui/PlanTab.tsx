import { CheckOutlined, PushpinOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Select, Space, Tag, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber, formatTime } from '@shared/format';
import { nameLang } from '@shared/crm/names';
import {
  candidateStarts,
  checkPlan,
  duplicateMeetings,
  msOf,
  MISSION_TABLES,
  type Meeting,
  type Unplaced,
} from '@shared/missions';
import { useDatabase } from '../../../data/database-context';
import { repositoryFor } from '../../bookings';
import { firmLabel } from '../../crm';
import { useOfficeContext } from '../../crm';
import { acceptPlan } from '../data/accept';
import { applyPlan } from '../data/repository';
import { checkMove, problemOf, solutionOfMeetings } from '../model/plan-view';
import { DuplicateMeetingsAlert } from './DuplicateMeetings';
import { OutcomeButton } from './OutcomeButton';
import type { MissionView } from '../model/use-mission';
import { planInWorker, type PlanResult } from '../planner/client';

/** Plan the mission, pin, move by hand with live feedback, and accept into real bookings. */
export function PlanTab({ view }: { view: MissionView }) {
  const { t } = useTranslation('missions');
  const { message } = App.useApp();
  const db = useDatabase();
  const { officeId, language, timeZone } = useOfficeContext();
  const records = view.records!;
  const [running, setRunning] = useState(false);
  const [accepting, setAccepting] = useState(false);
  const [last, setLast] = useState<PlanResult | null>(null);
  const [moving, setMoving] = useState<{ id: string; start: number } | null>(null);
  const problem = useMemo(() => problemOf(records), [records]);
  const requests = useMemo(() => new Map(records.requests.map((r) => [r.id, r])), [records]);
  const participants = useMemo(
    () => new Map(records.participants.map((p) => [p.id, p])),
    [records],
  );
  const places = useMemo(() => new Map(records.places.map((p) => [p.id, p])), [records]);
  const interpreters = useMemo(
    () => new Map(records.interpreters.map((i) => [i.id, i])),
    [records],
  );
  const vehicles = useMemo(() => new Map(records.vehicles.map((v) => [v.id, v])), [records]);
  const meetings = useMemo(
    () =>
      records.meetings
        .filter((m) => m.status !== 'cancelled')
        .sort((a, b) => (a.start < b.start ? -1 : 1)),
    [records],
  );
  const move = useMemo(
    () => (moving ? checkMove(problem, records.meetings, moving.id, moving.start) : null),
    [moving, problem, records.meetings],
  );
  // The plan as stored (hand moves, pins, another laptop's edits merged by sync) re-checked from scratch.
  const conflicts = useMemo(
    () => checkPlan(problem, solutionOfMeetings(records.meetings), []),
    [problem, records.meetings],
  );
  // Two laptops' accepted plans merged by sync: a request with two live meetings.
  const duplicates = useMemo(() => duplicateMeetings(records.meetings), [records.meetings]);
  const duplicated = useMemo(
    () => new Set(duplicates.flatMap((d) => d.meetings.map((m) => m.id))),
    [duplicates],
  );
  const names = useMemo(
    () => ({
      firms: new Map([...view.firms.values()].map((f) => [f.id, f.nameKo])),
      buyers: new Map([...view.buyers.values()].map((b) => [b.id, b.nameNative])),
    }),
    [view.firms, view.buyers],
  );

  const plan = async () => {
    setRunning(true);
    try {
      const result = await planInWorker(records);
      await applyPlan(db, records, result.report.solution);
      setLast(result);
    } catch {
      message.error(t('errors:missions.plan_failed'));
    } finally {
      setRunning(false);
    }
  };

  const accept = async () => {
    setAccepting(true);
    try {
      const result = await acceptPlan(db, repositoryFor(db, officeId), records, names);
      if (result.ok) message.success(t('plan.accepted', { n: result.value.length }));
      else message.error(t(`errors:${result.error.code}`, result.error.params));
    } finally {
      setAccepting(false);
    }
  };

  const setPinned = (m: Meeting, pinned: boolean) =>
    db.table(MISSION_TABLES.meetings).update(m.id, { pinned });

  const saveMove = async () => {
    if (!moving || !move) return;
    const m = records.meetings.find((x) => x.id === moving.id)!;
    const r = requests.get(m.requestId)!;
    const legsByRequest = new Map<string, Meeting['legs']>();
    for (const l of move.solution.legs) {
      if (!l.vehicleId) continue;
      const list = legsByRequest.get(l.requestId) ?? [];
      list.push({
        kind: l.kind,
        vehicleId: l.vehicleId,
        ...(l.driverId ? { driverId: l.driverId } : {}),
        fromPlaceId: l.from,
        toPlaceId: l.to,
        start: new Date(msOf(l.start)).toISOString(),
        end: new Date(msOf(l.end)).toISOString(),
        passengers: l.passengers,
      });
      legsByRequest.set(l.requestId, list);
    }
    // The moved meeting is pinned (a person decided), and every meeting gets its re-derived legs.
    await db.transaction('rw', db.table(MISSION_TABLES.meetings), async () => {
      for (const x of meetings) {
        const moved = x.id === m.id;
        await db.table(MISSION_TABLES.meetings).put({
          ...x,
          ...(moved
            ? {
                pinned: true,
                start: new Date(msOf(moving.start)).toISOString(),
                end: new Date(msOf(moving.start + r.durationMinutes)).toISOString(),
              }
            : {}),
          legs: legsByRequest.get(x.requestId) ?? [],
        });
      }
    });
    setMoving(null);
  };

  const days = new Map<string, Meeting[]>();
  for (const m of meetings) {
    const key = formatDate(m.start, timeZone, language, 'full');
    days.set(key, [...(days.get(key) ?? []), m]);
  }
  const report = last?.report;
  const unplaced: readonly Unplaced[] = report?.solution.unplaced ?? [];

  const describe = (requestId: string) => {
    const r = requests.get(requestId);
    const p = r ? participants.get(r.participantId) : undefined;
    const firm = firmLabel(p ? view.firms.get(p.smeFirmId) : undefined, language);
    const buyer = r ? view.buyers.get(r.buyerId) : undefined;
    return (
      <>
        <span lang={firm.lang}>{firm.text}</span> ×{' '}
        {buyer ? <span lang={nameLang(buyer.nameScript)}>{buyer.nameNative}</span> : null}
      </>
    );
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="plan-tab">
      <Space wrap>
        <Button
          type="primary"
          icon={<ThunderboltOutlined aria-hidden />}
          loading={running}
          disabled={records.requests.length === 0}
          onClick={() => void plan()}
          data-testid="plan-run"
        >
          {meetings.length > 0 ? t('plan.replan') : t('plan.run')}
        </Button>
        <Button
          icon={<CheckOutlined aria-hidden />}
          loading={accepting}
          disabled={
            meetings.length === 0 || running || conflicts.length > 0 || duplicates.length > 0
          }
          onClick={() => void accept()}
          data-testid="plan-accept"
        >
          {t('plan.accept')}
        </Button>
      </Space>
      {running && <Alert type="info" showIcon title={t('plan.running')} />}
      <DuplicateMeetingsAlert
        duplicates={duplicates}
        records={records}
        names={names}
        describe={describe}
      />
      {conflicts.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="plan-conflicts"
          title={t('errors:missions.plan_has_conflicts')}
          description={[...new Set(conflicts.map((v) => v.kind))].map((kind) => (
            <Tag key={kind} color="orange">
              {t(`violation.${kind}`)}
            </Tag>
          ))}
        />
      )}
      {report && (
        <Alert
          type="success"
          showIcon
          data-testid="plan-summary"
          title={t('plan.summary', {
            placed: formatNumber(report.solution.meetings.length, language),
            total: formatNumber(records.requests.length, language),
          })}
          description={
            report.upperBound !== null
              ? t('plan.quality', {
                  percent: formatNumber(
                    Math.round((100 * report.weight) / Math.max(1, report.upperBound)),
                    language,
                  ),
                })
              : t('plan.noSolver')
          }
        />
      )}
      {meetings.length === 0 ? (
        <Empty description={t('plan.empty')} />
      ) : (
        [...days].map(([day, list]) => (
          <Card key={day} title={day} size="small">
            <ul className="bh-mission-list">
              {list.map((m) => {
                const r = requests.get(m.requestId);
                const interpreter = m.interpreterId ? interpreters.get(m.interpreterId) : undefined;
                const isMoving = moving?.id === m.id;
                const p = r ? participants.get(r.participantId) : undefined;
                const starts =
                  r && p && isMoving
                    ? candidateStarts(
                        problem,
                        r && problem.requests.find((x) => x.id === r.id)!,
                        problem.participants.find((x) => x.id === p.id)!,
                      )
                    : [];
                return (
                  <li key={m.id} data-testid="plan-meeting" data-meeting-id={m.id}>
                    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                      <Space wrap>
                        <strong>
                          {formatTime(m.start, timeZone, language)}–
                          {formatTime(m.end, timeZone, language)}
                        </strong>
                        {describe(m.requestId)}
                        {r && (
                          <Tag color={r.priority === 'must' ? 'red' : undefined}>
                            {t(`priority.${r.priority}`)}
                          </Tag>
                        )}
                        <Tag>{t(`meetingStatus.${m.status}`)}</Tag>
                        {duplicated.has(m.id) && (
                          <Tag color="red" data-testid="plan-duplicate-flag">
                            {t('duplicates.flag')}
                          </Tag>
                        )}
                        {m.pinned && (
                          <Tag icon={<PushpinOutlined aria-hidden />}>{t('plan.pinned')}</Tag>
                        )}
                      </Space>
                      <span className="bh-mission-hint">
                        {places.get(m.placeId)?.name ?? ''}
                        {interpreter
                          ? ` · ${t('plan.interpreter', { name: interpreter.name.native })}`
                          : ''}
                        {m.legs.map((l) => (
                          <span key={l.kind}>
                            {' · '}
                            {t(l.kind === 'in' ? 'plan.legIn' : 'plan.legOut', {
                              plate: vehicles.get(l.vehicleId)?.plate ?? '',
                              time: formatTime(l.start, timeZone, language),
                            })}
                          </span>
                        ))}
                      </span>
                      <Space wrap>
                        {r && p && (m.status === 'accepted' || m.status === 'done') && (
                          <OutcomeButton meeting={m} request={r} participant={p} />
                        )}
                        <Button
                          size="small"
                          onClick={() => void setPinned(m, !m.pinned)}
                          data-testid="plan-pin"
                        >
                          {m.pinned ? t('plan.unpin') : t('plan.pin')}
                        </Button>
                        {!isMoving ? (
                          <Button
                            size="small"
                            onClick={() =>
                              setMoving({
                                id: m.id,
                                start: Math.floor(Date.parse(m.start) / 60_000),
                              })
                            }
                          >
                            {t('plan.move')}
                          </Button>
                        ) : (
                          <>
                            <Select<number>
                              size="small"
                              aria-label={t('plan.moveTo')}
                              value={moving.start}
                              onChange={(start) => setMoving({ id: m.id, start })}
                              style={{ minWidth: 220 }}
                              options={starts.map((s) => ({
                                value: s,
                                label: `${formatDate(new Date(msOf(s)).toISOString(), timeZone, language)} ${formatTime(new Date(msOf(s)).toISOString(), timeZone, language)}`,
                              }))}
                              data-testid="plan-move-select"
                            />
                            <Button size="small" type="primary" onClick={() => void saveMove()}>
                              {t('action.save')}
                            </Button>
                            <Button size="small" onClick={() => setMoving(null)}>
                              {t('action.cancel')}
                            </Button>
                          </>
                        )}
                      </Space>
                      {isMoving && move && (
                        <div role="status" aria-live="polite" data-testid="plan-move-feedback">
                          {move.violations.length === 0 ? (
                            <Tag color="green">{t('plan.moveFits')}</Tag>
                          ) : (
                            [...new Set(move.violations.map((v) => v.kind))].map((kind) => (
                              <Tag key={kind} color="orange">
                                {t(`violation.${kind}`)}
                              </Tag>
                            ))
                          )}
                        </div>
                      )}
                    </Space>
                  </li>
                );
              })}
            </ul>
          </Card>
        ))
      )}
      {unplaced.length > 0 && (
        <Card title={t('plan.unplacedTitle')} size="small" data-testid="plan-unplaced">
          <ul className="bh-mission-list">
            {unplaced.map((u) => (
              <li key={u.requestId}>
                <Tooltip title={t('plan.unplacedHint')}>
                  <span>
                    {describe(u.requestId)} — {t(`reason.${u.reason}`)}
                  </span>
                </Tooltip>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </Space>
  );
}
