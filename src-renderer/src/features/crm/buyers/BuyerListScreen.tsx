import { PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { Button, Empty, Input, Select, Space, Spin, Tag } from 'antd';
import {
  lazy,
  Suspense,
  useDeferredValue,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatDate, formatNumber } from '@shared/format';
import {
  BUYER_STATUSES,
  INDUSTRY_CODES,
  type BuyerStatus,
  type IndustryCode,
} from '@shared/crm/codes';
import { ScreenHeader } from '../../../ui/ScreenHeader';
import { CityName, CompanyName } from '../common/names';
import { useCrmLabels, useOfficeContext } from '../common/use-labels';
import {
  LAST_CONTACT_FILTERS,
  SORT_KEYS,
  type BuyerFilters,
  type LastContactFilter,
  type SortKey,
} from '../data/crm-index';
import { useCrmIndex } from '../data/use-crm';
import { ExportMenu } from '../io/ExportMenu';
import '../crm.css';
import { NotAtHqMarker, useDemoAllowed, useIsHqDevice } from '../../sync-ui';
import { useOfficeName } from '../common/use-office-name';

// The import pipeline (exceljs, jschardet, ical.js, papaparse) loads when first opened.
const ImportDialog = lazy(() =>
  import('../io/ImportDialog').then((m) => ({ default: m.ImportDialog })),
);

const ROW_HEIGHT = 56;
/** happy-dom and hidden tabs report a zero-height viewport: assume a screenful. */
const FALLBACK_VIEWPORT = 640;

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** `emptyAction`: offered on the empty list beside "create" (see CrmSlots). */
export function BuyerListScreen({ emptyAction }: { emptyAction?: ReactNode }) {
  const { t } = useTranslation('crm');
  const labels = useCrmLabels();
  const { language, timeZone } = useOfficeContext();
  const navigate = useNavigate();
  const { index, version } = useCrmIndex();
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState(params.get('q') ?? '');
  const [importing, setImporting] = useState(false);
  const [importOpened, setImportOpened] = useState(false);
  const text = params.get('q') ?? '';
  const deferredText = useDeferredValue(text);

  const filters: BuyerFilters = {
    status: pick(params.get('status'), BUYER_STATUSES),
    industry: pick(params.get('industry'), INDUSTRY_CODES),
    country: params.get('country') ?? undefined,
    tag: params.get('tag') ?? undefined,
    lastContact: pick(params.get('last'), LAST_CONTACT_FILTERS),
  };
  const sort: SortKey = pick(params.get('sort'), SORT_KEYS) ?? 'name';
  const filterKey = JSON.stringify(filters);

  const setParam = (key: string, value: string | undefined) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  };

  const onSearchChange = (event: ChangeEvent<HTMLInputElement>) => {
    setDraft(event.target.value);
    // While an IME composes (kana → kanji, pinyin → 汉字) the text is not final: wait.
    if ((event.nativeEvent as InputEvent).isComposing) return;
    setParam('q', event.target.value);
  };

  const ready = index.phase === 'ready';
  // While the index loads, the first rows (the saved head of the name order, or the
  // buyers as read so far) with `count` rows in all; then the sorted, filtered list.
  const result = useMemo(
    () => index.query({ text: deferredText, filters, sort, collation: language }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [index, version, deferredText, filterKey, sort, language],
  );
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const facets = useMemo(() => index.facets(), [index, ready ? version : -1]);

  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer keeps its own state; React Compiler skips this component (expected).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: result.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    observeElementRect: (instance, callback) =>
      observeElementRect(instance, (rect) =>
        callback(rect.height > 0 ? rect : { width: rect.width, height: FALLBACK_VIEWPORT }),
      ),
  });

  const empty = ready && index.rows.size === 0;
  const demoAllowed = useDemoAllowed();
  // HQ sees every office's buyers: say whose each one is (they are read-only there).
  const isHqDevice = useIsHqDevice();
  const officeName = useOfficeName();
  const hasFilter = Boolean(text) || Object.values(filters).some(Boolean);

  return (
    <section className="bh-screen" data-testid="screen-buyers">
      <ScreenHeader
        title={t('buyers.title')}
        subtitle={t('buyers.subtitle')}
        extra={
          <Space wrap>
            <Button
              icon={<UploadOutlined aria-hidden />}
              onClick={() => {
                setImportOpened(true);
                setImporting(true);
              }}
              data-testid="buyer-import"
            >
              {t('io.import')}
            </Button>
            <ExportMenu ids={hasFilter && ready ? result.ids : undefined} />
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => navigate('/buyers/new')}
              data-testid="buyer-create"
            >
              {t('buyers.create')}
            </Button>
          </Space>
        }
      />
      {empty ? (
        <div className="bh-crm-list bh-crm-empty" data-testid="buyers-empty">
          <Empty description={t(demoAllowed ? 'buyers.empty' : 'buyers.emptyLinked')}>
            <Space wrap>
              <Button type="primary" onClick={() => navigate('/buyers/new')}>
                {t('buyers.create')}
              </Button>
              {emptyAction}
            </Space>
          </Empty>
        </div>
      ) : (
        <>
          <div className="bh-crm-toolbar" role="search">
            <Input
              className="bh-crm-search"
              data-testid="buyer-search"
              prefix={<SearchOutlined aria-hidden />}
              placeholder={t('buyers.searchPlaceholder')}
              aria-label={t('buyers.searchLabel')}
              value={draft}
              allowClear
              onChange={onSearchChange}
              onCompositionEnd={(event) => setParam('q', event.currentTarget.value)}
            />
            <Select<BuyerStatus>
              allowClear
              aria-label={t('fields.status')}
              placeholder={t('fields.status')}
              value={filters.status}
              options={labels.statusOptions}
              onChange={(v) => setParam('status', v)}
              data-testid="filter-status"
            />
            <Select<IndustryCode>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              aria-label={t('fields.industries')}
              placeholder={t('fields.industries')}
              value={filters.industry}
              options={labels.industryOptions}
              onChange={(v) => setParam('industry', v)}
              popupMatchSelectWidth={false}
            />
            <Select<string>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              aria-label={t('fields.country')}
              placeholder={t('fields.country')}
              value={filters.country}
              options={facets.countries.map((c) => ({ value: c, label: labels.country(c) }))}
              onChange={(v) => setParam('country', v)}
              popupMatchSelectWidth={false}
            />
            <Select<string>
              allowClear
              showSearch
              aria-label={t('fields.tags')}
              placeholder={t('fields.tags')}
              value={filters.tag}
              options={facets.tags.map((tag) => ({ value: tag, label: tag }))}
              onChange={(v) => setParam('tag', v)}
              popupMatchSelectWidth={false}
            />
            <Select<LastContactFilter>
              allowClear
              aria-label={t('buyers.lastContact')}
              placeholder={t('buyers.lastContact')}
              value={filters.lastContact}
              options={LAST_CONTACT_FILTERS.map((v) => ({
                value: v,
                label: t(`buyers.last.${v}`),
              }))}
              onChange={(v) => setParam('last', v)}
              popupMatchSelectWidth={false}
            />
            <Select<SortKey>
              aria-label={t('buyers.sortLabel')}
              value={sort}
              options={SORT_KEYS.map((k) => ({ value: k, label: t(`buyers.sort.${k}`) }))}
              onChange={(v) => setParam('sort', v === 'name' ? undefined : v)}
              disabled={Boolean(text)}
              loading={result.pending && !text}
              popupMatchSelectWidth={false}
            />
            {hasFilter ? (
              <Button
                type="link"
                onClick={() => {
                  setDraft('');
                  setParams(new URLSearchParams(), { replace: true });
                }}
              >
                {t('buyers.clearFilters')}
              </Button>
            ) : null}
            <span className="bh-crm-count" aria-live="polite" data-testid="buyer-count">
              {ready
                ? t('buyers.count', {
                    count: result.count,
                    formatted: formatNumber(result.count, language),
                  })
                : t('buyers.loading', {
                    loaded: formatNumber(index.loaded, language),
                    total: formatNumber(index.total, language),
                  })}
            </span>
            {text && result.partial ? (
              <span className="bh-crm-partial" role="status" data-testid="search-partial">
                {t('buyers.searchPartial', {
                  loaded: formatNumber(index.searchLoaded, language),
                  total: formatNumber(index.total, language),
                })}
              </span>
            ) : null}
          </div>
          <div className={isHqDevice ? 'bh-crm-list bh-crm-list-offices' : 'bh-crm-list'}>
            <div className="bh-crm-list-head" aria-hidden>
              <span>{t('buyers.columns.name')}</span>
              {isHqDevice ? <span>{t('buyers.columns.office')}</span> : null}
              <span>{t('buyers.columns.place')}</span>
              <span>{t('fields.status')}</span>
              <span>{t('fields.industries')}</span>
              <span>{t('buyers.columns.lastTalk')}</span>
              <span>{t('buyers.columns.contacts')}</span>
            </div>
            <div
              ref={scrollRef}
              className="bh-crm-scroll"
              data-testid="buyer-list"
              aria-label={t('buyers.listLabel')}
              aria-busy={!ready}
              role="region"
              tabIndex={-1}
            >
              {result.count === 0 ? (
                <div className="bh-crm-empty">
                  {ready ? (
                    <Empty description={hasFilter ? t('buyers.noMatch') : t('buyers.empty')} />
                  ) : (
                    <Spin />
                  )}
                </div>
              ) : (
                <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                  {virtualizer.getVirtualItems().map((item) => {
                    const id = result.ids[item.index];
                    if (id === undefined) {
                      // Past the saved head while the list is still loading: its place, no content yet.
                      return (
                        <div
                          key={`placeholder-${item.index}`}
                          className="bh-crm-row bh-crm-row-placeholder"
                          style={{ transform: `translateY(${item.start}px)` }}
                          data-testid="buyer-row-placeholder"
                          aria-hidden
                        >
                          <span className="bh-crm-placeholder-bar" />
                        </div>
                      );
                    }
                    const row = index.rows.get(id);
                    if (!row) return null;
                    return (
                      <Link
                        key={row.id}
                        to={`/buyers/${row.id}`}
                        className="bh-crm-row"
                        style={{ transform: `translateY(${item.start}px)` }}
                        data-testid="buyer-row"
                        data-buyer-id={row.id}
                      >
                        <span className="bh-crm-cell">
                          <CompanyName
                            nameNative={row.nameNative}
                            nameLatin={row.nameLatin}
                            nameScript={row.nameScript}
                          />
                        </span>
                        {isHqDevice ? (
                          <span className="bh-crm-cell" data-testid="buyer-office">
                            {officeName(row.officeId)}
                          </span>
                        ) : null}
                        {/* Country, and the city below it: a city in Latin letters ("Shinagawa,
                            Tokyo" for a vi reader) does not fit after the country on one line. */}
                        <span className="bh-crm-cell bh-crm-place">
                          <span>{labels.country(row.country)}</span>
                          {row.city ? (
                            <span className="bh-crm-place-city">
                              <CityName city={row.city} country={row.country} language={language} />
                            </span>
                          ) : null}
                        </span>
                        <span className="bh-crm-cell bh-crm-cell-status">
                          <Tag className={`bh-crm-status bh-crm-status-${row.status}`}>
                            {labels.status(row.status)}
                          </Tag>
                          <NotAtHqMarker table="buyers" id={row.id} compact />
                        </span>
                        <span className="bh-crm-cell bh-crm-muted">
                          {row.industries.map((c) => labels.industry(c)).join(', ')}
                        </span>
                        <span className="bh-crm-cell">
                          {row.lastTalkAt ? (
                            formatDate(row.lastTalkAt, timeZone, language)
                          ) : (
                            <span className="bh-crm-muted">{t('buyers.neverMet')}</span>
                          )}
                        </span>
                        <span className="bh-crm-cell bh-crm-num">
                          {formatNumber(row.contactCount, language)}
                        </span>
                      </Link>
                    );
                  })}
                </div>
              )}
            </div>
          </div>
        </>
      )}
      {importOpened ? (
        <Suspense fallback={null}>
          <ImportDialog open={importing} onClose={() => setImporting(false)} />
        </Suspense>
      ) : null}
    </section>
  );
}
