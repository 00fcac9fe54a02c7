import { foldForSearch } from '../fold';
import { IMPORT_FIELDS, LIST_SEPARATOR, type FlatRow, type ImportField } from './fields';
import type { RawTable } from './result';

/** Source column → our field ('' = ignore the column). */
export type ColumnMapping = Record<string, ImportField | ''>;

/** Header aliases seen in Google / Outlook / Excel lists in the five languages (folded). */
const ALIASES: Record<string, ImportField> = {};
function alias(field: ImportField, ...names: string[]) {
  for (const n of names) ALIASES[foldForSearch(n)] = field;
}
alias(
  'buyer.nameNative',
  'company',
  'company name',
  'organization',
  'organization name',
  'organization 1 - name',
  '会社名',
  '会社',
  '企業名',
  '公司名称',
  '公司',
  '企业名称',
  '회사명',
  '회사',
  '업체명',
  'tên công ty',
  'công ty',
);
alias(
  'buyer.nameLatin',
  'company (english)',
  'company name (english)',
  '会社名(英語)',
  '会社名(英字)',
  '英文名称',
  '公司英文名',
  '영문 회사명',
  '영문회사명',
  'tên tiếng anh',
);
alias(
  'buyer.reading',
  'company reading',
  'phonetic company name',
  'organization 1 - yomi',
  '会社名フリガナ',
  '会社名(フリガナ)',
  'フリガナ(会社名)',
  '公司拼音',
);
alias(
  'buyer.country',
  'country',
  'business country/region',
  'address 1 - country',
  '国',
  '国名',
  '国家',
  '국가',
  'quốc gia',
);
alias(
  'buyer.city',
  'city',
  'business city',
  'address 1 - city',
  '市区町村',
  '都市',
  '城市',
  '도시',
  'thành phố',
);
alias(
  'buyer.addressLocal',
  'address',
  'business street',
  'address 1 - street',
  'address 1 - formatted',
  '住所',
  '地址',
  '주소',
  'địa chỉ',
);
alias(
  'buyer.website',
  'website',
  'web page',
  'url',
  'website 1 - value',
  'ホームページ',
  '网址',
  '웹사이트',
  '홈페이지',
);
alias('buyer.industries', 'industries', 'industry', '業種', '行业', '업종', 'ngành');
alias('buyer.products', 'products', '商品', '产品', '제품', 'sản phẩm');
alias('buyer.status', 'status', 'ステータス', '状态', '상태', 'trạng thái');
alias('buyer.tags', 'tags', 'categories', 'labels', 'タグ', '标签', '태그', 'nhãn');
alias(
  'contact.fullName',
  'name',
  'full name',
  'display name',
  '氏名',
  '名前',
  '姓名',
  '联系人',
  '이름',
  '성명',
  '담당자',
  'họ và tên',
  'họ tên',
);
alias('contact.familyName', 'last name', 'family name', 'surname', '姓', '성', 'họ');
alias('contact.givenName', 'first name', 'given name', '名', '名字', 'tên');
alias(
  'contact.latinFamily',
  'last name (english)',
  'family name (latin)',
  '姓(英字)',
  '姓(ローマ字)',
  '英文姓',
  '영문 성',
);
alias(
  'contact.latinGiven',
  'first name (english)',
  'given name (latin)',
  '名(英字)',
  '名(ローマ字)',
  '英文名',
  '영문 이름',
);
alias(
  'contact.readingFamily',
  'phonetic last name',
  'family name yomi',
  'セイ',
  '姓(フリガナ)',
  'せい',
);
alias(
  'contact.readingGiven',
  'phonetic first name',
  'given name yomi',
  'メイ',
  '名(フリガナ)',
  'めい',
);
alias('contact.reading', 'reading', 'phonetic name', 'フリガナ', 'ふりがな', '拼音');
alias(
  'contact.title',
  'title',
  'job title',
  'organization 1 - title',
  'organization title',
  '役職',
  '肩書',
  '职位',
  '职务',
  '직함',
  '직위',
  'chức vụ',
);
alias(
  'contact.emails',
  'email',
  'e-mail',
  'email address',
  'e-mail address',
  'e-mail 2 address',
  'e-mail 3 address',
  'e-mail 1 - value',
  'e-mail 2 - value',
  'メール',
  'メールアドレス',
  '邮箱',
  '电子邮件',
  '이메일',
  'thư điện tử',
);
alias(
  'contact.phone.work',
  'phone',
  'business phone',
  'business phone 2',
  'phone 1 - value',
  'phone 2 - value',
  'company main phone',
  '電話',
  '電話番号',
  '电话',
  '전화',
  '전화번호',
  'điện thoại',
);
alias(
  'contact.phone.mobile',
  'mobile',
  'mobile phone',
  'cell',
  '携帯',
  '携帯電話',
  '手机',
  '휴대폰',
  '휴대전화',
  'di động',
);
alias('contact.phone.home', 'home phone');
alias('contact.phone.fax', 'fax', 'business fax', 'ファックス', '传真', '팩스');
alias('contact.LINE', 'line', 'line id');
alias('contact.WeChat', 'wechat', 'wechat id', '微信', '微信号');
alias('contact.Zalo', 'zalo');
alias('contact.WhatsApp', 'whatsapp');
alias('contact.KakaoTalk', 'kakaotalk', 'kakao', '카카오톡');
alias('contact.WeCom', 'wecom', '企业微信');
alias('contact.Telegram', 'telegram');
alias(
  'contact.preferredLanguage',
  'language',
  'preferred language',
  '言語',
  '语言',
  '언어',
  'ngôn ngữ',
);
alias('contact.notes', 'notes', 'note', 'memo', '備考', 'メモ', '备注', '메모', '비고', 'ghi chú');
for (const f of IMPORT_FIELDS) ALIASES[foldForSearch(f)] = f;

/** Best-guess mapping for the mapping step; the user confirms or changes it. */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const h of headers) {
    const folded = foldForSearch(h).replace(/[（]/g, '(').replace(/[）]/g, ')');
    mapping[h] = ALIASES[folded] ?? ALIASES[folded.replace(/\s*\d+$/, '')] ?? '';
  }
  return mapping;
}

/**
 * Applies a mapping. Several columns mapped to one field are joined (list
 * fields) or concatenated with a space (names, readings) in column order.
 * Returns the flat rows plus, per field, the source column (for error messages).
 */
export function applyMapping(
  table: RawTable,
  mapping: ColumnMapping,
): { rows: FlatRow[]; columnOf: Partial<Record<ImportField, string>> } {
  const columnOf: Partial<Record<ImportField, string>> = {};
  for (const h of table.headers) {
    const f = mapping[h];
    if (f && !columnOf[f]) columnOf[f] = h;
  }
  // What each mapped column feeds, worked out once (not per cell of a 10,000-row file).
  const columns = table.headers.flatMap((h) => {
    const f = mapping[h];
    if (!f) return [];
    const list =
      f === 'contact.emails' ||
      f.startsWith('contact.phone.') ||
      f === 'buyer.tags' ||
      f === 'buyer.industries' ||
      f === 'buyer.products' ||
      /^contact\.[A-Z]/.test(f);
    return [{ h, f, joiner: list ? LIST_SEPARATOR : ' ' }];
  });
  const rows = table.rows.map((raw) => {
    const row: FlatRow = {};
    for (const { h, f, joiner } of columns) {
      const cell = raw[h];
      if (!cell) continue;
      const v = cell.trim();
      if (!v) continue;
      const prev = row[f];
      row[f] = prev ? `${prev}${joiner}${v}` : v;
    }
    return row;
  });
  return { rows, columnOf };
}
