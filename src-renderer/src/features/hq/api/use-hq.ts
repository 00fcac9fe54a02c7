/**
 * HQ mode: a laptop enrolled with an HQ code (officeId null) reads every office and
 * may use the administration and report API. Screens fetch through `useHqQuery`, which
 * keeps the last good answer so a screen opened offline shows it, marked as stale.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useDatabase } from '../../../data/database-context';
import type { BridgeheadDatabase } from '../../../data/db';
import type { FetchLike } from '../../../sync/transport';
import { useSyncState } from '../../sync-ui';
import { createHqClient, type HqClient } from './hq-client';

const fetchOverrides = new WeakMap<BridgeheadDatabase, FetchLike>();

/** Tests (and nothing else) route the HQ screens' requests to an in-process server. */
export function configureHqFetch(db: BridgeheadDatabase, fetch: FetchLike | null): void {
  if (fetch) fetchOverrides.set(db, fetch);
  else fetchOverrides.delete(db);
}

/** The HQ API client of this laptop, or null when it is not an HQ device. */
export function useHqClient(): HqClient | null {
  const db = useDatabase();
  const enrollment = useSyncState((s) => s.enrollment);
  const hqUrl = enrollment?.hqUrl;
  const credential = enrollment?.credential;
  const isHq = enrollment !== null && enrollment.officeId === null;
  return useMemo(() => {
    if (!isHq || !hqUrl || !credential) return null;
    const fetch = fetchOverrides.get(db);
    return createHqClient({ baseUrl: hqUrl, credential, ...(fetch ? { fetch } : {}) });
  }, [db, isHq, hqUrl, credential]);
}

export interface HqQuery<T> {
  data: T | null;
  /** When `data` was received (ms). */
  receivedAt: number | null;
  /** The last attempt failed; `data` (if any) is from an earlier success. */
  error: unknown;
  loading: boolean;
  reload(): void;
}

const lastGood = new Map<string, { data: unknown; at: number }>();

/** Forgets remembered answers (tests). */
export function clearHqQueryCache(): void {
  lastGood.clear();
}

/**
 * Runs `load` with the HQ client whenever `key` changes or `reload()` is called.
 * `key` names the request (path + parameters); the last good answer per key is kept
 * for the session so an offline screen still shows something, with its time.
 */
export function useHqQuery<T>(key: string, load: (client: HqClient) => Promise<T>): HqQuery<T> {
  const client = useHqClient();
  const [tick, setTick] = useState(0);
  // The settled result of the latest request (set only in the request's callbacks).
  const [settled, setSettled] = useState<{
    key: string;
    tick: number;
    data: T | null;
    at: number | null;
    error: unknown;
  } | null>(null);
  const loadRef = useRef(load);
  useLayoutEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    if (!client) return;
    let cancelled = false;
    loadRef.current(client).then(
      (data) => {
        if (cancelled) return;
        const at = Date.now();
        lastGood.set(key, { data, at });
        setSettled({ key, tick, data, at, error: null });
      },
      (error: unknown) => {
        if (cancelled) return;
        const good = lastGood.get(key) as { data: T; at: number } | undefined;
        setSettled({ key, tick, data: good?.data ?? null, at: good?.at ?? null, error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, key, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const current = settled?.key === key ? settled : null;
  const remembered = lastGood.get(key) as { data: T; at: number } | undefined;
  return {
    data: current?.data ?? remembered?.data ?? null,
    receivedAt: current?.at ?? remembered?.at ?? null,
    error: current && current.tick === tick ? current.error : null,
    loading: !current || current.tick !== tick,
    reload,
  };
}
