// No dependencies: the buyer list sorts on the main thread without pinyin-pro.
/**
 * Chinese surnames that the zh-CN collator (ICU's pinyin order) reads wrongly:
 * it takes a character's common reading (曾 céng, 单 dān, 仇 chóu), a family
 * name is read otherwise (Zēng, Shàn, Qiú). Each maps to an unambiguous
 * character with the surname's reading, so the usual pinyin collation then
 * puts it in the right place (仇 → 求 qiú < 单 → 善 shàn < 曾 → 增 zēng).
 * Only for sort keys, never shown. Surnames the collator already reads right
 * (沈 shěn, 华 huà, 任 rén…) need no entry.
 */
const COMPOUND: Readonly<Record<string, string>> = {
  尉迟: '玉迟', // Yùchí
  万俟: '莫其', // Mòqí
  单于: '蝉于', // Chányú
  澹台: '谈台', // Tántái
};
const SINGLE: Readonly<Record<string, string>> = {
  曾: '增', // Zēng
  单: '善', // Shàn
  仇: '求', // Qiú
  区: '欧', // Ōu
  解: '谢', // Xiè
  查: '渣', // Zhā
  朴: '瓢', // Piáo
  秘: '必', // Bì
  覃: '秦', // Qín
  翟: '宅', // Zhái
  种: '虫', // Chóng
  召: '邵', // Shào
  繁: '婆', // Pó
  句: '勾', // Gōu
  折: '蛇', // Shé
  宓: '伏', // Fú
  祭: '债', // Zhài
};

/** `name` (family name first) with its surname respelled for the pinyin collator. */
export function withSurnameReading(name: string): string {
  const two = COMPOUND[name.slice(0, 2)];
  if (two) return two + name.slice(2);
  const one = SINGLE[name.charAt(0)];
  return one ? one + name.slice(1) : name;
}
