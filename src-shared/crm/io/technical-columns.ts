import { headerKey } from './header-aliases';

/**
 * Columns tools write that carry nothing a buyer record keeps (technical or
 * derived): ignored without asking. Every OTHER ignored column that has values
 * is listed before importing.
 */
export const NOT_NEEDED = new Set(
  [
    'e-mail type',
    'e-mail 2 type',
    'e-mail display name',
    'e-mail 2 display name',
    'e-mail 1 - label',
    'e-mail 1 - type',
    'website 1 - label',
    'website 1 - type',
    'address 1 - label',
    'address 1 - type',
    'organization 1 - type',
    'photo',
    'file as',
    'initials',
    'priority',
    'sensitivity',
    'private',
    'address 1 - formatted',
    'name prefix',
    'name suffix',
    'suffix',
    '敬称',
    // Outlook on Japanese Windows: its technical columns under their Japanese names.
    '敬称 (英語)',
    '電子メールの種類',
    '電子メール 2 の種類',
    '電子メール 3 の種類',
    '電子メールの表示名',
    '電子メール 2 の表示名',
    '電子メール 3 の表示名',
    'イニシャル',
    '優先度',
    '非公開',
    '秘密度',
    'no',
    'no.',
    '番号',
    '序号',
    '번호',
    'stt',
  ].map(headerKey),
);
