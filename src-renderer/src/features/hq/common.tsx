import { Alert, Button, Result, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, intlLocale } from '@shared/format';
import { SEED_OFFICES } from '@shared/offices/seed';
import type { AdminOffice } from '@shared/admin/api';
import type { Language } from '@shared/i18n/languages';
import { detectNameScript, nameForReader, nameLang } from '@shared/crm/names';
import type { NameScript } from '@shared/crm/codes';
import { SyncRequestError } from '../../sync/transport';
import { formatRelativeTime, relativeText } from '../../ui/relative-time';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { zoneLabel } from '../../ui/zone-names';
import type { HqQuery } from './api/use-hq';
import { useIsHqDevice, useSyncState } from '../sync-ui';
import { useSettings } from '../../state/settings-context';
import './hq.css';
import { effectiveTimeZone } from '../../state/settings-store';

/** Re-renders every 30 s so "3 minutes ago" stays true. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** How a failed HQ request is explained: offline, HQ unreachable, or HQ's error code. */
export function hqProblem(error: unknown): 'offline' | 'unreachable' | string {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return 'offline';
  if (error instanceof SyncRequestError) {
    if (error.status === 0 || error.code === 'network_error') return 'unreachable';
    return error.code;
  }
  return 'unexpected';
}

/** The translated message key of `hqProblem`. */
export function problemKey(error: unknown): string {
  const problem = hqProblem(error);
  if (problem === 'offline') return 'hq:state.offline';
  if (problem === 'unreachable') return 'hq:state.unreachable';
  if (problem === 'unexpected') return 'errors:unexpected';
  return `errors:sync.${problem}`;
}

/** The HQ screens render their content only on an HQ device; elsewhere they say why. */
export function HqOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation('hq');
  const loaded = useSyncState((s) => s.loaded);
  const isHq = useIsHqDevice();
  if (!loaded) return null;
  if (!isHq) {
    return (
      <Result
        status="403"
        title={t('state.hqOnlyTitle')}
        subTitle={t('state.hqOnlyBody')}
        data-testid="hq-only"
      />
    );
  }
  return <>{children}</>;
}

/** An HQ screen: its header, and its content on an HQ device only (`HqOnly`). */
export function HqScreen({
  testId,
  title,
  subtitle,
  children,
}: {
  testId: string;
  title: string;
  subtitle: string;
  children: ReactNode;
}) {
  return (
    <div data-testid={testId} className="bh-screen">
      <ScreenHeader title={title} subtitle={subtitle} />
      <HqOnly>{children}</HqOnly>
    </div>
  );
}

/** `RequestState` of one HQ query; retry reloads it (or does `onRetry`). */
export function QueryState({ query, onRetry }: { query: HqQuery<unknown>; onRetry?: () => void }) {
  const { language } = useView();
  return (
    <RequestState
      error={query.error}
      receivedAt={query.receivedAt}
      hasData={query.data !== null}
      onRetry={onRetry ?? query.reload}
      language={language}
    />
  );
}

/** True while a query has nothing to show yet (a table's spinner; not on a refresh). */
export function firstLoad(query: HqQuery<unknown>): boolean {
  return query.loading && query.data === null;
}

/** "Refresh", spinning while it loads. */
export function RefreshButton({ onRefresh, loading }: { onRefresh: () => void; loading: boolean }) {
  const { t } = useTranslation('hq');
  return (
    <Button icon={<ReloadOutlined aria-hidden />} onClick={onRefresh} loading={loading}>
      {t('common.refresh')}
    </Button>
  );
}

/**
 * The state of an HQ request: nothing while fine; a warning with the time of the figures
 * shown when a refresh failed (stale); an error when there is nothing to show.
 */
export function RequestState({
  error,
  receivedAt,
  hasData,
  onRetry,
  language,
}: {
  error: unknown;
  receivedAt: number | null;
  hasData: boolean;
  onRetry: () => void;
  language: Language;
}) {
  const { t } = useTranslation(['hq', 'errors']);
  const now = useNow();
  if (!error) return null;
  const message = t(problemKey(error));
  const retry = (
    <Button size="small" onClick={onRetry}>
      {t('hq:state.retry')}
    </Button>
  );
  if (hasData && receivedAt !== null) {
    return (
      <Alert
        type="warning"
        showIcon
        role="status"
        data-testid="hq-stale"
        title={t('hq:state.stale', { when: formatRelativeTime(receivedAt, now, language) })}
        description={message}
        action={retry}
        style={{ marginBottom: 16 }}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="hq-error"
      title={message}
      action={retry}
      style={{ marginBottom: 16 }}
    />
  );
}

/** An office's name in the UI language, from HQ's list or the seed, else its id. */
export function officeName(
  id: string | null,
  language: Language,
  offices: readonly Pick<AdminOffice, 'id' | 'names'>[] | null | undefined,
  hqLabel: string,
): string {
  if (id === null) return hqLabel;
  const fromHq = offices?.find((o) => o.id === id)?.names[language];
  if (fromHq) return fromHq;
  return SEED_OFFICES.find((o) => o.id === id)?.names[language] ?? id;
}

/** "3 minutes ago", or the translated "never". */
export function RelativeTime({
  at,
  now,
  language,
  never,
  timeZone,
}: {
  at: number | null;
  now: number;
  language: Language;
  never: string;
  timeZone: string;
}) {
  if (at === null) return <span className="bh-hq-muted">{never}</span>;
  return (
    <time dateTime={new Date(at).toISOString()} title={formatDateTime(at, timeZone, language)}>
      {formatRelativeTime(at, now, language)}
    </time>
  );
}

/**
 * The class of an HQ table column of names, places or reasons: it wraps between words.
 * Every other cell (offices, months, times, amounts, counts, tags) stays on one line
 * (hq.css), and the table's region scrolls sideways instead.
 */
export const WRAP_COLUMN = 'bh-hq-wrap';

/**
 * Which zone a table's dates and times are in, as the bookings and talk forms name it:
 * "Dates and times are in Japan Standard Time (UTC+09:00)."
 */
export function ZoneNote({ zone, language }: { zone: string; language: Language }) {
  const { t } = useTranslation('hq');
  const now = useNow();
  return (
    <Typography.Paragraph type="secondary" className="bh-hq-zone-note" data-testid="hq-zone-note">
      {t('common.timesIn', { zone: zoneLabel(zone, language, now) })}
    </Typography.Paragraph>
  );
}

/** The UI language and the zone dates are shown in. */
export function useView(): { language: Language; timeZone: string } {
  const language = useSettings((s) => s.language);
  const officeId = useSettings((s) => s.officeId);
  const timeZoneOverride = useSettings((s) => s.timeZoneOverride);
  return { language, timeZone: effectiveTimeZone({ officeId, timeZoneOverride }) };
}

/** Table names as a person reads them. */
export const TABLE_ORDER = [
  'buyers',
  'contacts',
  'tradeTalks',
  'interpreters',
  'interpreterBookings',
  'vehicles',
  'drivers',
  'vehicleTrips',
] as const;

/** "in 23 hours" (hours up to two days, so an expiry reads precisely), else days. */
export function formatRelativeHours(instantMs: number, nowMs: number, language: Language): string {
  const diff = instantMs - nowMs;
  if (Math.abs(diff) >= 48 * 3_600_000) return formatRelativeTime(instantMs, nowMs, language);
  const rtf = new Intl.RelativeTimeFormat(intlLocale(language), { numeric: 'auto' });
  if (Math.abs(diff) < 3_600_000)
    return relativeText(rtf, Math.round(diff / 60_000), 'minute', language);
  return relativeText(rtf, Math.round(diff / 3_600_000), 'hour', language);
}

/**
 * An SME exporter's name by the same rule (`ReaderName`): the Korean name to a Korean
 * reader, else the English one with the Korean beside it ("Kyungnam Precision ((주)경남정밀)").
 */
export function SmeName({
  nameKo,
  nameEn,
  language,
}: {
  nameKo: string;
  nameEn?: string | undefined;
  language: Language;
}) {
  return <ReaderName native={nameKo} latin={nameEn ?? ''} script="ko" language={language} />;
}

/**
 * A buyer's or a person's name in HQ's lists by the CRM's one rule (`nameForReader`): in a
 * script the reader reads first ("株式会社山田商事" to a Japanese reader, "Yamada Shoji" to a
 * Vietnamese one), the other form beside it in parentheses, each with its own `lang`.
 */
export function ReaderName({
  native,
  latin,
  script,
  language,
}: {
  native: string;
  latin: string;
  script?: NameScript;
  language: Language;
}) {
  const name = nameForReader({ native, latin, ...(script ? { script } : {}) }, language);
  const otherScript =
    name.secondary === native.trim()
      ? (script ?? detectNameScript(native))
      : detectNameScript(name.secondary ?? '');
  return (
    <span>
      <span lang={nameLang(name.script)}>{name.primary}</span>
      {name.secondary ? (
        <span className="bh-hq-muted" lang={nameLang(otherScript)}>
          {' '}
          ({name.secondary})
        </span>
      ) : null}
    </span>
  );
}
