import {
  GENESIS_HASH,
  sealEntry,
  subjectCount,
  type AccessEntry,
  type AccessInput,
  type SubjectGroup,
} from '@shared/audit';

/** A chain of `n` sealed entries as a laptop writes them (views, with one export). */
export function makeChain(
  n: number,
  opts: { start?: number; at?: number; deviceId?: string; prevHash?: string } = {},
): AccessEntry[] {
  const out: AccessEntry[] = [];
  let prevHash = opts.prevHash ?? GENESIS_HASH;
  const start = opts.start ?? 1;
  for (let i = 0; i < n; i++) {
    const subjects: SubjectGroup[] = [{ kind: 'buyer', ids: [`b${start + i}`] }];
    const input: AccessInput =
      i % 5 === 4
        ? {
            action: 'export',
            object: 'buyers',
            format: 'csv',
            subjects,
            reason: { code: 'meeting_prep', note: '' },
          }
        : { action: 'view', object: 'buyer', subjects };
    const entry = sealEntry({
      v: 1,
      seq: start + i,
      at: (opts.at ?? 1_800_000_000_000) + i * 1000,
      deviceId: opts.deviceId ?? 'device-1',
      officeId: 'tokyo',
      staffId: 'staff-1',
      staffName: 'Kim Minji',
      action: input.action,
      object: input.object,
      format: input.format ?? null,
      subjects,
      count: subjectCount(subjects),
      reason: input.reason ?? null,
      prevHash,
    });
    out.push(entry);
    prevHash = entry.hash;
  }
  return out;
}
