import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { subjectCount, type AccessReason, type SubjectGroup } from '@shared/audit';
import { useDatabase } from '../../data/database-context';
import { getAccessLog, type AccessLog } from './data/access-log';
import { ReasonModal, type ReasonRequest } from './ReasonModal';

/** This window's access-record writer for the app's database. */
export function useAccessLog(): AccessLog {
  return getAccessLog(useDatabase());
}

/**
 * The reason prompt of an export or print: `ask()` resolves with the reason, or null when
 * the person cancelled (then nothing is exported). Render `prompt` once in the screen.
 */
export function useReasonPrompt(): {
  ask: (request: ReasonRequest) => Promise<AccessReason | null>;
  prompt: ReactNode;
} {
  const [request, setRequest] = useState<ReasonRequest | null>(null);
  const [asked, setAsked] = useState(0);
  const resolver = useRef<((reason: AccessReason | null) => void) | null>(null);
  const ask = useCallback((next: ReasonRequest) => {
    resolver.current?.(null);
    return new Promise<AccessReason | null>((resolve) => {
      resolver.current = resolve;
      setAsked((n) => n + 1);
      setRequest(next);
    });
  }, []);
  const onDone = useCallback((reason: AccessReason | null) => {
    resolver.current?.(reason);
    resolver.current = null;
    setRequest(null);
  }, []);
  // A key that cannot equal a sibling's index key: screens render the prompt inside antd
  // containers that key their children by position ("0", "1", ...).
  const prompt = useMemo(
    () => <ReasonModal key={`reason-${asked}`} request={request} onDone={onDone} />,
    [request, onDone, asked],
  );
  return { ask, prompt };
}

/**
 * An export or print whose data subjects are known before it runs: asks the reason, puts
 * the entry on record, then runs it. Resolves false when the person cancelled (nothing ran).
 */
export function useRecordedOutput(): {
  run: (
    request: ReasonRequest & { subjects: SubjectGroup[] },
    output: () => unknown,
  ) => Promise<boolean>;
  prompt: ReactNode;
} {
  const log = useAccessLog();
  const { ask, prompt } = useReasonPrompt();
  const run = useCallback(
    async (request: ReasonRequest & { subjects: SubjectGroup[] }, output: () => unknown) => {
      const reason = await ask({ ...request, count: subjectCount(request.subjects) });
      if (!reason) return false;
      await log.record({
        action: request.action,
        object: request.object,
        format: request.format,
        subjects: request.subjects,
        reason,
      });
      await output();
      return true;
    },
    [ask, log],
  );
  return { run, prompt };
}
