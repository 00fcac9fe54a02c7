import type { MessengerChannel, PhoneKind } from '../codes';

/** Messenger names as labels, services and URI schemes write them. */
const CHANNEL_ALIASES: Record<string, MessengerChannel> = {
  line: 'LINE',
  lineid: 'LINE',
  ライン: 'LINE',
  wechat: 'WeChat',
  weixin: 'WeChat',
  微信: 'WeChat',
  위챗: 'WeChat',
  zalo: 'Zalo',
  whatsapp: 'WhatsApp',
  kakaotalk: 'KakaoTalk',
  kakao: 'KakaoTalk',
  카카오톡: 'KakaoTalk',
  카톡: 'KakaoTalk',
  wecom: 'WeCom',
  wxwork: 'WeCom',
  企业微信: 'WeCom',
  telegram: 'Telegram',
  tg: 'Telegram',
};

/** "Zalo", "WhatsApp", "weixin", "LINE ID" → the channel, or undefined. */
export const channelOf = (name: unknown): MessengerChannel | undefined =>
  typeof name === 'string'
    ? CHANNEL_ALIASES[name.toLowerCase().replace(/[\s_\-:：]/g, '')]
    : undefined;

/** A phone label in any of our languages ("Mobile", "携帯", "手机", "Di động") → kind. */
export function phoneKindOfLabel(label: string, fallback: PhoneKind = 'other'): PhoneKind {
  const l = label.toLowerCase();
  if (!l.trim()) return fallback;
  if (/fax|ファックス|ファクス|传真|팩스/.test(l)) return 'fax';
  if (/cell|mobile|iphone|携帯|手机|移动|휴대|핸드폰|di động/.test(l)) return 'mobile';
  if (/home|自宅|住宅|家|집|nhà/.test(l)) return 'home';
  if (
    /work|main|voice|company|business|office|勤務|会社|代表|办公|公司|회사|사무|công ty|cơ quan/.test(
      l,
    )
  )
    return 'work';
  return 'other';
}

/** "LINE: taro_y", "Zalo 0901234567", "WeChat：abc" → channel + handle; null without a known prefix. */
export function splitMessengerPrefix(
  value: string,
): { channel: MessengerChannel; handle: string } | null {
  const m = /^\s*([^\s:：]+(?:\s?id)?)\s*[:：]?\s*(\S.*)$/i.exec(value);
  if (!m) return null;
  const channel = channelOf(m[1]);
  return channel ? { channel, handle: m[2]!.trim() } : null;
}
