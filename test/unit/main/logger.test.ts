import { describe, expect, it } from 'vitest';
import { sanitizeLogFields } from '../../../src-main/core/log-sanitizer';
import { createAppLogger } from '../../../src-main/adapters/logger';

describe('log sanitizer', () => {
  it('keeps allow-listed short tokens and drops everything else', () => {
    expect(
      sanitizeLogFields({
        channel: 'shell:open-external',
        code: 'IPC_INVALID_INPUT',
        count: 3,
        payload: { name: 'Nguyễn Văn A' },
        url: 'https://example.com/?email=a@b.c',
        reason: 'Kim Min-su called from 010-1234-5678',
        errorName: new Error('secret'),
      }),
    ).toEqual({
      channel: 'shell:open-external',
      code: 'IPC_INVALID_INPUT',
      count: 3,
      reason: '[dropped]',
    });
  });

  it('writes event names and codes, never personal data', () => {
    const lines: string[] = [];
    const log = createAppLogger((level, line) => lines.push(`${level} ${line}`));
    log.warn('ipc.rejected', {
      channel: 'app:set-language',
      reason: 'invalid-input',
      language: '山田 太郎',
    });
    log.info('some event with 홍길동 in it');
    expect(lines).toEqual([
      'warn ipc.rejected {"channel":"app:set-language","reason":"invalid-input","language":"[dropped]"}',
      'info invalid-event-name',
    ]);
  });
});
