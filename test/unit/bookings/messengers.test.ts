import { describe, expect, it } from 'vitest';
import { MESSENGER_CHANNELS, messengerName } from '@shared/contact/messengers';
import { MESSENGER_CHANNELS as CRM_CHANNELS } from '@shared/crm/codes';
import { MESSENGER_KINDS, messengerSchema } from '@shared/bookings/schemas';
import { generateDemoData } from '@shared/bookings/demo';

describe('one messenger list', () => {
  it('is the same list for CRM and scheduling, in CRM spelling', () => {
    expect(CRM_CHANNELS).toBe(MESSENGER_CHANNELS);
    expect(MESSENGER_KINDS).toBe(MESSENGER_CHANNELS);
    expect(MESSENGER_CHANNELS).toContain('KakaoTalk');
  });

  it('scheduling records store the CRM spelling and refuse the old lower-case codes', () => {
    expect(messengerSchema.safeParse({ kind: 'WeChat', handle: 'wang.li' }).success).toBe(true);
    for (const kind of ['wechat', 'line', 'kakaotalk', 'other']) {
      expect(messengerSchema.safeParse({ kind, handle: 'x' }).success).toBe(false);
    }
  });

  it('demo interpreters use codes from the list', () => {
    const kinds = ['losangeles', 'shanghai', 'hochiminh', 'tokyo'].flatMap((officeId) =>
      generateDemoData({ officeId, bookings: 10 }).interpreters.flatMap((i) =>
        i.messengers.map((m) => m.kind),
      ),
    );
    expect(kinds.length).toBeGreaterThan(0);
    for (const kind of kinds) expect(MESSENGER_CHANNELS).toContain(kind);
  });

  it('names brands as each market writes them', () => {
    expect(messengerName('WeChat', 'zh-CN')).toBe('微信');
    expect(messengerName('KakaoTalk', 'ko')).toBe('카카오톡');
    expect(messengerName('Zalo', 'vi')).toBe('Zalo');
  });
});
