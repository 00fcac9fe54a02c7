// What the screen sweep (issue 16) looks for on a page as people see it: internal values,
// i18next keys shown for a missing translation, serious or critical axe findings; and
// screenshots kept per viewport for reading by eye (out/screens/, not committed).
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { seriousA11yViolations } from './axe';

/** Both sizes the issue names: a common office laptop and a small one. */
export const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
] as const;
export type Viewport = (typeof VIEWPORTS)[number];

/** Values the app keeps for itself; a person must never read them. */
const RAW_VALUES: readonly [string, RegExp][] = [
  ['record id', /\bsme-\d+\b/],
  ['demo id', /\bdemo-\w+/],
  ['language pair', /\b[a-z]{2}-[a-z]{2}\b/],
  ['ISO week', /\b\d{4}-W\d{2}\b/],
  // A month is shown in words ("December 2026", "2026年12月"), never as "2026-12" (a whole
  // ISO date such as 2026-12-08 is not a month).
  // A phone as stored ("+819087315660"), not as people write it ("+81 90 8731 5660").
  ['phone as stored', /(?<![\w+])\+\d{9,15}\b/],
  ['month as digits', /(?<![\d-])\d{4}-(?:0[1-9]|1[0-2])(?![\d-])/],
  [
    'IANA zone',
    /\b(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)\/[A-Z][A-Za-z_+-]+/,
  ],
];

// i18next shows the key of a missing translation: every nested key path of the English
// files, and any line that is only a dotted lower-camel path such as "crm.buyers.title".
const KEY_PATHS = (() => {
  const paths: string[] = [];
  const walk = (node: unknown, prefix: string) => {
    if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
    } else if (prefix.includes('.')) {
      paths.push(prefix.replace(/_(zero|one|two|few|many|other)$/, ''));
    }
  };
  const dir = resolve(import.meta.dirname, '../../../locales/en');
  for (const file of readdirSync(dir)) walk(JSON.parse(readFileSync(join(dir, file), 'utf8')), '');
  return [...new Set(paths)];
})();
const KEY_LINE = /^[a-z][A-Za-z0-9_]*(?::[A-Za-z0-9_]+)?(?:\.[A-Za-z0-9_]+)+$/;

export function missingKeysIn(text: string): string[] {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => KEY_LINE.test(l));
  const paths = KEY_PATHS.filter((path) =>
    new RegExp(`(^|[^\\w.])${path.replace(/\./g, '\\.')}($|[^\\w.])`).test(text),
  );
  return [...new Set([...lines, ...paths])];
}

export function rawValuesIn(text: string): string[] {
  const found: string[] = [];
  for (const [what, re] of RAW_VALUES) {
    const global = new RegExp(re.source, 'g');
    for (const m of text.matchAll(global)) found.push(`${what}: "${m[0]}"`);
  }
  return [...new Set(found)];
}

/** What is wrong on the page as it stands: raw values, missing keys, serious axe findings. */
export async function problemsOnPage(page: Page, where: string): Promise<string[]> {
  const problems: string[] = [];
  const text = await readableText(page);
  for (const raw of rawValuesIn(text)) problems.push(`${where}: ${raw}`);
  for (const key of missingKeysIn(text)) problems.push(`${where}: missing key "${key}"`);
  for (const label of await silentRequiredSelects(page)) {
    problems.push(`${where}: required choice "${label}" empty and without a placeholder`);
  }
  for (const v of await seriousA11yViolations(page)) {
    problems.push(`${where}: axe ${v.impact} ${v.id} (${v.help}) at ${v.nodes.join(', ')}`);
  }
  return problems;
}

/**
 * Required choices (a form item marked required) that show nothing at all: no value and no
 * placeholder saying what to choose (the enrollment code's "For", a booking's interpreter).
 */
async function silentRequiredSelects(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.ant-form-item .ant-select')]
      .filter((select) => select.getClientRects().length > 0)
      .filter((select) => {
        const item = select.closest('.ant-form-item')!;
        return item.querySelector('.ant-form-item-required') && !select.innerText.trim();
      })
      .map((select) => {
        const item = select.closest('.ant-form-item')!;
        return item.querySelector('.ant-form-item-label')?.textContent ?? '?';
      }),
  );
}

/**
 * The page's text as people meet it. An open antd Select keeps a zero-sized listbox for
 * screen readers holding the options around the active one: each is read by its
 * aria-label when it has one, else by its text, which is the option's value (a record id,
 * an IANA zone). So a value is a finding only when a screen reader would read it (not in
 * a closed dropdown, which is display: none).
 */
async function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const hidden = [...document.querySelectorAll<HTMLElement>('[role="listbox"]')].filter(
      (l) => l.offsetWidth === 0 && l.offsetHeight === 0,
    );
    // A closed dropdown (display: none) is read by no one; an open one's zero-sized list is.
    const read = hidden.filter((l) => l.getClientRects().length > 0);
    const spoken = read.flatMap((l) =>
      [...l.querySelectorAll('[role="option"]')].map(
        (o) => o.getAttribute('aria-label') ?? o.textContent ?? '',
      ),
    );
    const displays = hidden.map((l) => l.style.display);
    for (const l of hidden) l.style.display = 'none';
    const text = document.body.innerText;
    hidden.forEach((l, i) => (l.style.display = displays[i]!));
    return [text, ...spoken].join('\n');
  });
}

/** Saves what the page shows as out/screens/<w>x<h>/<name>.png for reading by eye. */
export async function shoot(page: Page, viewport: Viewport, name: string): Promise<void> {
  const dir = resolve(
    import.meta.dirname,
    `../../../out/screens/${viewport.width}x${viewport.height}`,
  );
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name.replace(/[^\w-]+/g, '-')}.png`) });
}

/**
 * Table text broken as nobody reads it (issue 16: "바이/어", "操/作", "上海/事務/所", "Thao /
 * tác" one syllable a line at 1280 px): a header cell on more than two lines, or a cell whose
 * text is one word (no space in it) on more than one. Each as "<text>: <n> lines".
 */
export async function brokenTableText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // The lines a text takes: the distinct tops of its boxes (Range.getClientRects).
    const lines = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const bottoms = [...range.getClientRects()]
        .filter((r) => r.width > 0 && r.height > 0)
        .map((r) => r.bottom)
        .sort((x, y) => x - y);
      // Boxes of one line (a tag beside text) end within a few pixels of each other.
      return bottoms.filter((b, i) => i === 0 || b - bottoms[i - 1]! > 8).length;
    };
    const visible = (el: Element) => (el as HTMLElement).offsetParent !== null;
    const found: string[] = [];
    for (const th of document.querySelectorAll('.ant-table-thead th')) {
      const text = (th as HTMLElement).innerText.trim();
      if (!text || !visible(th)) continue;
      const n = lines(th);
      if (n > 2) found.push(`header "${text.replace(/\s+/g, ' ')}": ${n} lines`);
    }
    for (const td of document.querySelectorAll('.ant-table-tbody td')) {
      const text = (td as HTMLElement).innerText.trim();
      if (!text || /\s/.test(text) || !visible(td)) continue;
      const n = lines(td);
      if (n > 1) found.push(`cell "${text}": ${n} lines`);
    }
    return found;
  });
}
