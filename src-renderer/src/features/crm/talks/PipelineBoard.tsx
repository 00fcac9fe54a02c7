import { App, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TALK_STAGES, type TalkStage } from '@shared/crm/codes';
import { nameLang } from '@shared/crm/names';
import type { SmeFirm, TradeTalk } from '@shared/crm/schemas';
import { formatDate, formatNumber } from '@shared/format';
import { useDatabase } from '../../../data/database-context';
import { errorMessageKey } from '../../../i18n/error-message';
import { AmountView } from '../common/amounts';
import { firmLabel } from '../common/firms';
import { useCrmLabels, useOfficeContext } from '../common/use-labels';
import { setTalkStage } from '../data/talk-repository';
import type { CrmIndex } from '../data/crm-index';
import { useIsHqDevice } from '../../sync-ui';
import { canEditOfficeRecord } from '../common/office-access';

const CARDS_PER_COLUMN = 30;

/**
 * Talks as columns by stage. A card moves by drag and drop, or with its stage
 * select (the keyboard way; same write).
 */
export function PipelineBoard({
  talks,
  firms,
  index,
}: {
  talks: readonly TradeTalk[];
  firms: ReadonlyMap<string, SmeFirm>;
  index: CrmIndex;
}) {
  const { t } = useTranslation('crm');
  const { message } = App.useApp();
  const db = useDatabase();
  const labels = useCrmLabels();
  const { language, timeZone } = useOfficeContext();
  const [dropTarget, setDropTarget] = useState<TalkStage | null>(null);
  // An office's talks are read-only on an HQ laptop (as on the buyer's page).
  const isHqDevice = useIsHqDevice();
  const editable = (talk: TradeTalk) => canEditOfficeRecord(isHqDevice, talk.officeId);

  const move = (talkId: string, stage: TalkStage) => {
    const talk = talks.find((x) => x.id === talkId);
    if (!talk || !editable(talk)) return;
    setTalkStage(db, talkId, stage).catch((error: unknown) =>
      message.error(t(errorMessageKey(error))),
    );
  };

  const byStage = new Map<TalkStage, TradeTalk[]>(TALK_STAGES.map((s) => [s, []]));
  for (const talk of talks) byStage.get(talk.stage)?.push(talk);

  return (
    // Focusable so keyboard users can scroll the columns (the board scrolls sideways).
    <div
      className="bh-crm-board"
      data-testid="talk-board"
      role="region"
      aria-label={t('talks.tabs.board')}
      tabIndex={0}
    >
      {TALK_STAGES.map((stage) => {
        const list = byStage.get(stage)!.sort((a, b) => (a.startsAt < b.startsAt ? 1 : -1));
        return (
          <section
            key={stage}
            className="bh-crm-column"
            aria-label={labels.stage(stage)}
            data-stage={stage}
            data-drop={dropTarget === stage}
            onDragOver={(e) => {
              e.preventDefault();
              setDropTarget(stage);
            }}
            onDragLeave={() => setDropTarget(null)}
            onDrop={(e) => {
              e.preventDefault();
              setDropTarget(null);
              const id = e.dataTransfer.getData('text/plain');
              if (id) move(id, stage);
            }}
          >
            <h2 className="bh-crm-column-head">
              <span>{labels.stage(stage)}</span>
              <span className="bh-crm-muted">{formatNumber(list.length, language)}</span>
            </h2>
            {list.slice(0, CARDS_PER_COLUMN).map((talk) => {
              const buyer = index.rows.get(talk.buyerId);
              const firm = firmLabel(firms.get(talk.smeFirmId), language);
              return (
                <article
                  key={talk.id}
                  className="bh-crm-card"
                  draggable={editable(talk)}
                  onDragStart={(e) => e.dataTransfer.setData('text/plain', talk.id)}
                  data-testid="talk-card"
                  data-talk-id={talk.id}
                >
                  {buyer ? (
                    <Link
                      to={`/buyers/${buyer.id}`}
                      lang={nameLang(buyer.nameScript)}
                      className="bh-crm-name-native"
                    >
                      {buyer.nameNative}
                    </Link>
                  ) : null}
                  <span className="bh-crm-card-meta" lang={firm.lang}>
                    {firm.text}
                  </span>
                  <span className="bh-crm-card-meta">
                    {formatDate(talk.startsAt, timeZone, language)}
                  </span>
                  <AmountView
                    amount={talk.contract ?? talk.negotiated}
                    language={language}
                    breakable
                  />
                  <Select<TalkStage>
                    size="small"
                    value={talk.stage}
                    aria-label={t('talks.moveTo')}
                    options={labels.stageOptions}
                    onChange={(next) => move(talk.id, next)}
                    disabled={!editable(talk)}
                    data-testid="talk-card-stage"
                    popupMatchSelectWidth={false}
                  />
                </article>
              );
            })}
            {list.length > CARDS_PER_COLUMN ? (
              <Tag className="bh-crm-muted">
                {t('talks.more', { count: list.length - CARDS_PER_COLUMN })}
              </Tag>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
